import { Conflict } from '../errors.ts';
import type { Catalogue } from './catalogue.ts';
import { type FieldProblem, InvalidRule } from './errors.ts';
import { MAX_AMOUNT_MAJOR, type Money, maxAmountMinor } from './money.ts';
import type { PersonRef } from './people.ts';

/**
 * Who a rule speaks to. Every field given must match the agent; an empty scope speaks to everyone.
 * Fields combine: `{siteId: 'lyon', role: 'lead'}` means leads at Lyon.
 */
export interface RuleScope {
  readonly agentId?: string;
  readonly teamId?: string;
  readonly siteId?: string;
  readonly role?: string;
}

export interface AmountOrCountLimit {
  readonly maxAmount?: Money;
  readonly maxActions?: number;
}

export interface RuleLimits {
  readonly perAction?: Money;
  /** Rolling period in whole days (30 = the last 30 × 24 hours), per customer, for this action type. */
  readonly perCustomer?: AmountOrCountLimit & { readonly periodDays: number };
  /** The agent's calendar day in their site's time zone, for this action type. */
  readonly perAgentDay?: AmountOrCountLimit;
}

/** All given conditions must hold; thresholds are inclusive ("at least", "at most"). */
export interface CustomerConditions {
  readonly tiers?: readonly string[];
  readonly minLifetimeValue?: Money;
  readonly minTenureDays?: number;
  readonly maxOpenProblems?: number;
  readonly receiptOnFile?: boolean;
  readonly underWarranty?: boolean;
}

/** Who approves past the limit: the rule's owner, a role resolved from the agent (lead, manager), a named person, or nobody. */
export type ApprovalRoute =
  | { readonly by: 'owner' }
  | { readonly by: 'role'; readonly role: string }
  | { readonly by: 'person'; readonly person: PersonRef }
  | { readonly by: 'none' };

export interface OverridePolicy {
  readonly allowed: boolean;
  readonly roles: readonly string[];
}

export interface AuthorityRule {
  /** Stable across versions. */
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly actionType: string;
  readonly scope: RuleScope;
  readonly limits: RuleLimits;
  readonly conditions: CustomerConditions;
  readonly owner: PersonRef;
  readonly rationale: string;
  readonly effectiveFrom: Date;
  /** Exclusive; null means until a later version replaces it. */
  readonly effectiveTo: Date | null;
  readonly override: OverridePolicy;
  readonly approval: ApprovalRoute;
  readonly editedBy: PersonRef;
  readonly editReason: string;
  readonly editedAt: Date;
}

export const MIN_RATIONALE_LENGTH = 10;
export const MAX_PERIOD_DAYS = 366;
export const MAX_ACTIONS_LIMIT = 10_000;

/** Agent beats team beats site beats role; combined scopes add up, so "role at site" beats "site". */
const SPECIFICITY = { agentId: 8, teamId: 4, siteId: 2, role: 1 } as const;

export function scopeSpecificity(scope: RuleScope): number {
  let s = 0;
  if (scope.agentId !== undefined) s += SPECIFICITY.agentId;
  if (scope.teamId !== undefined) s += SPECIFICITY.teamId;
  if (scope.siteId !== undefined) s += SPECIFICITY.siteId;
  if (scope.role !== undefined) s += SPECIFICITY.role;
  return s;
}

export function conditionCount(c: CustomerConditions): number {
  return (
    (c.tiers ? 1 : 0) +
    (c.minLifetimeValue ? 1 : 0) +
    (c.minTenureDays !== undefined ? 1 : 0) +
    (c.maxOpenProblems !== undefined ? 1 : 0) +
    (c.receiptOnFile !== undefined ? 1 : 0) +
    (c.underWarranty !== undefined ? 1 : 0)
  );
}

function moneyProblem(
  path: string,
  m: Money | undefined,
  problems: FieldProblem[],
  currencies: Set<string>,
): void {
  if (!m) return;
  if (!/^[A-Z]{3}$/.test(m.currency)) problems.push({ path, message: `${path} has no valid currency.` });
  else currencies.add(m.currency);
  if (!Number.isSafeInteger(m.amountMinor) || m.amountMinor < 0) {
    problems.push({ path, message: `${path} must be zero or more, in whole minor units.` });
  } else if (m.amountMinor > maxAmountMinor(m.currency)) {
    problems.push({ path, message: `${path} is above the ${MAX_AMOUNT_MAJOR} ${m.currency} ceiling.` });
  }
}

