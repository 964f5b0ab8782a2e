import { describe, expect, it } from 'vitest';
import { type Customer, decideCustomerUpdate, decideMerge } from './customer.ts';
import {
  classifyQuery,
  identitiesFrom,
  normaliseAccount,
  normaliseEmail,
  normalisePhone,
} from './identity.ts';

function buildCustomer(over: Partial<Customer> = {}): Customer {
  return {
    id: 'u1',
    displayName: 'Ada Lovelace',
    householdId: null,
    tier: 'standard',
    lifetimeValueMinor: 10_000,
    currency: 'EUR',
    preferences: { contactBy: 'email' },
    specialNeeds: [],
    attributes: {},
    language: null,
    homeSiteId: null,
    mergedInto: null,
    version: 1,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  };
}

describe('identities', () => {
  it.each([
    ['Ada@Example.COM ', 'ada@example.com'],
    ['first.last+tag@sub.example.org', 'first.last+tag@sub.example.org'],
  ])('normalises the email %s to %s', (raw, value) => {
    expect(normaliseEmail(raw).value).toBe(value);
  });

  it.each(['not-an-email', 'a@b', '@example.com', 'two words@example.com'])('refuses the email %s', (raw) => {
    expect(() => normaliseEmail(raw)).toThrowError(
      expect.objectContaining({ code: 'customer.invalid_email' }),
    );
  });

  it.each([
    ['+44 20 7946 0958', '+442079460958'],
    ['020 7946 0958', '+442079460958'],
    ['+1 (415) 555-0123', '+14155550123'],
    ['+49 30 901820', '+4930901820'],
  ])('normalises the phone %s to E.164 %s', (raw, value) => {
    expect(normalisePhone(raw).value).toBe(value);
  });

  it('refuses a phone number nobody could dial', () => {
    expect(() => normalisePhone('12')).toThrowError(
      expect.objectContaining({ code: 'customer.invalid_phone' }),
    );
  });

  it('normalises account numbers by case, spaces and dashes', () => {
    expect(normaliseAccount(' ac-1234 5678 ').value).toBe('AC12345678');
  });

  it('orders identities strongest first and needs at least one', () => {
    expect(
      identitiesFrom({ phone: '+442079460958', email: 'a@example.com', accountNumber: 'AC1' + '234' }).map(
        (i) => i.kind,
      ),
    ).toEqual(['account', 'email', 'phone']);
    expect(() => identitiesFrom({})).toThrowError(expect.objectContaining({ code: 'inbound.no_identity' }));
  });

  it.each([
    ['ada@example.com', 'email'],
    ['+44 20 7946 0958', 'phone'],
    ['AC-10000042', 'account'],
    ['Ada Love', 'name'],
  ])('classifies the search %s as %s', (q, kind) => {
    expect(classifyQuery(q).kind).toBe(kind);
  });
});

describe('decideMerge', () => {
  it('keeps the survivor, fills gaps, adds value and keeps the higher tier and every special need', () => {
    const survivor = buildCustomer({ id: 's', tier: 'silver', specialNeeds: ['Large print'] });
    const other = buildCustomer({
      id: 'o',
      displayName: 'A. Lovelace',
      tier: 'gold',
      householdId: 'h1',
      lifetimeValueMinor: 5_000,
      specialNeeds: ['Large print', 'Hearing impaired'],
      preferences: { contactBy: 'phone', newsletter: true },
    });
    expect(decideMerge(survivor, other)).toMatchObject({
      displayName: 'Ada Lovelace',
      householdId: 'h1',
      tier: 'gold',
      lifetimeValueMinor: 15_000,
      specialNeeds: ['Large print', 'Hearing impaired'],
      preferences: { contactBy: 'email', newsletter: true },
    });
  });

  it.each([
    ['itself', buildCustomer({ id: 'x' }), buildCustomer({ id: 'x' }), 'customer.merge_self'],
    [
      'an already merged record',
      buildCustomer({ id: 'a' }),
      buildCustomer({ id: 'b', mergedInto: 'c' }),
      'customer.already_merged',
    ],
    [
      'value in another currency',
      buildCustomer({ id: 'a' }),
      buildCustomer({ id: 'b', currency: 'USD' }),
      'customer.currency_mismatch',
    ],
  ])('refuses to merge %s', (_name, survivor, other, code) => {
    expect(() => decideMerge(survivor, other)).toThrowError(expect.objectContaining({ code }));
  });
});

describe('decideCustomerUpdate', () => {
  it('returns only what changed and refuses stale versions and merged records', () => {
    const c = buildCustomer({ version: 4 });
    expect(decideCustomerUpdate(c, { tier: 'gold', displayName: 'Ada Lovelace' }, 4)).toEqual({
      tier: 'gold',
    });
    expect(() => decideCustomerUpdate(c, { tier: 'gold' }, 3)).toThrowError(
      expect.objectContaining({ code: 'customer.version_conflict' }),
    );
    expect(() => decideCustomerUpdate(buildCustomer({ mergedInto: 'z' }), { tier: 'gold' })).toThrowError(
      expect.objectContaining({ code: 'customer.merged' }),
    );
  });
});
