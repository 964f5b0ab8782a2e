import type { RuleWithHistory } from '../../commands/authority/rule-history.ts';
import {
  type ActionType,
  type Approver,
  type AuthorityHeld,
  type AuthorityRule,
  type Decision,
  type FrictionReport,
  formatMoney,
  type LimitState,
  type Money,
  type Remaining,
} from '../../core/authority/index.ts';
import type { ExecutedActionRecord } from '../../db/repositories/authority.ts';
import type { StoredApproval, StoredOverride } from '../../db/repositories/authority-workflow.ts';

/** Money leaves as integer minor units with its currency, plus the text a person reads. */
export function presentMoney(m: Money | null | undefined) {
  return m
    ? { amountMinor: m.amountMinor, currency: m.currency, formatted: formatMoney(m, { grouping: true }) }
    : null;
}

function presentLimit(l: LimitState | null | undefined) {
  if (!l) return null;
  if (l.measure === 'actions') return l;
  return {
    ...l,
    limit: presentMoney(l.limit),
    used: presentMoney(l.used),
    requested: presentMoney(l.requested),
    remaining: presentMoney(l.remaining),
  };
}

function presentRemaining(r: Remaining) {
  return { amount: presentMoney(r.amount), actions: r.actions, binding: r.binding, sentence: r.sentence };
}

function presentApprover(a: Approver | null) {
  if (!a) return null;
  return a.kind === 'person'
    ? {
        kind: 'person' as const,
        person: a.person,
        via: a.via,
        ...(a.role ? { role: a.role } : {}),
        name: a.person.name,
      }
    : { kind: 'role' as const, role: a.role, name: `any ${a.role}` };
}

/** The short reference an agent sees in a decision: which rule, which version, who owns it, why. */
export function presentRuleRef(r: AuthorityRule | null) {
  return r ? { id: r.id, version: r.version, name: r.name, owner: r.owner, rationale: r.rationale } : null;
}

export function presentRule(r: AuthorityRule) {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    actionType: r.actionType,
    scope: r.scope,
    limits: {
      ...(r.limits.perAction ? { perAction: presentMoney(r.limits.perAction) } : {}),
      ...(r.limits.perCustomer
        ? {
            perCustomer: {
              periodDays: r.limits.perCustomer.periodDays,
              ...(r.limits.perCustomer.maxAmount
                ? { maxAmount: presentMoney(r.limits.perCustomer.maxAmount) }
                : {}),
              ...(r.limits.perCustomer.maxActions !== undefined
                ? { maxActions: r.limits.perCustomer.maxActions }
                : {}),
            },
          }
        : {}),
      ...(r.limits.perAgentDay
        ? {
            perAgentDay: {
              ...(r.limits.perAgentDay.maxAmount
                ? { maxAmount: presentMoney(r.limits.perAgentDay.maxAmount) }
                : {}),
              ...(r.limits.perAgentDay.maxActions !== undefined
                ? { maxActions: r.limits.perAgentDay.maxActions }
                : {}),
            },
          }
        : {}),
    },
    conditions: {
      ...r.conditions,
      ...(r.conditions.minLifetimeValue
        ? { minLifetimeValue: presentMoney(r.conditions.minLifetimeValue) }
        : {}),
    },
    owner: r.owner,
    rationale: r.rationale,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    override: r.override,
    approval: r.approval,
    editedBy: r.editedBy,
    editReason: r.editReason,
    editedAt: r.editedAt,
  };
}

export function presentRuleWithHistory(r: RuleWithHistory, withVersions: boolean) {
  return {
    ...presentRule(r.current),
    inForceVersion: r.inForce?.version ?? null,
    inForce: r.inForce !== null,
    ...(withVersions ? { versions: r.versions.map(presentRule) } : {}),
  };
}

export function presentDecision(d: Decision) {
  const base = {
    outcome: d.outcome,
    actionType: d.actionType,
    amount: presentMoney(d.amount),
    reason: d.reason,
    rule: presentRuleRef(d.rule),
  };
  switch (d.outcome) {
    case 'allowed':
      return { ...base, remaining: presentRemaining(d.remaining) };
    case 'needs_approval':
      return {
        ...base,
        approver: presentApprover(d.approver),
        limit: presentLimit(d.limit),
        overridable: d.overridable,
        overrideRoles: d.overrideRoles,
      };
    case 'denied':
      return {
        ...base,
        cause: d.cause,
        owner: d.owner,
        rationale: d.rationale,
        limit: presentLimit(d.limit),
        overridable: d.overridable,
        overrideRoles: d.overrideRoles,
      };
  }
}

export function presentHeld(h: AuthorityHeld) {
  return {
    actionType: h.actionType,
    rule: presentRuleRef(h.rule),
    remaining: presentRemaining(h.remaining),
    askFor: presentApprover(h.askFor),
  };
}

export function presentActionType(t: ActionType) {
  return {
    id: t.id,
    label: t.label,
    verb: t.verb,
    measure: t.measure,
    params: t.params,
    defaultOwner: t.defaultOwner,
  };
}

export function presentAction(a: ExecutedActionRecord) {
  return {
    id: a.id,
    caseId: a.caseId,
    customerId: a.customerId,
    agentId: a.agentId,
    executedBy: a.executedBy,
    actionType: a.actionType,
    amount: presentMoney(a.amount),
    params: a.params,
    basis: a.basis,
    rule: a.ruleId ? { id: a.ruleId, version: a.ruleVersion } : null,
    approvalId: a.approvalId,
    overrideId: a.overrideId,
    executedAt: a.executedAt,
  };
}

export function presentApproval(a: StoredApproval, now: Date) {
  const open = a.status === 'pending' || a.status === 'escalated';
  return {
    id: a.id,
    status: a.status,
    caseId: a.caseId,
    customerId: a.customerId,
    actionType: a.actionType,
    amount: presentMoney(a.amount),
    params: a.request.params,
    rule: { id: a.ruleId, version: a.ruleVersion },
    limit: presentLimit(a.limit),
    requester: a.requester,
    justification: a.justification,
    approver: presentApprover(a.approvers[a.level] ?? a.approvers[0] ?? null),
    approvers: a.approvers.map(presentApprover),
    level: a.level,
    requestedAt: a.requestedAt,
    deadline: a.deadline,
    slaMinutes: a.slaMinutes,
    overdue: open && now.getTime() > a.deadline.getTime(),
    resolution: a.resolution,
    actionId: a.actionId,
    version: a.version,
  };
}

export function presentOverride(o: StoredOverride) {
  return {
    id: o.id,
    caseId: o.caseId,
    customerId: o.customerId,
    actionType: o.actionType,
    amount: presentMoney(o.amount),
    params: o.request.params,
    rule: { id: o.ruleId, version: o.ruleVersion },
    overriddenOutcome: o.overriddenOutcome,
    limit: presentLimit(o.limit),
    by: o.by,
    forAgent: o.forAgent,
    justification: o.justification,
    at: o.at,
    reportTo: o.reportTo,
    acknowledgedAt: o.reportedAt,
  };
}

export function presentFriction(f: FrictionReport, now: Date) {
  return {
    id: f.id,
    rule: { id: f.ruleId, version: f.ruleVersion },
    owner: f.owner,
    reporter: f.reporter,
    reason: f.reason,
    caseIds: f.caseIds,
    createdAt: f.createdAt,
    answerDueAt: f.answerDueAt,
    overdue: f.status === 'open' && now.getTime() > f.answerDueAt.getTime(),
    status: f.status,
    answer: f.answer,
    withdrawnAt: f.withdrawnAt,
  };
}