function countProblem(path: string, n: number | undefined, max: number, problems: FieldProblem[]): void {
  if (n === undefined) return;
  if (!Number.isInteger(n) || n < 0 || n > max)
    problems.push({ path, message: `${path} must be a whole number from 0 to ${max}.` });
}

const CONDITION_KEYS = [
  'tiers',
  'minLifetimeValue',
  'minTenureDays',
  'maxOpenProblems',
  'receiptOnFile',
  'underWarranty',
];

function unknownKeys(path: string, value: object, known: readonly string[], problems: FieldProblem[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      problems.push({
        path: `${path}.${key}`,
        message: `${path}.${key} is not something a rule understands.`,
      });
  }
}

/** Every reason a rule cannot be saved, so an editor sees them all at once. */
export function findRuleProblems(rule: AuthorityRule, catalogue: Catalogue): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const type = catalogue.types.get(rule.actionType);
  if (!type) problems.push({ path: 'actionType', message: `There is no action type "${rule.actionType}".` });
  if (!rule.id.trim()) problems.push({ path: 'id', message: 'A rule needs an id.' });
  if (!Number.isInteger(rule.version) || rule.version < 1)
    problems.push({ path: 'version', message: 'Versions start at 1.' });
  if (!rule.name.trim()) problems.push({ path: 'name', message: 'A rule needs a name.' });
  if (!rule.owner.id.trim() || !rule.owner.name.trim()) {
    problems.push({ path: 'owner', message: 'A rule needs a named owner who answers for it.' });
  }
  if (rule.rationale.trim().length < MIN_RATIONALE_LENGTH) {
    problems.push({
      path: 'rationale',
      message: `Explain the rule in plain words (at least ${MIN_RATIONALE_LENGTH} characters).`,
    });
  }
  if (Number.isNaN(rule.effectiveFrom.getTime()))
    problems.push({ path: 'effectiveFrom', message: 'effectiveFrom is not a date.' });
  if (rule.effectiveTo && !(rule.effectiveTo.getTime() > rule.effectiveFrom.getTime())) {
    problems.push({ path: 'effectiveTo', message: 'effectiveTo must be after effectiveFrom.' });
  }
  // Unknown keys would be ignored when matching, silently widening the rule; refuse them instead.
  unknownKeys('scope', rule.scope, ['agentId', 'teamId', 'siteId', 'role'], problems);
  unknownKeys('conditions', rule.conditions, CONDITION_KEYS, problems);
  unknownKeys('limits', rule.limits, ['perAction', 'perCustomer', 'perAgentDay'], problems);
  for (const [key, value] of Object.entries(rule.scope)) {
    if (typeof value !== 'string' || !value.trim())
      problems.push({ path: `scope.${key}`, message: `scope.${key} is empty.` });
  }

  const currencies = new Set<string>();
  const { perAction, perCustomer, perAgentDay } = rule.limits;
  moneyProblem('limits.perAction', perAction, problems, currencies);
  moneyProblem('limits.perCustomer.maxAmount', perCustomer?.maxAmount, problems, currencies);
  moneyProblem('limits.perAgentDay.maxAmount', perAgentDay?.maxAmount, problems, currencies);
  countProblem('limits.perCustomer.maxActions', perCustomer?.maxActions, MAX_ACTIONS_LIMIT, problems);
  countProblem('limits.perAgentDay.maxActions', perAgentDay?.maxActions, MAX_ACTIONS_LIMIT, problems);
  if (perCustomer) {
    countProblem('limits.perCustomer.periodDays', perCustomer.periodDays, MAX_PERIOD_DAYS, problems);
    if (perCustomer.periodDays === 0)
      problems.push({ path: 'limits.perCustomer.periodDays', message: 'A period needs at least one day.' });
    if (!perCustomer.maxAmount && perCustomer.maxActions === undefined) {
      problems.push({
        path: 'limits.perCustomer',
        message: 'A per-customer limit needs maxAmount or maxActions.',
      });
    }
  }
  if (perAgentDay && !perAgentDay.maxAmount && perAgentDay.maxActions === undefined) {
    problems.push({ path: 'limits.perAgentDay', message: 'A per-day limit needs maxAmount or maxActions.' });
  }
  if (currencies.size > 1)
    problems.push({ path: 'limits', message: `Limits mix currencies (${[...currencies].join(', ')}).` });
  if (type?.measure === 'count' && currencies.size > 0) {
    problems.push({ path: 'limits', message: `${type.label} is counted, not priced; use maxActions.` });
  }
  if (perAction && perCustomer?.maxAmount && perAction.amountMinor > perCustomer.maxAmount.amountMinor) {
    problems.push({
      path: 'limits.perAction',
      message: 'The per-action limit is above the per-customer limit and could never be used.',
    });
  }

  const c = rule.conditions;
  moneyProblem('conditions.minLifetimeValue', c.minLifetimeValue, problems, new Set());
  countProblem('conditions.minTenureDays', c.minTenureDays, 36_500, problems);
  countProblem('conditions.maxOpenProblems', c.maxOpenProblems, 10_000, problems);
  if (c.tiers && c.tiers.length === 0)
    problems.push({ path: 'conditions.tiers', message: 'List at least one tier or drop the condition.' });

  if (rule.override.allowed && rule.override.roles.length === 0) {
    problems.push({ path: 'override.roles', message: 'Name the roles that may override.' });
  }
  if (rule.approval.by === 'role' && !rule.approval.role.trim())
    problems.push({ path: 'approval.role', message: 'Name the approving role.' });
  if (rule.approval.by === 'person' && !rule.approval.person.id.trim()) {
    problems.push({ path: 'approval.person', message: 'Name the approving person.' });
  }
  if (!rule.editedBy.id.trim())
    problems.push({ path: 'editedBy', message: 'Every version records who made it.' });
  if (!rule.editReason.trim())
    problems.push({ path: 'editReason', message: 'Every version records why it was made.' });
  return problems;
}

