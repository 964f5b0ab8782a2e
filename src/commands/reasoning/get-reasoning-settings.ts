import { loadReasoningSettings, type ReasoningSettings } from '../../db/repositories/reasoning.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface SettingsView {
  stored: ReasoningSettings;
  effective: ReturnType<ReasoningService['effective']>;
  status: ReturnType<ReasoningService['status']>;
}

export async function getReasoningSettings(
  ctx: CommandContext,
  reasoning: ReasoningService,
): Promise<SettingsView> {
  authorize(ctx.actor, 'reasoning.configure');
  const stored = await loadReasoningSettings(ctx.db.db);
  return { stored, effective: reasoning.effective(), status: reasoning.status() };
}
