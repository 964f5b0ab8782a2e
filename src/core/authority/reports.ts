import type { Decision } from './decision.ts';
import { CurrencyMismatch } from './errors.ts';
import type { Money } from './money.ts';
import type { AuthorityRule } from './rules.ts';
import type { ExecutedAction } from './usage.ts';

/** One evaluated request as the decision log stores it. */
export interface DecisionLogEntry {
  readonly at: Date;
  readonly agentId: string;
  readonly caseId: string | null;
  readonly actionType: string;
  readonly ruleId: string | null;
  readonly ruleVersion: number | null;
  readonly outcome: Decision['outcome'];
  readonly overridden: boolean;
  readonly amount: Money | null;
}

export function toLogEntry(
  decision: Decision,
  meta: {
    readonly at: Date;
    readonly agentId: string;
    readonly caseId: string | null;
    readonly overridden?: boolean;
  },
): DecisionLogEntry {
  return {
    at: meta.at,
    agentId: meta.agentId,
    caseId: meta.caseId,
    actionType: decision.actionType,
    ruleId: decision.rule?.id ?? null,
    ruleVersion: decision.rule?.version ?? null,
    outcome: decision.outcome,
    overridden: meta.overridden ?? false,
    amount: decision.amount,
  };
}

export interface CaseOutcome {
  readonly caseId: string;
  /** 1–5, null when the customer did not answer the survey. */
  readonly csat: number | null;
  readonly repeatContact: boolean;
}

export interface RuleReportRow {
  /** null groups requests no rule covered. */
  readonly ruleId: string | null;
  readonly allowed: number;
  readonly needsApproval: number;
  readonly denied: number;
  readonly overridden: number;
  readonly total: number;
  readonly cases: number;
  readonly csatResponses: number;
  readonly csatAverage: number | null;
  readonly casesWithOutcome: number;
  readonly repeatContactRate: number | null;
}

interface Tally {
  allowed: number;
  needsApproval: number;
  denied: number;
  overridden: number;
  cases: Set<string>;
}

/** Per rule: how it decided and how the affected cases ended, so owners can judge their rules by results. */
export function reportByRule(
  log: readonly DecisionLogEntry[],
  outcomes: readonly CaseOutcome[],
): RuleReportRow[] {
  const tallies = new Map<string | null, Tally>();
  for (const e of log) {
    let t = tallies.get(e.ruleId);
    if (!t) {
      t = { allowed: 0, needsApproval: 0, denied: 0, overridden: 0, cases: new Set() };
      tallies.set(e.ruleId, t);
    }
    if (e.outcome === 'allowed') t.allowed++;
    else if (e.outcome === 'needs_approval') t.needsApproval++;
    else t.denied++;
    if (e.overridden) t.overridden++;
    if (e.caseId) t.cases.add(e.caseId);
  }
  const byCase = new Map(outcomes.map((o) => [o.caseId, o]));
  const rows: RuleReportRow[] = [];
  for (const [ruleId, t] of tallies) {
    const known = [...t.cases].map((c) => byCase.get(c)).filter((o): o is CaseOutcome => o !== undefined);
    const scores = known.map((o) => o.csat).filter((s): s is number => s !== null);
    rows.push({
      ruleId,
      allowed: t.allowed,
      needsApproval: t.needsApproval,
      denied: t.denied,
      overridden: t.overridden,
      total: t.allowed + t.needsApproval + t.denied,
      cases: t.cases.size,
      csatResponses: scores.length,
      csatAverage: scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
      casesWithOutcome: known.length,
      repeatContactRate: known.length
        ? round2(known.filter((o) => o.repeatContact).length / known.length)
        : null,
    });
  }
  // Busiest rules first; the "no rule" group goes last among equals.
  return rows.sort((a, b) => b.total - a.total || (a.ruleId ?? '\uffff').localeCompare(b.ruleId ?? '\uffff'));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The daily authority an agent holds for one action type, from the rule that governs them. */
export interface AuthorityHeldPerDay {
  readonly agentId: string;
  readonly actionType: string;
  readonly ruleId: string | null;
  readonly perDayAmount: Money | null;
  readonly perDayActions: number | null;
}

export function heldPerDay(
  agentId: string,
  actionType: string,
  rule: AuthorityRule | null,
): AuthorityHeldPerDay {
  return {
    agentId,
    actionType,
    ruleId: rule?.id ?? null,
    perDayAmount: rule?.limits.perAgentDay?.maxAmount ?? null,
    perDayActions: rule?.limits.perAgentDay?.maxActions ?? null,
  };
}

export interface AgentAuthorityRow {
  readonly agentId: string;
  readonly actionType: string;
  readonly usedAmountMinor: number;
  readonly usedActions: number;
  readonly heldAmountMinor: number | null;
  readonly heldActions: number | null;
  readonly currency: string | null;
  /** used ÷ held over the period; null when the authority is unlimited or not held. */
  readonly amountUtilisation: number | null;
  readonly actionUtilisation: number | null;
}

/**
 * Authority used vs held per agent over `days` days. Low use of a large authority is as
 * telling as hitting the ceiling: agents may not know, or not trust, what they are allowed.
 */
export function reportAgentAuthority(
  executed: readonly ExecutedAction[],
  held: readonly AuthorityHeldPerDay[],
  days: number,
): AgentAuthorityRow[] {
  const used = new Map<string, { amount: number; actions: number; currency: string | null }>();
  for (const e of executed) {
    const key = `${e.agentId}\u0000${e.actionType}`;
    const u = used.get(key) ?? { amount: 0, actions: 0, currency: null };
    if (u.currency && e.amount && e.amount.currency !== u.currency) {
      throw new CurrencyMismatch(u.currency, e.amount.currency, `${e.agentId}'s ${e.actionType} usage`);
    }
    used.set(key, {
      amount: u.amount + (e.amount?.amountMinor ?? 0),
      actions: u.actions + 1,
      currency: e.amount?.currency ?? u.currency,
    });
  }
  return held.map((h) => {
    const u = used.get(`${h.agentId}\u0000${h.actionType}`) ?? { amount: 0, actions: 0, currency: null };
    if (h.perDayAmount && u.currency && u.currency !== h.perDayAmount.currency) {
      throw new CurrencyMismatch(
        h.perDayAmount.currency,
        u.currency,
        `${h.agentId}'s ${h.actionType} authority`,
      );
    }
    const heldAmount = h.perDayAmount ? h.perDayAmount.amountMinor * days : null;
    const heldActions = h.perDayActions !== null ? h.perDayActions * days : null;
    return {
      agentId: h.agentId,
      actionType: h.actionType,
      usedAmountMinor: u.amount,
      usedActions: u.actions,
      heldAmountMinor: heldAmount,
      heldActions,
      currency: h.perDayAmount?.currency ?? u.currency,
      amountUtilisation: heldAmount ? round2(u.amount / heldAmount) : null,
      actionUtilisation: heldActions ? round2(u.actions / heldActions) : null,
    };
  });
}