export function validateRule(rule: AuthorityRule, catalogue: Catalogue): AuthorityRule {
  const problems = findRuleProblems(rule, catalogue);
  if (problems.length > 0) throw new InvalidRule(rule.id, problems);
  return rule;
}

/**
 * The version in force at `at`: the highest version that has started by then, provided it has
 * not ended. A newer version replaces older ones entirely from its start, so a version that ends
 * retires the rule rather than reviving the one before it.
 */
export function versionInForce(versions: readonly AuthorityRule[], at: Date): AuthorityRule | null {
  const t = at.getTime();
  let best: AuthorityRule | null = null;
  for (const v of versions) {
    if (v.effectiveFrom.getTime() <= t && (!best || v.version > best.version)) best = v;
  }
  if (!best || (best.effectiveTo && best.effectiveTo.getTime() <= t)) return null;
  return best;
}

export type RuleChanges = Partial<
  Pick<
    AuthorityRule,
    'name' | 'scope' | 'limits' | 'conditions' | 'owner' | 'rationale' | 'override' | 'approval'
  >
>;

export interface RuleEdit {
  readonly editor: PersonRef;
  readonly reason: string;
  readonly effectiveFrom: Date;
  readonly effectiveTo?: Date | null;
  /** The version the editor loaded; a stale one is a conflict, not a silent overwrite. */
  readonly expectedVersion: number;
  readonly at: Date;
}

/** Editing never mutates a version: it yields the next one, validated. */
export function editRule(
  current: AuthorityRule,
  changes: RuleChanges,
  edit: RuleEdit,
  catalogue: Catalogue,
): AuthorityRule {
  if (edit.expectedVersion !== current.version) {
    throw new Conflict('authority_rule', edit.expectedVersion, current.version, current.editedBy.name);
  }
  const next: AuthorityRule = {
    ...current,
    ...changes,
    version: current.version + 1,
    effectiveFrom: edit.effectiveFrom,
    effectiveTo: edit.effectiveTo ?? null,
    editedBy: edit.editor,
    editReason: edit.reason,
    editedAt: edit.at,
  };
  return validateRule(next, catalogue);
}
