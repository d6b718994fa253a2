import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from './errors.js';
import {
  add,
  compare,
  CURRENCIES,
  equals,
  formatAmount,
  majorUnits,
  exceeds,
  money,
  parseMoney,
  requireCurrency,
  subtract,
  sum,
  zero,
  type CurrencyCode,
  type Money,
} from './money.js';

/** Runs `fn` and returns the DomainError it threw (failing the test when it throws nothing else). */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

const usd = (minor: number): Money => money(minor, 'USD');
const eur = (minor: number): Money => money(minor, 'EUR');

describe('parseMoney', () => {
  it.each<[amount: unknown, currency: CurrencyCode, minor: number]>([
    ['14.00', 'USD', 1400],
    ['14', 'USD', 1400],
    ['14.5', 'EUR', 1450],
    ['14.50', 'GBP', 1450],
    ['0.01', 'USD', 1],
    ['0', 'USD', 0],
    ['0.00', 'USD', 0],
    [' 14.00 ', 'USD', 1400],
    ['007.10', 'CHF', 710],
    ['9999999999999.99', 'USD', 999999999999999],
    [14, 'USD', 1400],
    [14.5, 'USD', 1450],
    [0.99, 'AUD', 99],
    [0, 'USD', 0],
    ['500', 'JPY', 500],
    [500, 'JPY', 500],
    // trailing zeros do not count as extra precision
    ['500.0', 'JPY', 500],
    ['500.000', 'JPY', 500],
    ['14.5000', 'USD', 1450],
  ])('parses %j %s as %i minor units', (amount, currency, minor) => {
    expect(parseMoney(amount, currency, 'chargeAmount')).toEqual({ minor, currency });
  });

  it('accepts every supported currency', () => {
    for (const currency of CURRENCIES)
      expect(parseMoney('1', currency, 'price').currency).toBe(currency);
  });

  it.each<[amount: unknown, currency: unknown, code: ErrorCode, field: string]>([
    // too many decimals for the currency
    ['14.001', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    [14.001, 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['500.5', 'JPY', 'InvalidParameterValue', 'chargeAmount.amount'],
    [500.5, 'JPY', 'InvalidParameterValue', 'chargeAmount.amount'],
    // negative, garbage, wrong types
    ['-1.00', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    [-1, 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['abc', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['1,00', 'EUR', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['1.', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['.5', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['1e3', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['+1', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['0x10', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    ['12345678901234', 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    [Number.NaN, 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    [Number.POSITIVE_INFINITY, 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    [1e21, 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    [true, 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    [{ amount: '1' }, 'USD', 'InvalidParameterValue', 'chargeAmount.amount'],
    // missing parts
    [undefined, 'USD', 'MissingParameterValue', 'chargeAmount.amount'],
    [null, 'USD', 'MissingParameterValue', 'chargeAmount.amount'],
    ['14.00', undefined, 'MissingParameterValue', 'chargeAmount.currencyCode'],
    ['14.00', null, 'MissingParameterValue', 'chargeAmount.currencyCode'],
    // unsupported currency
    ['14.00', 'XYZ', 'InvalidParameterValue', 'chargeAmount.currencyCode'],
    ['14.00', 'usd', 'InvalidParameterValue', 'chargeAmount.currencyCode'],
    ['14.00', 840, 'InvalidParameterValue', 'chargeAmount.currencyCode'],
  ])('rejects %j %j with %s naming %s', (amount, currency, code, field) => {
    const error = domainErrorOf(() => parseMoney(amount, currency, 'chargeAmount'));
    expect(error.code).toBe(code);
    expect(error.message).toContain(`'${field}'`);
  });

  it('says how many decimals the currency allows', () => {
    expect(domainErrorOf(() => parseMoney('1.234', 'EUR', 'price')).message).toContain(
      'at most 2 decimal places',
    );
    expect(domainErrorOf(() => parseMoney('1.5', 'JPY', 'price')).message).toContain(
      'at most 0 decimal places',
    );
  });

  it('reports a missing currency before a missing amount', () => {
    expect(domainErrorOf(() => parseMoney(undefined, undefined, 'price')).message).toContain(
      "'price.currencyCode'",
    );
  });
});

describe('formatAmount', () => {
  it.each<[minor: number, currency: CurrencyCode, text: string]>([
    [1400, 'USD', '14.00'],
    [1450, 'EUR', '14.50'],
    [1, 'GBP', '0.01'],
    [10, 'USD', '0.10'],
    [0, 'USD', '0.00'],
    [999999999999999, 'USD', '9999999999999.99'],
    [500, 'JPY', '500'],
    [0, 'JPY', '0'],
  ])('formats %i %s as %s', (minor, currency, text) => {
    expect(formatAmount(money(minor, currency))).toBe(text);
  });

  // KNOWN BUG: money.ts formatAmount floors the whole part and keeps the sign on the remainder,
  // so -150 cents prints "-2.-50". A negative Money comes out of subtract(), e.g. amountBalance
  // (amountLimit - amountCharged) once a permission is overcharged. Delete `.fails` once fixed.
  it('formats a negative amount with a single leading sign', () => {
    expect(formatAmount(subtract(usd(1400), usd(1550)))).toBe('-1.50');
  });

  it.each([
    ['14.00', 'USD'],
    ['0.07', 'EUR'],
    ['500', 'JPY'],
  ] as const)('round-trips %s %s through parseMoney', (text, currency) => {
    expect(formatAmount(parseMoney(text, currency, 'price'))).toBe(text);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and compares amounts of one currency', () => {
    expect(add(usd(1400), usd(50))).toEqual(usd(1450));
    expect(subtract(usd(1400), usd(400))).toEqual(usd(1000));
    expect(compare(usd(1400), usd(400))).toBeGreaterThan(0);
    expect(compare(usd(400), usd(1400))).toBeLessThan(0);
    expect(compare(usd(400), usd(400))).toBe(0);
  });

  it.each([
    ['add', add],
    ['subtract', subtract],
    ['compare', compare],
  ] as const)('%s rejects different currencies with CurrencyMismatch', (_name, operation) => {
    expect(domainErrorOf(() => operation(usd(100), eur(100))).code).toBe('CurrencyMismatch');
  });

  it('equals compares currency and amount without throwing', () => {
    expect(equals(usd(100), usd(100))).toBe(true);
    expect(equals(usd(100), usd(101))).toBe(false);
    expect(equals(usd(100), eur(100))).toBe(false);
  });

  it('builds zero and whole-unit amounts at the currency precision', () => {
    expect(zero('EUR')).toEqual(eur(0));
    expect(majorUnits(5, 'USD')).toEqual(usd(500));
    expect(majorUnits(5, 'JPY')).toEqual(money(5, 'JPY'));
  });
});

describe('totals and comparisons across objects (issue 10)', () => {
  it('sums amounts of one currency, starting from zero', () => {
    expect(sum('USD', [])).toEqual(usd(0));
    expect(sum('USD', [usd(100), usd(250)])).toEqual(usd(350));
  });

  it('refuses to sum an amount of another currency instead of skipping it', () => {
    expect(domainErrorOf(() => sum('USD', [usd(100), eur(100)])).code).toBe('CurrencyMismatch');
    expect(domainErrorOf(() => sum('EUR', [usd(100)])).code).toBe('CurrencyMismatch');
  });

  it('exceeds compares within one currency and refuses a mix', () => {
    expect(exceeds(usd(101), usd(100))).toBe(true);
    expect(exceeds(usd(100), usd(100))).toBe(false);
    expect(domainErrorOf(() => exceeds(usd(1), eur(1_000_000))).code).toBe('CurrencyMismatch');
  });

  it('requireCurrency names the field, its currency and the one expected', () => {
    expect(() => requireCurrency(eur(100), 'EUR', 'chargeAmount', 'the permission')).not.toThrow();
    const error = domainErrorOf(() =>
      requireCurrency(usd(100), 'EUR', 'chargeAmount', 'the Charge Permission P1'),
    );
    expect(error.code).toBe('CurrencyMismatch');
    expect(error.message).toBe(
      'chargeAmount is in USD, but the Charge Permission P1 is in EUR; use EUR.',
    );
  });
});
