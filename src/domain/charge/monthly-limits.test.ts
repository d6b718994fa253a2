import { describe, expect, it } from 'vitest';
import { REGIONS } from '../shared/environment.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { CURRENCIES, majorUnits, money, type CurrencyCode, type Money } from '../shared/money.js';
import { DAY } from '../shared/time.js';
import {
  calendarMonth,
  checkMonthlyLimit,
  monthlyLimit,
  RECURRING_MONTHLY_LIMITS,
  SAVED_WALLET_MONTHLY_LIMITS,
} from './monthly-limits.js';

function errorOf(fn: () => unknown): DomainError | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}
const codeOf = (fn: () => unknown): ErrorCode | 'no error' => {
  const error = errorOf(fn);
  return error === 'no error' ? error : error.code;
};

/** A limit in major units, or `-` where the region cannot charge the currency at all. */
type Cell = number | '-';
type Table = Record<CurrencyCode, readonly [NA: Cell, EU: Cell, UK: Cell, JP: Cell]>;

/** Spec §7.4, "monthly Saved Wallet charge limits" (seed 004). */
const SAVED_WALLET: Table = {
  AUD: ['-', 15_000, 15_000, '-'],
  GBP: ['-', 15_000, 15_000, '-'],
  DKK: ['-', 150_000, 150_000, '-'],
  EUR: ['-', 15_000, 15_000, '-'],
  HKD: ['-', 150_000, 150_000, '-'],
  JPY: ['-', 2_000_000, 2_000_000, 2_000_000],
  NZD: ['-', 15_000, 15_000, '-'],
  NOK: ['-', 150_000, 150_000, '-'],
  ZAR: ['-', 150_000, 150_000, '-'],
  SEK: ['-', 150_000, 150_000, '-'],
  CHF: ['-', 15_000, 15_000, '-'],
  USD: [15_000, 15_000, 15_000, '-'],
};

/** Spec §7.4: US confirmed; EU/UK/JP follow the v1 billing-agreement table [U]. */
const RECURRING: Table = {
  AUD: ['-', 1_000, 1_000, '-'],
  GBP: ['-', 1_000, 1_000, '-'],
  DKK: ['-', 10_000, 10_000, '-'],
  EUR: ['-', 1_000, 1_000, '-'],
  HKD: ['-', 10_000, 10_000, '-'],
  JPY: ['-', 100_000, 100_000, 100_000],
  NZD: ['-', 1_000, 1_000, '-'],
  NOK: ['-', 10_000, 10_000, '-'],
  ZAR: ['-', 10_000, 10_000, '-'],
  SEK: ['-', 10_000, 10_000, '-'],
  CHF: ['-', 1_000, 1_000, '-'],
  USD: [1_000, 1_000, 1_000, '-'],
};

const TABLES = { PaymentMethodOnFile: SAVED_WALLET, Recurring: RECURRING } as const;

describe('monthlyLimit', () => {
  const cases = (['PaymentMethodOnFile', 'Recurring'] as const).flatMap((type) =>
    CURRENCIES.flatMap((currency) =>
      REGIONS.map((region, i) => [type, region, currency, TABLES[type][currency][i]!] as const),
    ),
  );

  it.each(cases)('%s, %s merchant, %s → %s', (type, region, currency, cell) => {
    if (cell === '-')
      expect(codeOf(() => monthlyLimit(type, region, currency))).toBe('CurrencyMismatch');
    else expect(monthlyLimit(type, region, currency)).toEqual(majorUnits(cell, currency));
  });

  it('the exported tables agree with the spec tables', () => {
    for (const [exported, spec] of [
      [SAVED_WALLET_MONTHLY_LIMITS, SAVED_WALLET],
      [RECURRING_MONTHLY_LIMITS, RECURRING],
    ] as const)
      for (const [i, region] of REGIONS.entries())
        for (const currency of CURRENCIES) {
          const cell = spec[currency][i];
          expect(exported[region][currency]).toBe(cell === '-' ? undefined : cell);
        }
  });

  it('counts in minor units: cents, and whole yen', () => {
    expect(monthlyLimit('PaymentMethodOnFile', 'NA', 'USD')).toEqual(money(1_500_000, 'USD'));
    expect(monthlyLimit('PaymentMethodOnFile', 'JP', 'JPY')).toEqual(money(2_000_000, 'JPY'));
    expect(monthlyLimit('Recurring', 'JP', 'JPY')).toEqual(money(100_000, 'JPY'));
  });

  it.each(REGIONS.flatMap((region) => CURRENCIES.map((currency) => [region, currency] as const)))(
    'OneTime, %s merchant, %s: no monthly limit',
    (region, currency) => {
      expect(monthlyLimit('OneTime', region, currency)).toBeNull();
    },
  );

  it('names the region, the currency and the type when refusing', () => {
    const error = errorOf(() => monthlyLimit('PaymentMethodOnFile', 'NA', 'EUR'));
    expect(error).toBeInstanceOf(DomainError);
    const { message } = error as DomainError;
    for (const word of ['NA', 'EUR', 'PaymentMethodOnFile']) expect(message).toContain(word);
  });
});

