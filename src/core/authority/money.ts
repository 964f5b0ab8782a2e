import { CurrencyMismatch, InvalidAmount } from './errors.ts';

/** Money is always integer minor units plus an ISO 4217 code; floats never carry amounts. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

// Only the exceptions to the common two decimal places; everything else is assumed to use 2.
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  ISK: 0,
  JPY: 0,
  KRW: 0,
  PYG: 0,
  UGX: 0,
  VND: 0,
  XAF: 0,
  XOF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/**
 * Ten million major units: far above any goodwill gesture, yet below the point where a typo
 * (an amount entered in minor units twice over) could pass as plausible. Fits a safe integer
 * for every currency.
 */
export const MAX_AMOUNT_MAJOR = 10_000_000;

const CURRENCY = /^[A-Z]{3}$/;

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

export function maxAmountMinor(currency: string): number {
  return MAX_AMOUNT_MAJOR * 10 ** minorDigits(currency);
}

/** Builds a validated Money; zero is allowed here, callers that need a positive amount check it. */
export function money(amountMinor: number, currency: string): Money {
  if (!CURRENCY.test(currency)) {
    throw new InvalidAmount(`"${currency}" is not an ISO 4217 currency code.`, { currency });
  }
  if (!Number.isSafeInteger(amountMinor)) {
    throw new InvalidAmount('An amount must be a whole number of minor units (cents).', {
      amountMinor,
      currency,
    });
  }
  if (amountMinor < 0) {
    throw new InvalidAmount('An amount cannot be negative.', { amountMinor, currency });
  }
  if (amountMinor > maxAmountMinor(currency)) {
    throw new InvalidAmount(`An amount above ${MAX_AMOUNT_MAJOR} ${currency} is not plausible here.`, {
      amountMinor,
      currency,
      maxAmountMinor: maxAmountMinor(currency),
    });
  }
  return { amountMinor, currency };
}

export function zero(currency: string): Money {
  return money(0, currency);
}

/** Accepts values from JSON or the database and returns a validated Money. */
export function toMoney(value: unknown): Money {
  if (typeof value === 'string') return parseMoney(value);
  if (typeof value === 'object' && value !== null && 'amountMinor' in value && 'currency' in value) {
    const { amountMinor, currency } = value as { amountMinor: unknown; currency: unknown };
    if (typeof amountMinor === 'number' && typeof currency === 'string') return money(amountMinor, currency);
  }
  throw new InvalidAmount('An amount must look like "50.00 EUR" or {amountMinor, currency}.', { value });
}

const TEXT = /^(-)?(\d{1,16})(?:\.(\d+))?$/;

/** Parses "50.00 EUR", "50 EUR" or "EUR 50.00"; more decimals than the currency has are refused. */
export function parseMoney(text: string): Money {
  const parts = text.trim().split(/\s+/);
  const [first = '', second = ''] = parts;
  const [numberPart, currency] = CURRENCY.test(first) ? [second, first] : [first, second];
  const match = parts.length === 2 ? TEXT.exec(numberPart) : null;
  if (!match || !CURRENCY.test(currency)) {
    throw new InvalidAmount(`"${text}" is not an amount like "50.00 EUR".`, { text });
  }
  const [, sign, whole = '0', fraction = ''] = match;
  if (sign) throw new InvalidAmount('An amount cannot be negative.', { text });
  const digits = minorDigits(currency);
  if (fraction.length > digits) {
    throw new InvalidAmount(`${currency} has ${digits} decimal places; "${text}" has more.`, { text });
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return money(minor, currency);
}

/** "1234.50 EUR", or "1,234.50 EUR" with grouping for sentences shown to people. */
export function formatMoney(m: Money, options: { grouping?: boolean } = {}): string {
  const digits = minorDigits(m.currency);
  const scale = 10 ** digits;
  const whole = Math.floor(m.amountMinor / scale);
  const wholeText = options.grouping ? whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : `${whole}`;
  const fraction = digits > 0 ? `.${(m.amountMinor % scale).toString().padStart(digits, '0')}` : '';
  return `${wholeText}${fraction} ${m.currency}`;
}

export function assertSameCurrency(expected: Money, actual: Money, where: string): void {
  if (expected.currency !== actual.currency)
    throw new CurrencyMismatch(expected.currency, actual.currency, where);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'The sum');
  return money(a.amountMinor + b.amountMinor, a.currency);
}

/** What is left of `limit` once `used` is spent, never below zero. */
export function remainingMoney(limit: Money, used: Money): Money {
  assertSameCurrency(limit, used, 'The limit');
  return { amountMinor: Math.max(0, limit.amountMinor - used.amountMinor), currency: limit.currency };
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b, 'The comparison');
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

export function minMoney(a: Money, b: Money): Money {
  return compareMoney(a, b) <= 0 ? a : b;
}
