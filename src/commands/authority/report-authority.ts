import {
  type AgentAuthorityRow,
  governingRule,
  heldPerDay,
  type RuleReportRow,
  reportAgentAuthority,
  reportByRule,
} from '../../core/authority/index.ts';
import { InvalidInput } from '../../core/errors.ts';
import {
  findDecisionLog,
  findExecutedBetween,
  loadCaseOutcomes,
  loadStaffProfiles,
} from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';

const DAY_MS = 86_400_000;

function period(now: Date, days: number) {
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new InvalidInput('authority.invalid_period', 'A report covers 1 to 366 days.', { days });
  }
  return { from: new Date(now.getTime() - days * DAY_MS), to: new Date(now.getTime() + 1) };
}

/**
 * Per rule: how often it allowed, needed approval, denied or was overridden over the last `days`
 * days, and how the affected cases ended. CSAT stays null until surveys exist; repeat contact is
 * "the case was reopened" for now.
 */
export async function reportRules(
  ctx: CommandContext,
  days: number,
): Promise<{
  from: Date;
  to: Date;
  rows: (RuleReportRow & { ruleName: string | null; owner: { id: string; name: string } | null })[];
}> {
  authorize(ctx.actor, 'authority.report');
  const { from, to } = period(ctx.clock.now(), days);
  return ctx.db.transaction(async (tx) => {
    const log = await findDecisionLog(tx, from, to);
    const caseIds = [...new Set(log.map((e) => e.caseId).filter((c): c is string => c !== null))];
    const rows = reportByRule(log, await loadCaseOutcomes(tx, caseIds));
    const state = await loadAuthorityState(ctx.db, tx);
    const latest = new Map<string, { name: string; owner: { id: string; name: string }; version: number }>();
    for (const r of state.rules) {
      const seen = latest.get(r.id);
      if (!seen || seen.version < r.version)
        latest.set(r.id, { name: r.name, owner: r.owner, version: r.version });
    }
    return {
      from,
      to,
      rows: rows.map((row) => ({
        ...row,
        ruleName: row.ruleId ? (latest.get(row.ruleId)?.name ?? null) : null,
        owner: row.ruleId ? (latest.get(row.ruleId)?.owner ?? null) : null,
      })),
    };
  });
}

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