describe('calendarMonth', () => {
  const utc = (year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number =>
    Date.UTC(year, month - 1, day, h, m, s, ms);

  it.each<[name: string, now: number, start: number, end: number]>([
    ['mid-month', utc(2024, 5, 15, 12), utc(2024, 5, 1), utc(2024, 6, 1)],
    ['the first instant of a month', utc(2024, 5, 1), utc(2024, 5, 1), utc(2024, 6, 1)],
    [
      'the last instant of a month',
      utc(2024, 5, 31, 23, 59, 59, 999),
      utc(2024, 5, 1),
      utc(2024, 6, 1),
    ],
    ['December', utc(2024, 12, 31, 23, 59, 59, 999), utc(2024, 12, 1), utc(2025, 1, 1)],
    ['the first instant of January', utc(2025, 1, 1), utc(2025, 1, 1), utc(2025, 2, 1)],
    ['a leap February', utc(2024, 2, 29, 23, 59), utc(2024, 2, 1), utc(2024, 3, 1)],
    ['a common February', utc(2023, 2, 28, 12), utc(2023, 2, 1), utc(2023, 3, 1)],
    ['February 2100, no leap year', utc(2100, 2, 28), utc(2100, 2, 1), utc(2100, 3, 1)],
    ['February 2000, a leap year', utc(2000, 2, 29), utc(2000, 2, 1), utc(2000, 3, 1)],
  ])('%s', (_name, now, start, end) => {
    expect(calendarMonth(now)).toEqual({ start, end });
    expect(now).toBeGreaterThanOrEqual(start);
    expect(now).toBeLessThan(end);
  });

  it.each<[year: number, month: number, days: number]>([
    [2024, 1, 31],
    [2024, 2, 29],
    [2023, 2, 28],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    const { start, end } = calendarMonth(utc(year, month, 10));
    expect((end - start) / DAY).toBe(days);
  });

  it('months follow one another without a gap', () => {
    let at = utc(2023, 11, 15);
    for (let i = 0; i < 6; i++) {
      const month = calendarMonth(at);
      expect(calendarMonth(month.end).start).toBe(month.end);
      expect(calendarMonth(month.end - 1)).toEqual(month);
      at = month.end;
    }
  });
});

describe('checkMonthlyLimit', () => {
  const LIMIT = majorUnits(15_000, 'USD');
  const usd = (minor: number): Money => money(minor, 'USD');

  it.each<
    [name: string, limit: Money, already: number, amount: Money, result: ErrorCode | 'no error']
  >([
    ['nothing charged yet, a small charge', LIMIT, 0, usd(1400), 'no error'],
    ['nothing charged yet, exactly the limit', LIMIT, 0, LIMIT, 'no error'],
    ['nothing charged yet, one cent over', LIMIT, 0, usd(1_500_001), 'PeriodicAmountExceeded'],
    ['up to exactly the limit', LIMIT, 1_400_000, usd(100_000), 'no error'],
    ['one cent past the limit', LIMIT, 1_400_000, usd(100_001), 'PeriodicAmountExceeded'],
    ['at the limit, one more cent', LIMIT, 1_500_000, usd(1), 'PeriodicAmountExceeded'],
    [
      'JPY up to exactly the limit',
      majorUnits(2_000_000, 'JPY'),
      1_999_000,
      money(1_000, 'JPY'),
      'no error',
    ],
    [
      'JPY one yen over',
      majorUnits(2_000_000, 'JPY'),
      1_999_000,
      money(1_001, 'JPY'),
      'PeriodicAmountExceeded',
    ],
  ])('%s → %s', (_name, limit, already, amount, result) => {
    expect(codeOf(() => checkMonthlyLimit(limit, money(already, limit.currency), amount))).toBe(
      result,
    );
  });

  // Issue 10: a EUR permission filled to its month took a USD charge, because the limit and the
  // sum were looked up in the charge's currency. The rule itself now refuses a mixed total.
  it('refuses a charge in another currency than the limit (CurrencyMismatch)', () => {
    const eurLimit = majorUnits(15_000, 'EUR');
    expect(
      codeOf(() => checkMonthlyLimit(eurLimit, majorUnits(15_000, 'EUR'), usd(1_490_000))),
    ).toBe('CurrencyMismatch');
    expect(codeOf(() => checkMonthlyLimit(eurLimit, usd(0), money(100, 'EUR')))).toBe(
      'CurrencyMismatch',
    );
  });

  it('says the limit and what is left this month', () => {
    const error = errorOf(() =>
      checkMonthlyLimit(LIMIT, usd(1_400_000), usd(200_000)),
    ) as DomainError;
    expect(error.message).toContain('15000.00 USD');
    expect(error.message).toContain('1000.00 USD remain');
  });

  it('never says a negative amount remains', () => {
    const error = errorOf(() => checkMonthlyLimit(LIMIT, usd(1_600_000), usd(1))) as DomainError;
    expect(error.message).toContain('0.00 USD remain');
  });
});
