import { type ActionRequest, type ActionType, getActionType, validateActionRequest } from './catalogue.ts';
import {
  type AuthorityContext,
  approverName,
  type Decision,
  type Denied,
  resolveApprover,
  ruleLabel,
} from './decision.ts';
import { bookOf, type Governing, governingRule } from './governing-rule.ts';
import { describeLimit, limitStates, summarizeRemaining } from './limits.ts';
import type { Money } from './money.ts';
import type { AgentProfile, TimeWindow } from './people.ts';
import type { AuthorityRule } from './rules.ts';
import { dayWindow, isWithin, rollingWindow } from './time-windows.ts';
import type { Usage, UsageQuery, UsageSums } from './usage.ts';

function denyWithoutRule(
  type: ActionType,
  agent: AgentProfile,
  amount: Money | null,
  governing: Governing,
): Denied {
  const base = {
    outcome: 'denied' as const,
    actionType: type.id,
    amount,
    overridable: false,
    overrideRoles: [],
  };
  const nearest = governing.nearest;
  if (nearest) {
    return {
      ...base,
      cause: 'conditions_not_met',
      rule: nearest,
      owner: nearest.owner,
      rationale: nearest.rationale,
      overridable: nearest.override.allowed,
      overrideRoles: nearest.override.roles,
      reason: `${type.label} is allowed by ${ruleLabel(nearest)}, only when its conditions hold: ${governing.unmet.join('; ')}.`,
    };
  }
  return {
    ...base,
    cause: 'no_rule',
    rule: null,
    owner: type.defaultOwner,
    rationale: `No rule gives this authority yet; ${type.defaultOwner.name} owns ${type.label} in the catalogue.`,
    reason: `No rule in force lets a ${agent.role} (team ${agent.teamId}, site ${agent.siteId}) ${type.verb}; ask ${type.defaultOwner.name}, who owns ${type.label}, to decide or to add a rule.`,
  };
}

function addUsage(u: Usage, amount: Money | null): Usage {
  if (!amount) return { ...u, actions: u.actions + 1 };
  const prior = u.amount?.currency === amount.currency ? u.amount.amountMinor : 0;
  return {
    amount: { amountMinor: prior + amount.amountMinor, currency: amount.currency },
    actions: u.actions + 1,
  };
}

/**
 * Decides one action request. Pure and deterministic: the caller re-runs it inside the
 * transaction that locks the customer's usage row, with usage re-read under the lock, and
 * persists only what that second run allows.
 */
export function evaluateAction(request: ActionRequest, context: AuthorityContext, now: Date): Decision {
  const { type, amount } = validateActionRequest(context.catalogue, request);
  const { agent } = context;
  const governing = governingRule(bookOf(context.rules), agent, type.id, context.customer, now);
  const rule = governing.rule;
  if (!rule) return denyWithoutRule(type, agent, amount, governing);

  const states = limitStates(rule, amount, 1, context.usage);
  const breached = states.find((s) => s.exceeded);
  if (!breached) {
    const after: UsageSums = {
      customerInPeriod: addUsage(context.usage.customerInPeriod, amount),
      agentToday: addUsage(context.usage.agentToday, amount),
    };
    const remaining = summarizeRemaining(type, limitStates(rule, null, 0, after));
    return {
      outcome: 'allowed',
      actionType: type.id,
      amount,
      rule,
      remaining,
      reason: `Within ${ruleLabel(rule)}. After this, ${remaining.sentence.charAt(0).toLowerCase()}${remaining.sentence.slice(1)}`,
    };
  }

  const approver = resolveApprover(rule, agent);
  const overridable = rule.override.allowed;
  if (!approver) {
    return {
      outcome: 'denied',
      cause: 'over_limit_no_approval',
      actionType: type.id,
      amount,
      rule,
      owner: rule.owner,
      rationale: rule.rationale,
      limit: breached,
      overridable,
      overrideRoles: rule.override.roles,
      reason: `${describeLimit(breached)} under ${ruleLabel(rule)}, which has no approval route.`,
    };
  }
  return {
    outcome: 'needs_approval',
    actionType: type.id,
    amount,
    rule,
    approver,
    limit: breached,
    overridable,
    overrideRoles: rule.override.roles,
    reason: `${describeLimit(breached)} under ${ruleLabel(rule)}; ${approverName(approver)} can approve it.`,
  };
}

/** "Today" for the agent: the precomputed window when it covers now, else the site's time zone. */
export function agentDay(agent: AgentProfile, now: Date): TimeWindow {
  return agent.dayWindow && isWithin(now, agent.dayWindow) ? agent.dayWindow : dayWindow(now, agent.timeZone);
}

/**
 * Which usage the caller must load before `evaluateAction`: the rolling window of the rule that
 * would govern (null when it has no per-customer limit) and the agent's day.
 */
export function usageWindowsFor(
  request: ActionRequest,
  context: Omit<AuthorityContext, 'usage'>,
  now: Date,
): UsageQuery & { readonly rule: AuthorityRule | null } {
  const type = getActionType(context.catalogue, request.actionType);
  const { rule } = governingRule(bookOf(context.rules), context.agent, type.id, context.customer, now);
  const periodDays = rule?.limits.perCustomer?.periodDays;
  return {
    rule,
    actionType: type.id,
    customerId: request.customerId,
    agentId: context.agent.id,
    customerWindow: periodDays ? rollingWindow(now, periodDays) : null,
    agentDayWindow: agentDay(context.agent, now),
  };
}
