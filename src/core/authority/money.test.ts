import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  addMoney,
  compareMoney,
  formatMoney,
  MAX_AMOUNT_MAJOR,
  maxAmountMinor,
  money,
  parseMoney,
  remainingMoney,
  toMoney,
} from './money.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not-a-domain-error';
  }
  return undefined;
}

describe('money', () => {
  it.each([
    ['50.00 EUR', 5000, 'EUR'],
    ['50 EUR', 5000, 'EUR'],
    ['0.01 EUR', 1, 'EUR'],
    ['EUR 12.5', 1250, 'EUR'],
    ['1000 JPY', 1000, 'JPY'],
    ['1.234 KWD', 1234, 'KWD'],
    ['  7.10   GBP ', 710, 'GBP'],
  ])('parses %j as %i minor units of %s', (text, amountMinor, currency) => {
    expect(parseMoney(text)).toEqual({ amountMinor, currency });
  });

  it.each([
    ['-5.00 EUR', 'authority.invalid_amount'],
    ['5.001 EUR', 'authority.invalid_amount'],
    ['1.5 JPY', 'authority.invalid_amount'],
    ['5,00 EUR', 'authority.invalid_amount'],
    ['5.00 eur', 'authority.invalid_amount'],
    ['5.00', 'authority.invalid_amount'],
    ['EUR', 'authority.invalid_amount'],
    ['10000000.01 EUR', 'authority.invalid_amount'],
    ['99999999999 EUR', 'authority.invalid_amount'],
  ])('refuses %j with %s', (text, code) => {
    expect(codeOf(() => parseMoney(text))).toBe(code);
  });

  it.each([
    [-1, 'EUR'],
    [0.5, 'EUR'],
    [Number.NaN, 'EUR'],
    [Number.MAX_SAFE_INTEGER + 1, 'EUR'],
    [maxAmountMinor('EUR') + 1, 'EUR'],
    [100, 'EURO'],
  ])('refuses %d %s as an amount', (amountMinor, currency) => {
    expect(codeOf(() => money(amountMinor, currency))).toBe('authority.invalid_amount');
  });

  it('accepts exactly the maximum plausible amount', () => {
    expect(money(maxAmountMinor('EUR'), 'EUR').amountMinor).toBe(MAX_AMOUNT_MAJOR * 100);
  });

  it.each([
    [{ amountMinor: 5000, currency: 'EUR' }, {}, '50.00 EUR'],
    [{ amountMinor: 5, currency: 'EUR' }, {}, '0.05 EUR'],
    [{ amountMinor: 123456789, currency: 'EUR' }, { grouping: true }, '1,234,567.89 EUR'],
    [{ amountMinor: 1000, currency: 'JPY' }, {}, '1000 JPY'],
    [{ amountMinor: 1234, currency: 'KWD' }, {}, '1.234 KWD'],
  ])('formats %j as %s', (m, options, text) => {
    expect(formatMoney(m, options)).toBe(text);
  });

  it('round-trips format and parse', () => {
    for (const text of ['0.00 EUR', '0.99 USD', '1234.56 GBP', '7 JPY'])
      expect(formatMoney(parseMoney(text))).toBe(text);
  });

  it('refuses to add, compare or subtract across currencies', () => {
    const a = parseMoney('1.00 EUR');
    const b = parseMoney('1.00 USD');
    expect(codeOf(() => addMoney(a, b))).toBe('authority.currency_mismatch');
    expect(codeOf(() => compareMoney(a, b))).toBe('authority.currency_mismatch');
    expect(codeOf(() => remainingMoney(a, b))).toBe('authority.currency_mismatch');
  });

  it('never reports a negative remainder', () => {
    expect(remainingMoney(parseMoney('10.00 EUR'), parseMoney('12.00 EUR'))).toEqual(parseMoney('0 EUR'));
  });

  it('reads amounts from text or from {amountMinor, currency} objects only', () => {
    expect(toMoney('3.00 EUR')).toEqual(toMoney({ amountMinor: 300, currency: 'EUR' }));
    expect(codeOf(() => toMoney(3))).toBe('authority.invalid_amount');
    expect(codeOf(() => toMoney({ amountMinor: '300', currency: 'EUR' }))).toBe('authority.invalid_amount');
  });
});
