import type { MoneyIn, MoneyOut, Rule, RuleInput, StaffRole } from '../../api/authority.ts';
import { fromMinor, toMinor } from './money.ts';

/** The rule form's fields as the person types them: amounts are decimal text, dates local. */
export interface RuleFormState {
  name: string;
  actionType: string;
  role: '' | StaffRole;
  siteId: string;
  teamId: string;
  agentId: string;
  currency: string;
  perAction: string;
  perCustomerDays: string;
  perCustomerAmount: string;
  perCustomerActions: string;
  perDayAmount: string;
  perDayActions: string;
  tiers: string;
  minLifetimeValue: string;
  minTenureDays: string;
  maxOpenProblems: string;
  receiptOnFile: '' | 'yes' | 'no';
  underWarranty: '' | 'yes' | 'no';
  ownerId: string;
  rationale: string;
  effectiveFrom: string;
  effectiveTo: string;
  overrideAllowed: boolean;
  overrideRoles: StaffRole[];
  approvalBy: 'owner' | 'role' | 'person' | 'none';
  approvalRole: 'lead' | 'manager' | 'admin';
  approvalPersonId: string;
  reason: string;
}

export type FormErrors = Partial<Record<keyof RuleFormState, string>>;

/** "2026-12-01T09:30" in the browser's zone, the value a datetime-local input holds. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const amount = (m: MoneyOut | undefined) => (m ? fromMinor(m.amountMinor, m.currency) : '');
const count = (n: number | undefined) => (n === undefined ? '' : String(n));
const yesNo = (b: boolean | undefined) => (b === undefined ? '' : b ? 'yes' : 'no');

export function emptyState(defaults: {
  actionType?: string;
  ownerId?: string;
  currency?: string;
}): RuleFormState {
  return {
    name: '',
    actionType: defaults.actionType ?? '',
    role: 'agent',
    siteId: '',
    teamId: '',
    agentId: '',
    currency: defaults.currency ?? 'EUR',
    perAction: '',
    perCustomerDays: '',
    perCustomerAmount: '',
    perCustomerActions: '',
    perDayAmount: '',
    perDayActions: '',
    tiers: '',
    minLifetimeValue: '',
    minTenureDays: '',
    maxOpenProblems: '',
    receiptOnFile: '',
    underWarranty: '',
    ownerId: defaults.ownerId ?? '',
    rationale: '',
    effectiveFrom: '',
    effectiveTo: '',
    overrideAllowed: false,
    overrideRoles: [],
    approvalBy: 'owner',
    approvalRole: 'lead',
    approvalPersonId: '',
    reason: '',
  };
}

/** The form filled from a rule's latest version, for saving the next one. */
export function stateFromRule(r: Rule): RuleFormState {
  const l = r.limits;
  const currency =
    l.perAction?.currency ??
    l.perCustomer?.maxAmount?.currency ??
    l.perAgentDay?.maxAmount?.currency ??
    r.conditions.minLifetimeValue?.currency ??
    'EUR';
  return {
    name: r.name,
    actionType: r.actionType,
    role: r.scope.role ?? '',
    siteId: r.scope.siteId ?? '',
    teamId: r.scope.teamId ?? '',
    agentId: r.scope.agentId ?? '',
    currency,
    perAction: amount(l.perAction),
    perCustomerDays: count(l.perCustomer?.periodDays),
    perCustomerAmount: amount(l.perCustomer?.maxAmount),
    perCustomerActions: count(l.perCustomer?.maxActions),
    perDayAmount: amount(l.perAgentDay?.maxAmount),
    perDayActions: count(l.perAgentDay?.maxActions),
    tiers: (r.conditions.tiers ?? []).join(', '),
    minLifetimeValue: amount(r.conditions.minLifetimeValue),
    minTenureDays: count(r.conditions.minTenureDays),
    maxOpenProblems: count(r.conditions.maxOpenProblems),
    receiptOnFile: yesNo(r.conditions.receiptOnFile),
    underWarranty: yesNo(r.conditions.underWarranty),
    ownerId: r.owner.id,
    rationale: r.rationale,
    // A new version applies from when it is saved unless the editor picks a date.
    effectiveFrom: '',
    effectiveTo: toLocalInput(r.effectiveTo),
    overrideAllowed: r.override.allowed,
    overrideRoles: r.override.roles,
    approvalBy: r.approval.by,
    approvalRole: r.approval.by === 'role' ? r.approval.role : 'lead',
    approvalPersonId: r.approval.by === 'person' ? r.approval.person.id : '',
    reason: '',
  };
}

/**
 * The request body, or the fields in error. Amounts go out in minor units: "75.50" EUR is
 * {amountMinor: 7550, currency: "EUR"}. `editing` requires a reason and leaves the action type out.
 */
