import type { AgentProfile } from './people.ts';
import {
  type AuthorityRule,
  conditionCount,
  type RuleScope,
  scopeSpecificity,
  versionInForce,
} from './rules.ts';

/**
 * Rules indexed by action type and exact scope, so an evaluation looks at the 16 scope shapes
 * that could match one agent instead of scanning every rule. Build once per rules change.
 */
export interface RuleBook {
  readonly byActionAndScope: ReadonlyMap<string, ReadonlyMap<string, readonly AuthorityRule[]>>;
  readonly versionsById: ReadonlyMap<string, readonly AuthorityRule[]>;
  readonly size: number;
}

const ABSENT = '\u0000';

function scopeKey(s: RuleScope): string {
  return `${s.agentId ?? ABSENT}|${s.teamId ?? ABSENT}|${s.siteId ?? ABSENT}|${s.role ?? ABSENT}`;
}

export function indexRules(rules: readonly AuthorityRule[]): RuleBook {
  const byActionAndScope = new Map<string, Map<string, AuthorityRule[]>>();
  const versionsById = new Map<string, AuthorityRule[]>();
  for (const rule of rules) {
    let byScope = byActionAndScope.get(rule.actionType);
    if (!byScope) {
      byScope = new Map();
      byActionAndScope.set(rule.actionType, byScope);
    }
    const key = scopeKey(rule.scope);
    const bucket = byScope.get(key);
    if (bucket) bucket.push(rule);
    else byScope.set(key, [rule]);
    const versions = versionsById.get(rule.id);
    if (versions) versions.push(rule);
    else versionsById.set(rule.id, [rule]);
  }
  return { byActionAndScope, versionsById, size: rules.length };
}

export function isRuleBook(rules: RuleBook | readonly AuthorityRule[]): rules is RuleBook {
  return !Array.isArray(rules);
}

function candidateKeys(agent: AgentProfile): string[] {
  const keys: string[] = [];
  for (const a of [agent.id, ABSENT])
    for (const t of [agent.teamId, ABSENT])
      for (const s of [agent.siteId, ABSENT])
        for (const r of [agent.role, ABSENT]) keys.push(`${a}|${t}|${s}|${r}`);
  return keys;
}

/** Most specific first: scope specificity, then more customer conditions, then rule id for a stable order. */
export function compareRulePrecedence(a: AuthorityRule, b: AuthorityRule): number {
  return (
    scopeSpecificity(b.scope) - scopeSpecificity(a.scope) ||
    conditionCount(b.conditions) - conditionCount(a.conditions) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Rules in force at `now` whose scope matches the agent, in precedence order. */
export function rulesFor(
  book: RuleBook,
  agent: AgentProfile,
  actionType: string,
  now: Date,
): AuthorityRule[] {
  const byScope = book.byActionAndScope.get(actionType);
  if (!byScope) return [];
  const found: AuthorityRule[] = [];
  for (const key of candidateKeys(agent)) {
    const bucket = byScope.get(key);
    if (!bucket) continue;
    for (const rule of bucket) {
      if (versionInForce(book.versionsById.get(rule.id) ?? [rule], now) === rule) found.push(rule);
    }
  }
  return found.sort(compareRulePrecedence);
}

/**
 * Pairs of rules in force at `at` that an evaluation could not tell apart by scope or by number
 * of conditions, so only the id tie-break decides between them. Admin screens show these so an
 * owner resolves them on purpose.
 */
export function findAmbiguousRules(book: RuleBook, at: Date): [AuthorityRule, AuthorityRule][] {
  const pairs: [AuthorityRule, AuthorityRule][] = [];
  for (const byScope of book.byActionAndScope.values()) {
    for (const bucket of byScope.values()) {
      const live = bucket.filter((r) => versionInForce(book.versionsById.get(r.id) ?? [r], at) === r);
      for (let i = 0; i < live.length; i++) {
        for (let j = i + 1; j < live.length; j++) {
          const a = live[i]!;
          const b = live[j]!;
          if (conditionCount(a.conditions) === conditionCount(b.conditions))
            pairs.push(a.id < b.id ? [a, b] : [b, a]);
        }
      }
    }
  }
  return pairs;
}
