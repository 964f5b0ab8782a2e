import { describe, expect, it } from 'vitest';
import { formatMinor, fromMinor, toMinor } from './money.ts';

describe('rule amounts', () => {
  it('turns decimal amounts into minor units by the currency’s digits', () => {
    expect(toMinor('75.50', 'EUR')).toBe(7550);
    expect(toMinor('75', 'EUR')).toBe(7500);
    expect(toMinor('75,5', 'EUR')).toBe(7550);
    expect(toMinor('1,250.00', 'EUR')).toBe(125000);
    expect(toMinor('1,250', 'EUR')).toBe(125000);
    expect(toMinor('500', 'JPY')).toBe(500);
    expect(toMinor('1.250', 'KWD')).toBe(1250);
    expect(toMinor('  ', 'EUR')).toBeNull();
  });

  it('refuses what is not an amount in that currency', () => {
    expect(toMinor('12.345', 'EUR')).toBeNaN();
    expect(toMinor('-5', 'EUR')).toBeNaN();
    expect(toMinor('5.5', 'JPY')).toBeNaN();
    expect(toMinor('ten', 'EUR')).toBeNaN();
  });

  it('shows minor units back as decimals', () => {
    expect(fromMinor(7550, 'EUR')).toBe('75.50');
    expect(fromMinor(500, 'JPY')).toBe('500');
    expect(formatMinor(125000, 'EUR')).toBe('1,250.00 EUR');
  });
});
