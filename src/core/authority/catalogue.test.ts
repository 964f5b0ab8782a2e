import { describe, expect, it } from 'vitest';
import { addActionType, defineCatalogue, validateActionRequest } from './catalogue.ts';
import { defaultActionTypes } from './default-catalogue.ts';
import { catalogue, eur, headOfService } from './testing.ts';

const loyaltyPoints = {
  id: 'loyalty_points',
  label: 'Loyalty points',
  verb: 'grant points worth',
  measure: 'money' as const,
  params: [
    { name: 'amount', kind: 'money' as const, required: true },
    { name: 'campaign', kind: 'choice' as const, required: false, options: ['spring', 'apology'] },
  ],
  defaultOwner: headOfService,
};

describe('action catalogue', () => {
  it('ships the standard action types', () => {
    expect([...catalogue.types.keys()]).toEqual([
      'goodwill_credit',
      'refund',
      'fee_waiver',
      'replacement',
      'warranty_exchange',
      'upgrade',
      'expedited_shipping',
      'callback_promise',
    ]);
  });

  it('lets an admin add an action type without changing the original catalogue', () => {
    const extended = addActionType(catalogue, loyaltyPoints);
    expect(extended.types.get('loyalty_points')).toBe(loyaltyPoints);
    expect(catalogue.types.has('loyalty_points')).toBe(false);
    const request = {
      actionType: 'loyalty_points',
      customerId: 'c-1',
      params: { amount: '12.00 EUR', campaign: 'apology' },
    };
    expect(validateActionRequest(extended, request).amount).toEqual(eur('12.00 EUR'));
  });

  it.each([
    ['a duplicate id', [...defaultActionTypes(headOfService), defaultActionTypes(headOfService)[0]!]],
    ['a money action without an amount', [{ ...loyaltyPoints, params: [] }]],
    ['a counted action with an amount', [{ ...loyaltyPoints, measure: 'count' as const }]],
    ['an action without a default owner', [{ ...loyaltyPoints, defaultOwner: { id: '', name: '' } }]],
    ['an id that is not snake_case', [{ ...loyaltyPoints, id: 'Loyalty Points' }]],
    [
      'a choice without options',
      [
        {
          ...loyaltyPoints,
          params: [
            loyaltyPoints.params[0]!,
            { name: 'c', kind: 'choice' as const, required: true, options: [] },
          ],
        },
      ],
    ],
  ])('refuses a catalogue with %s', (_, types) => {
    expect(() => defineCatalogue(types)).toThrow(
      expect.objectContaining({ code: 'authority.invalid_catalogue' }),
    );
  });

  it('accepts amounts given as {amountMinor, currency}', () => {
    const request = {
      actionType: 'goodwill_credit',
      customerId: 'c-1',
      params: { amount: { amountMinor: 500, currency: 'EUR' }, reason: 'Late' },
    };
    expect(validateActionRequest(catalogue, request).amount).toEqual(eur('5.00 EUR'));
  });

  it('lists every invalid field at once', () => {
    const request = { actionType: 'refund', customerId: '', params: { amount: '5.00 EUR', reason: 1 } };
    expect(() => validateActionRequest(catalogue, request)).toThrow(
      expect.objectContaining({
        code: 'authority.invalid_request',
        details: expect.objectContaining({
          errors: [
            { path: 'params.reason', message: 'reason must be text.' },
            { path: 'params.order', message: 'order is required.' },
            { path: 'customerId', message: 'customerId is required.' },
          ],
        }),
      }),
    );
  });

  it('gives count actions no amount', () => {
    const request = {
      actionType: 'callback_promise',
      customerId: 'c-1',
      params: { window: 'tomorrow 9-11h' },
    };
    expect(validateActionRequest(catalogue, request).amount).toBeNull();
  });
});
