import { describe, expect, it } from 'vitest';
import { fillReply, slotKey } from './reply-template.ts';

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
});
