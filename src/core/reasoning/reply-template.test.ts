import { describe, expect, it } from 'vitest';
import { draftReply, fillReply, slotKey } from './reply-template.ts';

describe('fillReply', () => {
  it.each([
    ['{{Order Number}}', 'ordernumber'],
    ['Purchase ID Anonymized', 'ordernumber'],
    ['orderNumber', 'ordernumber'],
    ['Customer Name', 'name'],
    ['Website Name', 'websitename'],
  ])('reads the slot %s as %s', (name, key) => {
    expect(slotKey(name)).toBe(key);
  });

  it('fills known slots and leaves unknown ones marked and listed', () => {
    const d = fillReply('Order {{Purchase ID Anonymized}} for {{Customer Name}}: see {{Website Name}}.', {
      orderNumber: '991',
      name: 'Bo',
      email: undefined,
    });
    expect(d).toEqual({
      text: 'Order 991 for Bo: see {{Website Name}}.',
      filledSlots: ['Purchase ID Anonymized', 'Customer Name'],
      missingSlots: ['Website Name'],
    });
  });

  it.each([
    ['the number in the new message', 'cancel order 5531 please', {}, 'Order 5531 is cancelled.', []],
    [
      'the order number the caller knows',
      'cancel my order',
      { orderNumber: '777' },
      'Order 777 is cancelled.',
      [],
    ],
    [
      'a marked slot when nothing is known',
      'cancel my order',
      {},
      'Order {{Order Number}} is cancelled.',
      ['Order Number'],
    ],
  ])('never repeats the past customer’s order number: uses %s', (_name, query, details, text, missing) => {
    const d = draftReply(
      { text: 'Cancel order 00123842', reply: 'Order 00123842 is cancelled.' },
      query,
      details,
    );
    expect(d.text).toBe(text);
    expect(d.missingSlots).toEqual(missing);
  });
});
