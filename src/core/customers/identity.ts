import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { InvalidInput } from '../errors.ts';

export type IdentityKind = 'email' | 'phone' | 'account' | 'external';

export interface IdentityValue {
  kind: IdentityKind;
  /** The form we match on: lower-case email, E.164 phone, upper-case account number. */
  value: string;
  /** The form the customer gave us, for display. */
  display: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(raw: string): IdentityValue {
  const display = raw.trim();
  if (!EMAIL.test(display) || display.length > 254) {
    throw new InvalidInput('customer.invalid_email', `"${raw}" is not an email address.`, { value: raw });
  }
  return { kind: 'email', value: display.toLowerCase(), display };
}

/** Numbers without a country code are read in the site's country (default: the site's, else GB). */
export function normalisePhone(raw: string, defaultCountry = 'GB'): IdentityValue {
  const display = raw.trim();
  const parsed = parsePhoneNumberFromString(
    display,
    defaultCountry as Parameters<typeof parsePhoneNumberFromString>[1],
  );
  if (!parsed?.isPossible()) {
    throw new InvalidInput('customer.invalid_phone', `"${raw}" is not a phone number we can dial.`, {
      value: raw,
    });
  }
  return { kind: 'phone', value: parsed.number, display };
}

export function normaliseAccount(raw: string): IdentityValue {
  const display = raw.trim();
  const value = display.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{3,40}$/.test(value)) {
    throw new InvalidInput('customer.invalid_account', `"${raw}" is not an account number.`, { value: raw });
  }
  return { kind: 'account', value, display };
}

export interface ContactFrom {
  email?: string | undefined;
  phone?: string | undefined;
  accountNumber?: string | undefined;
}

/** Every identity a sender gave, strongest first: an account number beats an email beats a phone. */
export function identitiesFrom(from: ContactFrom, defaultCountry?: string): IdentityValue[] {
  const out: IdentityValue[] = [];
  if (from.accountNumber) out.push(normaliseAccount(from.accountNumber));
  if (from.email) out.push(normaliseEmail(from.email));
  if (from.phone) out.push(normalisePhone(from.phone, defaultCountry));
  if (out.length === 0) {
    throw new InvalidInput(
      'inbound.no_identity',
      'A message needs at least one of from.email, from.phone or from.accountNumber.',
    );
  }
  return out;
}

/** Classifies a free-text search term so customer search can use the right index. */
export function classifyQuery(q: string): { kind: IdentityKind | 'name'; value: string } {
  const term = q.trim();
  if (term.includes('@')) return { kind: 'email', value: term.toLowerCase() };
  const digits = term.replace(/[\s()+.-]/g, '');
  if (/^\d{6,}$/.test(digits)) {
    try {
      return { kind: 'phone', value: normalisePhone(term).value };
    } catch {
      return { kind: 'account', value: digits };
    }
  }
  if (/^[A-Za-z]{0,4}[-\s]?\d[\dA-Za-z-]{2,}$/.test(term))
    return { kind: 'account', value: normaliseAccount(term).value };
  return { kind: 'name', value: term };
}
