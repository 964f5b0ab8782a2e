import { unmetConditions } from './conditions.ts';
import type { AgentProfile, CustomerSituation } from './people.ts';
import { indexRules, isRuleBook, type RuleBook, rulesFor } from './rule-index.ts';
import { type AuthorityRule, conditionCount } from './rules.ts';

/** Callers on a hot path pass a prebuilt RuleBook; an array is indexed on the spot. */
export function bookOf(rules: RuleBook | readonly AuthorityRule[]): RuleBook {
  return isRuleBook(rules) ? rules : indexRules(rules);
}

export interface Governing {
  readonly rule: AuthorityRule | null;
  /** The most specific rule in scope, when none had its conditions met. */
  readonly nearest: AuthorityRule | null;
  readonly unmet: readonly string[];
}

/** Most specific rule whose customer conditions hold; precedence is documented in docs/authority.md. */
export function governingRule(
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
