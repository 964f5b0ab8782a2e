import { type RuleReportRow, reportByRule } from '../../core/authority/index.ts';
import { findDecisionLog, loadCaseOutcomes } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';
import { period } from './report-period.ts';

/**
 * Per rule: how often it allowed, needed approval, denied or was overridden over the last `days`
 * days, and how the affected cases ended: average CSAT of their ratings (docs/ratings.md) and the
 * repeat-contact rate (reopened, or the customer opened another case within 7 days of resolution).
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
