import {
  type AgentAuthorityRow,
  governingRule,
  heldPerDay,
  reportAgentAuthority,
} from '../../core/authority/index.ts';
import { findExecutedBetween, loadStaffProfiles } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';
import { period } from './report-period.ts';

/** Per agent and action type: authority used against authority held (per-day limit × days). */
export async function reportAgents(
  ctx: CommandContext,
  days: number,
): Promise<{ from: Date; to: Date; rows: (AgentAuthorityRow & { agentName: string })[] }> {
  authorize(ctx.actor, 'authority.report');
  const now = ctx.clock.now();
  const { from, to } = period(now, days);
  return ctx.db.transaction(async (tx) => {
    const state = await loadAuthorityState(ctx.db, tx);
    const staff = await loadStaffProfiles(tx);
    const executed = await findExecutedBetween(tx, from, to);
    const acted = new Set(executed.map((e) => `${e.agentId}\u0000${e.actionType}`));
    const names = new Map(staff.map((s) => [s.profile.id, s.profile.name]));
    const held = staff.flatMap(({ profile }) =>
      [...state.catalogue.types.keys()]
        .map((actionType) =>
          heldPerDay(profile.id, actionType, governingRule(state.book, profile, actionType, null, now).rule),
        )
        // Only rows that say something: authority held, or authority used.
        .filter((h) => h.ruleId !== null || acted.has(`${h.agentId}\u0000${h.actionType}`)),
    );
    const rows = reportAgentAuthority(executed, held, days).map((r) => ({
      ...r,
      agentName: names.get(r.agentId) ?? r.agentId,
    }));
    return { from, to, rows };
  });
}
