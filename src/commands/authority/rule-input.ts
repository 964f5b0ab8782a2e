import {
  type ApprovalRoute,
  type CustomerConditions,
  type Money,
  type PersonRef,
  type RuleLimits,
  toMoney,
} from '../../core/authority/index.ts';
import { InvalidInput } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { loadAgentProfile } from '../../db/repositories/authority.ts';

/** Amounts arrive as "50.00 EUR" or {amountMinor, currency}; both become validated Money. */
export type MoneyInput = string | { amountMinor: number; currency: string };

export interface LimitsInput {
  perAction?: MoneyInput | undefined;
  perCustomer?:
    | { periodDays: number; maxAmount?: MoneyInput | undefined; maxActions?: number | undefined }
    | undefined;
  perAgentDay?: { maxAmount?: MoneyInput | undefined; maxActions?: number | undefined } | undefined;
}

export type ConditionsInput = Omit<CustomerConditions, 'minLifetimeValue'> & {
  minLifetimeValue?: MoneyInput | undefined;
};

export type ApprovalInput =
  | { by: 'owner' }
  | { by: 'role'; role: string }
  | { by: 'person'; personId: string }
  | { by: 'none' };

const money = (m: MoneyInput | undefined): Money | undefined => (m === undefined ? undefined : toMoney(m));

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toLimits(l: LimitsInput): RuleLimits {
  return defined({
    perAction: money(l.perAction),
    perCustomer: l.perCustomer
      ? defined({
          periodDays: l.perCustomer.periodDays,
          maxAmount: money(l.perCustomer.maxAmount),
          maxActions: l.perCustomer.maxActions,
        })
      : undefined,
    perAgentDay: l.perAgentDay
      ? defined({ maxAmount: money(l.perAgentDay.maxAmount), maxActions: l.perAgentDay.maxActions })
      : undefined,
  });
}

export function toConditions(c: ConditionsInput): CustomerConditions {
  return defined({ ...c, minLifetimeValue: money(c.minLifetimeValue) });
}

/** Owners and approvers are named people who can log in: active persons, never integrations. */
export async function loadPerson(tx: Executor, id: string, what: string): Promise<PersonRef> {
  const found = await loadAgentProfile(tx, id);
  if (!found?.active || found.kind !== 'person' || found.role === 'ingest') {
    throw new InvalidInput('authority.unknown_person', `${what} must be an active person; ${id} is not.`, {
      personId: id,
      what,
    });
  }
  return { id: found.profile.id, name: found.profile.name };
}

export async function toApprovalRoute(tx: Executor, a: ApprovalInput): Promise<ApprovalRoute> {
  if (a.by === 'person') return { by: 'person', person: await loadPerson(tx, a.personId, 'The approver') };
  return a;
}
