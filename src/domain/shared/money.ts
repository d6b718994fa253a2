import { invalidParameter, missingParameter, DomainError } from './errors.js';

/**
 * Currencies the v2 API accepts (the .NET SDK's Currency enum, spec §3.7), with their precision.
 * JPY has no minor unit; the rest have two decimals.
 */
export const CURRENCIES = [
  'AUD',
  'GBP',
  'DKK',
  'EUR',
  'HKD',
  'JPY',
  'NZD',
  'NOK',
  'ZAR',
  'SEK',
  'CHF',
  'USD',
] as const;
export type CurrencyCode = (typeof CURRENCIES)[number];

const DECIMALS = {
  AUD: 2,
  GBP: 2,
  DKK: 2,
  EUR: 2,
  HKD: 2,
  JPY: 0,
  NZD: 2,
  NOK: 2,
  ZAR: 2,
  SEK: 2,
  CHF: 2,
  USD: 2,
} as const satisfies Record<CurrencyCode, number>;

/** An amount in integer minor units (cents, or yen): exact arithmetic, no floating point. */
export interface Money {
  readonly minor: number;
  readonly currency: CurrencyCode;
}

/** Digits after the decimal point in the currency's amounts (JPY 0, the others 2). */
export const decimalsOf = (currency: CurrencyCode): number => DECIMALS[currency];

export const isCurrency = (value: unknown): value is CurrencyCode =>
  typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);

// At most 13 integer digits keeps every minor-unit value a safe integer.
const AMOUNT_PATTERN = /^(\d{1,13})(?:\.(\d+))?$/;

/**
 * Parses a wire price. Amounts arrive as strings ("14.00") or JSON numbers (14.5), spec §3.5;
 * more decimals than the currency allows is an error, trailing zeros are not.
 */
export function parseMoney(amount: unknown, currencyCode: unknown, field: string): Money {
  if (currencyCode === undefined || currencyCode === null)
    throw missingParameter(`${field}.currencyCode`);
  if (!isCurrency(currencyCode))
    throw invalidParameter(
      `${field}.currencyCode`,
      `'${typeof currencyCode === 'string' ? currencyCode : JSON.stringify(currencyCode)}' is not a supported currency.`,
    );
  if (amount === undefined || amount === null) throw missingParameter(`${field}.amount`);
  const text = typeof amount === 'number' && Number.isFinite(amount) ? String(amount) : amount;
  if (typeof text !== 'string')
    throw invalidParameter(`${field}.amount`, 'it must be a decimal number.');
  const match = AMOUNT_PATTERN.exec(text.trim());
  if (!match)
    throw invalidParameter(`${field}.amount`, `'${text}' is not a non-negative decimal amount.`);
  const decimals = DECIMALS[currencyCode];
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals)
    throw invalidParameter(
      `${field}.amount`,
      `${currencyCode} amounts have at most ${decimals} decimal places.`,
    );
  const minor = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  return { minor, currency: currencyCode };
}

/** Formats with exactly the currency's precision: "14.00", JPY "500" (spec §3.4). */
export function formatAmount(money: Money): string {
  const decimals = DECIMALS[money.currency];
  if (decimals === 0) return String(money.minor);
  // Format the magnitude and put the sign in front once: floor and % both carry the sign.
  const sign = money.minor < 0 ? '-' : '';
  const magnitude = Math.abs(money.minor);
  const scale = 10 ** decimals;
  const whole = Math.floor(magnitude / scale);
  const fraction = String(magnitude % scale).padStart(decimals, '0');
  return `${sign}${whole}.${fraction}`;
}

export const money = (minor: number, currency: CurrencyCode): Money => ({ minor, currency });

/** Major units to Money, for tables of limits written in whole currency units. */
export const majorUnits = (major: number, currency: CurrencyCode): Money =>
  money(major * 10 ** DECIMALS[currency], currency);

/**
 * Amounts of different currencies are never added or compared: there is no rate between them in
 * a payment rule (issue 10, "Money and idempotency" 1). A mixed pair is a CurrencyMismatch, so an
 * amount in another currency can never slip past a limit, a balance or a refund ceiling.
 */
function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency)
    throw new DomainError(
      'CurrencyMismatch',
      `Currency ${b.currency} does not match ${a.currency}.`,
    );
}

/**
 * The operation-level check with the wire message: `amount` (the request's `field`) must be in
 * `expected`, the currency of the object it acts on (`what`), else 400 CurrencyMismatch.
 */
export function requireCurrency(
  amount: Money,
  expected: CurrencyCode,
  field: string,
  what: string,
): void {
  if (amount.currency !== expected)
    throw new DomainError(
      'CurrencyMismatch',
      `${field} is in ${amount.currency}, but ${what} is in ${expected}; use ${expected}.`,
    );
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor + b.minor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor - b.minor, a.currency);
}

export function compare(a: Money, b: Money): number {
  sameCurrency(a, b);
  return a.minor - b.minor;
}

export const zero = (currency: CurrencyCode): Money => money(0, currency);

/** The total of `amounts` in `currency` (zero when empty); any other currency is a CurrencyMismatch. */
export const sum = (currency: CurrencyCode, amounts: Iterable<Money>): Money => {
  let total = zero(currency);
  for (const amount of amounts) total = add(total, amount);
  return total;
};

/** Whether `a` is more than `b`; amounts of different currencies are a CurrencyMismatch. */
export const exceeds = (a: Money, b: Money): boolean => compare(a, b) > 0;

export const equals = (a: Money, b: Money): boolean =>
  a.currency === b.currency && a.minor === b.minor;