export function toRuleInput(
  s: RuleFormState,
  editing: boolean,
  measure: 'money' | 'count' = 'money',
): { input: RuleInput & { reason?: string }; errors: FormErrors } {
  const errors: FormErrors = {};
  const money = (field: keyof RuleFormState): MoneyIn | undefined => {
    const minor = toMinor(String(s[field]), s.currency);
    if (minor === null) return undefined;
    if (Number.isNaN(minor)) {
      errors[field] = `Enter an amount in ${s.currency}, like 50.00`;
      return undefined;
    }
    return { amountMinor: minor, currency: s.currency };
  };
  // A counted action has no amount limits (the form hides them; a value typed before switching is dropped).
  const limitMoney = (field: keyof RuleFormState) => (measure === 'money' ? money(field) : undefined);
  const whole = (field: keyof RuleFormState): number | undefined => {
    const text = String(s[field]).trim();
    if (text === '') return undefined;
    if (!/^\d+$/.test(text)) {
      errors[field] = 'Enter a whole number';
      return undefined;
    }
    return Number(text);
  };
  const instant = (field: 'effectiveFrom' | 'effectiveTo'): string | undefined => {
    if (!s[field]) return undefined;
    const at = new Date(s[field]);
    if (Number.isNaN(at.getTime())) {
      errors[field] = 'Enter a date and time';
      return undefined;
    }
    return at.toISOString();
  };

  const perAction = limitMoney('perAction');
  const periodDays = whole('perCustomerDays');
  const perCustomerAmount = limitMoney('perCustomerAmount');
  const perCustomerActions = whole('perCustomerActions');
  const perDayAmount = limitMoney('perDayAmount');
  const perDayActions = whole('perDayActions');
  const hasPerCustomer = perCustomerAmount !== undefined || perCustomerActions !== undefined;
  if (hasPerCustomer && periodDays === undefined && !errors.perCustomerDays)
    errors.perCustomerDays = 'Say over how many days the per-customer limit runs';

  const limits: RuleInput['limits'] = {
    ...(perAction ? { perAction } : {}),
    ...(hasPerCustomer && periodDays !== undefined
      ? {
          perCustomer: {
            periodDays,
            ...(perCustomerAmount ? { maxAmount: perCustomerAmount } : {}),
            ...(perCustomerActions !== undefined ? { maxActions: perCustomerActions } : {}),
          },
        }
      : {}),
    ...(perDayAmount || perDayActions !== undefined
      ? {
          perAgentDay: {
            ...(perDayAmount ? { maxAmount: perDayAmount } : {}),
            ...(perDayActions !== undefined ? { maxActions: perDayActions } : {}),
          },
        }
      : {}),
  };

  const tiers = s.tiers
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const minLifetimeValue = money('minLifetimeValue');
  const minTenureDays = whole('minTenureDays');
  const maxOpenProblems = whole('maxOpenProblems');
  const conditions: RuleInput['conditions'] = {
    ...(tiers.length ? { tiers } : {}),
    ...(minLifetimeValue ? { minLifetimeValue } : {}),
    ...(minTenureDays !== undefined ? { minTenureDays } : {}),
    ...(maxOpenProblems !== undefined ? { maxOpenProblems } : {}),
    ...(s.receiptOnFile ? { receiptOnFile: s.receiptOnFile === 'yes' } : {}),
    ...(s.underWarranty ? { underWarranty: s.underWarranty === 'yes' } : {}),
  };

  if (!s.name.trim()) errors.name = 'Give the rule a name';
  if (!s.actionType) errors.actionType = 'Choose an action type';
  if (!s.ownerId) errors.ownerId = 'Every rule has a named owner';
  if (s.rationale.trim().length < 10)
    errors.rationale = 'Say in plain words why the rule exists (10+ characters)';
  if (editing && !s.reason.trim()) errors.reason = 'Say why this version exists';
  if (s.approvalBy === 'person' && !s.approvalPersonId) errors.approvalPersonId = 'Choose the approver';
  if (s.overrideAllowed && s.overrideRoles.length === 0) errors.overrideRoles = 'Choose who may override';

  const effectiveFrom = instant('effectiveFrom');
  const effectiveTo = instant('effectiveTo');
  const input: RuleInput & { reason?: string } = {
    name: s.name.trim(),
    actionType: s.actionType,
    scope: {
      ...(s.role ? { role: s.role } : {}),
      ...(s.siteId ? { siteId: s.siteId } : {}),
      ...(s.teamId ? { teamId: s.teamId } : {}),
      ...(s.agentId ? { agentId: s.agentId } : {}),
    },
    limits,
    conditions,
    ownerId: s.ownerId,
    rationale: s.rationale.trim(),
    ...(effectiveFrom ? { effectiveFrom } : {}),
    // An edit that leaves the end out would clear it, so an edit always says it.
    ...(effectiveTo ? { effectiveTo } : editing ? { effectiveTo: null } : {}),
    override: { allowed: s.overrideAllowed, roles: s.overrideAllowed ? s.overrideRoles : [] },
    approval:
      s.approvalBy === 'role'
        ? { by: 'role', role: s.approvalRole }
        : s.approvalBy === 'person'
          ? { by: 'person', personId: s.approvalPersonId }
          : { by: s.approvalBy },
    ...(s.reason.trim() ? { reason: s.reason.trim() } : {}),
  };
  return { input, errors };
}
