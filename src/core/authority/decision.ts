import type { Catalogue } from './catalogue.ts';
import type { LimitState, Remaining } from './limits.ts';
import type { Money } from './money.ts';
import type { AgentProfile, CustomerSituation, PersonRef } from './people.ts';
import type { RuleBook } from './rule-index.ts';
import type { AuthorityRule } from './rules.ts';
import type { UsageSums } from './usage.ts';

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

export function ruleLabel(rule: AuthorityRule): string {
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
