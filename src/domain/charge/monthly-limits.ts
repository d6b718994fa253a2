import type { ChargePermissionType } from '../checkout-session/checkout-session.js';
import type { Region } from '../shared/environment.js';
import { DomainError } from '../shared/errors.js';
import {
  add,
  exceeds,
  formatAmount,
  majorUnits,
  subtract,
  zero,
  type CurrencyCode,
  type Money,
} from '../shared/money.js';
import type { Instant } from '../shared/time.js';

/**
 * How much a Saved Wallet or Recurring permission may be charged per calendar month, per currency
 * (spec §7.4). A currency missing from a region's table cannot be charged there at all.
 */
type LimitTable = Readonly<Record<Region, Readonly<Partial<Record<CurrencyCode, number>>>>>;

const EUROPE_SAVED_WALLET = {
  AUD: 15_000,
  CHF: 15_000,
  DKK: 150_000,
  EUR: 15_000,
  GBP: 15_000,
  HKD: 150_000,
  JPY: 2_000_000,
  NOK: 150_000,
  NZD: 15_000,
  SEK: 150_000,
  USD: 15_000,
  ZAR: 150_000,
} as const;

export const SAVED_WALLET_MONTHLY_LIMITS: LimitTable = {
  NA: { USD: 15_000 },
  EU: EUROPE_SAVED_WALLET,
  UK: EUROPE_SAVED_WALLET,
  JP: { JPY: 2_000_000 },
};

/** Recurring: US is confirmed; EU/UK/JP use the v1 billing-agreement table (spec §7.4, unconfirmed). */
const EUROPE_RECURRING = {
  AUD: 1_000,
  CHF: 1_000,
  DKK: 10_000,
  EUR: 1_000,
  GBP: 1_000,
  HKD: 10_000,
  JPY: 100_000,
  NOK: 10_000,
  NZD: 1_000,
  SEK: 10_000,
  USD: 1_000,
  ZAR: 10_000,
} as const;

export const RECURRING_MONTHLY_LIMITS: LimitTable = {
  NA: { USD: 1_000 },
  EU: EUROPE_RECURRING,
  UK: EUROPE_RECURRING,
  JP: { JPY: 100_000 },
};

/** The monthly limit for a charge, or null when the permission type has none (OneTime). */
export function monthlyLimit(
  type: ChargePermissionType,
  region: Region,
  currency: CurrencyCode,
): Money | null {
  if (type === 'OneTime') return null;
  const table =
    type === 'PaymentMethodOnFile' ? SAVED_WALLET_MONTHLY_LIMITS : RECURRING_MONTHLY_LIMITS;
  const major = table[region][currency];
  if (major === undefined)
    throw new DomainError(
      'CurrencyMismatch',
      `${region} merchants cannot charge ${currency} on a ${type} Charge Permission.`,
    );
  return majorUnits(major, currency);
}

/** The calendar month (UTC on the merchant's clock) that contains `now`: [start, end). */
export function calendarMonth(now: Instant): { readonly start: Instant; readonly end: Instant } {
  const d = new Date(now);
  return {
    start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
  };
}

/**
 * Refuses a charge that would take this month's total past the limit (PeriodicAmountExceeded).
 * All three amounts must share the permission's currency: the Money arithmetic refuses a mix
 * (CurrencyMismatch), so a charge in another currency can never be counted against no limit.
 */
export function checkMonthlyLimit(limit: Money, alreadyCharged: Money, amount: Money): void {
  const total = add(alreadyCharged, amount);
  if (exceeds(total, limit)) {
    const left = subtract(limit, alreadyCharged);
    throw new DomainError(
      'PeriodicAmountExceeded',
      `This charge would exceed the monthly limit of ${formatAmount(limit)} ${limit.currency} for this Charge Permission; ${formatAmount(left.minor > 0 ? left : zero(limit.currency))} ${limit.currency} remain this month.`,
    );
  }
}
