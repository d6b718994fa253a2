import type { CurrencyCode, Money } from '../shared/money.js';

/**
 * Fixed conversion rates to EUR for the PSD2 thresholds (issue "Buyer-facing pages", scope 4): the
 * RTS amounts are in euros, so a GBP or USD payment is compared after converting it with this
 * table. Fixed on purpose, so a test's outcome never depends on the day it runs; docs/decisions.md documents it.
 * Units: euro cents per one minor unit of the currency, as a rational (numerator / 10,000).
 */
export const EUR_PER_UNIT = {
  EUR: 1,
  GBP: 1.17,
  USD: 0.92,
  CHF: 1.04,
  AUD: 0.61,
  NZD: 0.56,
  DKK: 0.134,
  SEK: 0.087,
  NOK: 0.086,
  HKD: 0.118,
  ZAR: 0.05,
  JPY: 0.0062,
} as const satisfies Record<CurrencyCode, number>;

/** JPY has no minor unit; every other currency has cents, as EUR does. */
const MINOR_PER_UNIT: Readonly<Record<CurrencyCode, number>> = {
  ...Object.fromEntries(Object.keys(EUR_PER_UNIT).map((c) => [c, 100])),
  JPY: 1,
} as Record<CurrencyCode, number>;

/** The amount in euro cents, rounded up so a threshold is never passed by rounding. */
export function toEurCents(amount: Money): number {
  const units = amount.minor / MINOR_PER_UNIT[amount.currency];
  return Math.ceil(units * EUR_PER_UNIT[amount.currency] * 100 - 1e-9);
}
