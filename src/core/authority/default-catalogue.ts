import type { ActionType, Catalogue, ParamSpec } from './catalogue.ts';
import { defineCatalogue } from './catalogue.ts';
import type { PersonRef } from './people.ts';

const amount: ParamSpec = { name: 'amount', kind: 'money', required: true };
const reason: ParamSpec = { name: 'reason', kind: 'text', required: true, minLength: 3, maxLength: 500 };
const product: ParamSpec = { name: 'product', kind: 'product', required: true };

/**
 * The built-in action types. Installations start from these and add their own with
 * `addActionType`; `owner` is whoever answers for an action no rule covers yet.
 */
export function defaultActionTypes(owner: PersonRef): ActionType[] {
  return [
    {
      id: 'goodwill_credit',
      label: 'Goodwill credit',
      verb: 'credit',
      measure: 'money',
      params: [amount, reason],
      defaultOwner: owner,
    },
    {
      id: 'refund',
      label: 'Refund',
      verb: 'refund',
      measure: 'money',
      params: [amount, reason, { name: 'order', kind: 'text', required: true, maxLength: 100 }],
      defaultOwner: owner,
    },
    {
      id: 'fee_waiver',
      label: 'Fee waiver',
      verb: 'waive',
      measure: 'money',
      params: [
        amount,
        reason,
        {
          name: 'fee',
          kind: 'choice',
          required: true,
          options: ['late_payment', 'delivery', 'restocking', 'service', 'other'],
        },
      ],
      defaultOwner: owner,
    },
    {
      id: 'replacement',
      label: 'Replacement',
      verb: 'replace goods worth',
      measure: 'money',
      params: [
        amount,
        product,
        reason,
        {
          name: 'cause',
          kind: 'choice',
          required: true,
          options: ['defective', 'damaged_in_transit', 'wrong_item', 'lost'],
        },
      ],
      defaultOwner: owner,
    },
    {
      id: 'warranty_exchange',
      label: 'Warranty exchange',
      verb: 'exchange goods worth',
      measure: 'money',
      params: [
        amount,
        product,
        { name: 'fault', kind: 'text', required: true, minLength: 3, maxLength: 1000 },
      ],
      defaultOwner: owner,
    },
    {
      id: 'upgrade',
      label: 'Upgrade',
      verb: 'upgrade',
      measure: 'count',
      params: [product, { name: 'to', kind: 'text', required: true, maxLength: 100 }, reason],
      defaultOwner: owner,
    },
    {
      id: 'expedited_shipping',
      label: 'Expedited shipping',
      verb: 'expedite shipping',
      measure: 'count',
      params: [{ name: 'order', kind: 'text', required: true, maxLength: 100 }, reason],
      defaultOwner: owner,
    },
    {
      id: 'callback_promise',
      label: 'Callback promise',
      verb: 'promise a callback',
      measure: 'count',
      params: [
        { name: 'window', kind: 'text', required: true, maxLength: 100 },
        { name: 'phone', kind: 'text', required: false, maxLength: 40 },
      ],
      defaultOwner: owner,
    },
  ];
}

export function defaultCatalogue(owner: PersonRef): Catalogue {
  return defineCatalogue(defaultActionTypes(owner));
}
