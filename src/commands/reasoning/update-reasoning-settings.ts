import { InvalidInput } from '../../core/errors.ts';
import { CaseBase, type SimilarityWeights } from '../../core/reasoning/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  loadReasoningSettings,
  type ReasoningSettings,
  saveReasoningSettings,
} from '../../db/repositories/reasoning.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';
import type { SettingsView } from './get-reasoning-settings.ts';

export interface SettingsInput {
  weights?: Partial<SimilarityWeights>;
  abstainBelow?: number | null;
  supportMix?: number | null;
  classifierShare?: number | null;
}

/** Replaces the admin's settings (null or absent = the engine's default); every process applies them at its next sync. */
export async function updateReasoningSettings(
  ctx: CommandContext,
  reasoning: ReasoningService,
  input: SettingsInput,
): Promise<SettingsView> {
  authorize(ctx.actor, 'reasoning.configure');
  const next = {
    weights: input.weights ?? {},
    abstainBelow: input.abstainBelow ?? null,
    supportMix: input.supportMix ?? null,
    classifierShare: input.classifierShare ?? null,
  };
  // Core decides: the engine's own checks (weights ≥ 0, knobs within 0..1) on a scratch case base.
  const probe = new CaseBase();
  probe.setWeights(next.weights);
  probe.configure({
    ...(next.abstainBelow !== null ? { abstainBelow: next.abstainBelow } : {}),
    ...(next.supportMix !== null ? { supportMix: next.supportMix } : {}),
    ...(next.classifierShare !== null ? { classifierShare: next.classifierShare } : {}),
  });
  if (Object.values(next.weights).every((w) => w === 0) && Object.keys(next.weights).length === 7) {
    throw new InvalidInput('reasoning.invalid_weight', 'At least one similarity weight must be above 0.');
  }
  const stored = await ctx.db.transaction(async (tx) => {
    const before = await loadReasoningSettings(tx, true);
    const saved = await saveReasoningSettings(tx, next, ctx.actor.id);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'reasoning.settings_updated',
        entity: 'reasoning_settings',
        entityId: 'default',
        before: pick(before),
        after: pick(saved),
      },
    ]);
    return saved;
  });
  reasoning.applySettings(stored);
  return { stored, effective: reasoning.effective(), status: reasoning.status() };
}

function pick(s: ReasoningSettings) {
  return {
    weights: s.weights,
    abstainBelow: s.abstainBelow,
    supportMix: s.supportMix,
    classifierShare: s.classifierShare,
    version: s.version,
  };
}
