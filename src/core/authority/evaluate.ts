import {
  type ActionRequest,
  type ActionType,
  type Catalogue,
  getActionType,
  validateActionRequest,
} from './catalogue.ts';
import { unmetConditions } from './conditions.ts';
import { describeLimit, type LimitState, limitStates, type Remaining, summarizeRemaining } from './limits.ts';
import type { Money } from './money.ts';
import type { AgentProfile, CustomerSituation, PersonRef, TimeWindow } from './people.ts';
import { indexRules, isRuleBook, type RuleBook, rulesFor } from './rule-index.ts';
import { type AuthorityRule, conditionCount } from './rules.ts';
import { dayWindow, isWithin, rollingWindow } from './time-windows.ts';
import { NO_USAGE, type Usage, type UsageQuery, type UsageSums } from './usage.ts';

export interface AuthorityContext {
  readonly agent: AgentProfile;
  readonly customer: CustomerSituation;
  readonly catalogue: Catalogue;
  /** Pass a RuleBook (`indexRules`) built once; a plain array is indexed on every call. */
  readonly rules: RuleBook | readonly AuthorityRule[];
  readonly usage: UsageSums;
}

export type Approver =
  | {
      readonly kind: 'person';
      readonly person: PersonRef;
      readonly via: 'owner' | 'role' | 'person';
      readonly role?: string;
    }
  | { readonly kind: 'role'; readonly role: string };

export type DenialCause = 'no_rule' | 'conditions_not_met' | 'over_limit_no_approval';

interface DecisionBase {
  readonly actionType: string;
  readonly amount: Money | null;
  /** One plain sentence the agent sees: what happened, under which rule, and who owns it. */
  readonly reason: string;
}

export interface Allowed extends DecisionBase {
  readonly outcome: 'allowed';
  readonly rule: AuthorityRule;
  /** What is left after this action. */
  readonly remaining: Remaining;
}

export interface NeedsApproval extends DecisionBase {
  readonly outcome: 'needs_approval';
  readonly rule: AuthorityRule;
  readonly approver: Approver;
  /** The first limit the request breaks (per action, then per customer, then per day). */
  readonly limit: LimitState;
  readonly overridable: boolean;
  readonly overrideRoles: readonly string[];
}

export interface Denied extends DecisionBase {
  readonly outcome: 'denied';
  readonly cause: DenialCause;
  readonly rule: AuthorityRule | null;
  readonly owner: PersonRef;
  readonly rationale: string;
  /** Set when the denial comes from a limit with no approval route. */
  readonly limit?: LimitState;
  readonly overridable: boolean;
  readonly overrideRoles: readonly string[];
}

export type Decision = Allowed | NeedsApproval | Denied;

function bookOf(rules: RuleBook | readonly AuthorityRule[]): RuleBook {
  return isRuleBook(rules) ? rules : indexRules(rules);
}

function ruleLabel(rule: AuthorityRule): string {
  return `rule "${rule.name}" v${rule.version}, owned by ${rule.owner.name}`;
}

export function resolveApprover(rule: AuthorityRule, agent: AgentProfile): Approver | null {
  const route = rule.approval;
  switch (route.by) {
    case 'owner':
      return { kind: 'person', person: rule.owner, via: 'owner' };
    case 'person':
      return { kind: 'person', person: route.person, via: 'person' };
    case 'role': {
      const person = agent.approvers?.[route.role];
      return person
        ? { kind: 'person', person, via: 'role', role: route.role }
        : { kind: 'role', role: route.role };
    }
    case 'none':
      return null;
  }
}

export function approverName(approver: Approver): string {
  return approver.kind === 'person' ? approver.person.name : `a ${approver.role}`;
}

interface Governing {
  readonly rule: AuthorityRule | null;
  /** The most specific rule in scope, when none had its conditions met. */
  readonly nearest: AuthorityRule | null;
  readonly unmet: readonly string[];
}

/** Most specific rule whose customer conditions hold; precedence is documented in docs/authority.md. */
function governingRule(
  book: RuleBook,
  agent: AgentProfile,
  actionType: string,
  customer: CustomerSituation | null,
  now: Date,
): Governing {
  const candidates = rulesFor(book, agent, actionType, now);
  for (const rule of candidates) {
    const unmet = customer ? unmetConditions(rule.conditions, customer, now) : [];
    const unconditional = conditionCount(rule.conditions) === 0;
    if (customer ? unmet.length === 0 : unconditional) return { rule, nearest: null, unmet: [] };
  }
  const nearest = candidates[0] ?? null;
  return {
    rule: null,
    nearest,
    unmet: nearest && customer ? unmetConditions(nearest.conditions, customer, now) : [],
  };
}

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

export interface AuthorityHeld {
  readonly actionType: string;
  readonly rule: AuthorityRule | null;
  readonly remaining: Remaining;
  /** Who to ask for more: the approver past the limit, or the catalogue owner when no rule applies. */
  readonly askFor: Approver | null;
}

/**
 * What the agent can still do for an action type: "You can credit up to 50.00 EUR more today."
 * Without a customer only unconditional rules count, since conditions are about a customer.
 */
export function remainingAuthority(
  agent: AgentProfile,
  actionType: string,
  context: {
    readonly catalogue: Catalogue;
    readonly rules: RuleBook | readonly AuthorityRule[];
    readonly usage?: UsageSums;
    readonly customer?: CustomerSituation;
  },
  now: Date,
): AuthorityHeld {
  const type = getActionType(context.catalogue, actionType);
  const { rule, nearest } = governingRule(
    bookOf(context.rules),
    agent,
    type.id,
    context.customer ?? null,
    now,
  );
  if (!rule) {
    const what = type.label.toLowerCase();
    const sentence = !nearest
      ? `You have no authority for ${what}; ask ${type.defaultOwner.name}, who owns ${type.label}.`
      : context.customer
        ? `This customer does not meet the conditions for ${what} (${ruleLabel(nearest)}).`
        : `Your authority for ${what} depends on the customer (${ruleLabel(nearest)}).`;
    return {
      actionType: type.id,
      rule: nearest,
      // Zero actions left says "none" for money and count types alike.
      remaining: { amount: null, actions: 0, binding: null, sentence },
      askFor: nearest
        ? resolveApprover(nearest, agent)
        : { kind: 'person', person: type.defaultOwner, via: 'owner' },
    };
  }
  const remaining = summarizeRemaining(type, limitStates(rule, null, 0, context.usage ?? NO_USAGE));
  return { actionType: type.id, rule, remaining, askFor: resolveApprover(rule, agent) };
}

/**
 * Every action type in the catalogue with what the agent can still do, for the console's
 * "what I may do" panel, so the UI never re-implements the rules.
 */
export function authoritySummary(
  agent: AgentProfile,
  context: Parameters<typeof remainingAuthority>[2] & {
    readonly usageByAction?: Readonly<Record<string, UsageSums>>;
  },
  now: Date,
): AuthorityHeld[] {
  const book = bookOf(context.rules);
  return [...context.catalogue.types.keys()].map((actionType) =>
    remainingAuthority(
      agent,
      actionType,
      { ...context, rules: book, usage: context.usageByAction?.[actionType] ?? NO_USAGE },
      now,
    ),
  );
}
