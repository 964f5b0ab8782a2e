/**
 * Amounts as people type them ("75", "75.5", "1,250.00") and as the API takes them: integer minor
 * units with the currency. Minor digits follow ISO 4217 through Intl (JPY 0, KWD 3, EUR 2).
 */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'JPY'];

export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    return 2;
  }
}

/**
 * "75.50" EUR → 7550. Returns null for an empty field and NaN for anything that is not an amount
 * in that currency (letters, a negative sign, more decimals than the currency has).
 */
export function toMinor(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(/[\s']/g, '');
  if (trimmed === '') return null;
  // Commas group thousands when a dot follows or they split groups of three ("1,250");
  // otherwise a single comma is a decimal comma ("75,5").
  const grouped = trimmed.includes('.') || /^\d{1,3}(,\d{3})+$/.test(trimmed);
  const normal = grouped ? trimmed.replace(/,/g, '') : trimmed.replace(',', '.');
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(normal);
  if (!match) return Number.NaN;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return Number.NaN;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : Number.NaN;
}

/** 7550 EUR → "75.50", the value an amount field shows. */
export function fromMinor(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  return (amountMinor / 10 ** digits).toFixed(digits);
}

/** 125000 EUR → "1,250.00 EUR", like the server's `formatted`. */
export function formatMinor(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const major = (amountMinor / 10 ** digits).toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${major} ${currency}`;
}
