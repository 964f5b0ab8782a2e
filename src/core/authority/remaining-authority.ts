import { type Catalogue, getActionType } from './catalogue.ts';
import { type Approver, resolveApprover, ruleLabel } from './decision.ts';
import { bookOf, governingRule } from './governing-rule.ts';
import { limitStates, type Remaining, summarizeRemaining } from './limits.ts';
import type { AgentProfile, CustomerSituation } from './people.ts';
import type { RuleBook } from './rule-index.ts';
import type { AuthorityRule } from './rules.ts';
import { NO_USAGE, type UsageSums } from './usage.ts';

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
