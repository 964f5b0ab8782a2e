import { Conflict, RuleViolation } from '../errors.ts';

export const TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type Tier = (typeof TIERS)[number];

export interface Customer {
  id: string;
  displayName: string;
  householdId: string | null;
  tier: Tier;
  lifetimeValueMinor: number;
  currency: string;
  preferences: Record<string, unknown>;
  specialNeeds: string[];
  attributes: Record<string, unknown>;
  language: string | null;
  homeSiteId: string | null;
  mergedInto: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type CustomerAttributes = Pick<
  Customer,
  | 'displayName'
  | 'householdId'
  | 'tier'
  | 'lifetimeValueMinor'
  | 'currency'
  | 'preferences'
  | 'specialNeeds'
  | 'attributes'
  | 'language'
  | 'homeSiteId'
>;

export type CustomerPatch = Partial<CustomerAttributes>;

export function decideCustomerUpdate(
  current: Customer,
  patch: CustomerPatch,
  expectedVersion?: number,
): CustomerPatch {
  if (current.mergedInto) {
    throw new RuleViolation(
      'customer.merged',
      'This customer was merged into another record; edit that one.',
      {
        mergedInto: current.mergedInto,
      },
    );
  }
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new Conflict('customer', expectedVersion, current.version);
  }
  const changes: CustomerPatch = {};
  for (const [key, value] of Object.entries(patch) as [keyof CustomerPatch, unknown][]) {
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(current[key])) Object.assign(changes, { [key]: value });
  }
  if (changes.specialNeeds)
    changes.specialNeeds = [...new Set(changes.specialNeeds.map((s) => s.trim()).filter(Boolean))];
  return changes;
}

function higherTier(a: Tier, b: Tier): Tier {
  return TIERS.indexOf(a) >= TIERS.indexOf(b) ? a : b;
}

/**
 * Two records of one person become one. The survivor's own values win; the other fills gaps.
 * Value adds up and the higher tier holds, so nobody loses status because we kept two records.
 */
export function decideMerge(survivor: Customer, other: Customer): CustomerAttributes {
  if (survivor.id === other.id) {
    throw new RuleViolation('customer.merge_self', 'A customer cannot be merged into itself.');
  }
  for (const c of [survivor, other]) {
    if (c.mergedInto) {
      throw new RuleViolation(
        'customer.already_merged',
        `Customer ${c.id} was already merged into ${c.mergedInto}.`,
        {
          id: c.id,
          mergedInto: c.mergedInto,
        },
      );
    }
  }
  if (survivor.currency !== other.currency && other.lifetimeValueMinor !== 0) {
    throw new RuleViolation(
      'customer.currency_mismatch',
      'These customers keep lifetime value in different currencies.',
      {
        survivor: survivor.currency,
        other: other.currency,
      },
    );
  }
  return {
    displayName: survivor.displayName || other.displayName,
    householdId: survivor.householdId ?? other.householdId,
    tier: higherTier(survivor.tier, other.tier),
    lifetimeValueMinor: survivor.lifetimeValueMinor + other.lifetimeValueMinor,
    currency: survivor.currency,
    preferences: { ...other.preferences, ...survivor.preferences },
    specialNeeds: [...new Set([...survivor.specialNeeds, ...other.specialNeeds])],
    attributes: { ...other.attributes, ...survivor.attributes },
    language: survivor.language ?? other.language,
    homeSiteId: survivor.homeSiteId ?? other.homeSiteId,
  };
}

export function attributesOf(c: Customer): CustomerAttributes {
  return {
    displayName: c.displayName,
    householdId: c.householdId,
    tier: c.tier,
    lifetimeValueMinor: c.lifetimeValueMinor,
    currency: c.currency,
    preferences: c.preferences,
    specialNeeds: c.specialNeeds,
    attributes: c.attributes,
    language: c.language,
    homeSiteId: c.homeSiteId,
  };
}
