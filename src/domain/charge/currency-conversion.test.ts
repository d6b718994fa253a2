import { describe, expect, it } from 'vitest';
import { money, type CurrencyCode } from '../shared/money.js';
import {
  convert,
  DEFAULT_CONVERSION_TABLE,
  formatConversion,
  type ConversionTable,
} from './currency-conversion.js';

const wire = (
  minor: number,
  from: CurrencyCode,
  ledger: CurrencyCode,
  table: ConversionTable = DEFAULT_CONVERSION_TABLE,
) => formatConversion(convert(money(minor, from), ledger, table));

describe('convertedAmount and conversionRate (issue 10, seed 004)', () => {
  it.each<[minor: number, currency: CurrencyCode]>([
    [1400, 'USD'],
    [1400, 'EUR'],
    [1, 'GBP'],
    [500, 'JPY'],
  ])('same currency: the amount itself and rate "1.00" (%i %s)', (minor, currency) => {
    const { convertedAmount, conversionRate } = wire(minor, currency, currency);
    expect(conversionRate).toBe('1.00');
    expect(convertedAmount).toBe(currency === 'JPY' ? String(minor) : (minor / 100).toFixed(2));
  });

  it('seed 004: a USD 14.00 charge of a USD merchant', () => {
    expect(wire(1400, 'USD', 'USD')).toEqual({ convertedAmount: '14.00', conversionRate: '1.00' });
  });

  it.each<
    [minor: number, from: CurrencyCode, ledger: CurrencyCode, rate: string, converted: string]
  >([
    // GBP 1.17 EUR: 0.8547 GBP per EUR; 100.00 GBP / 0.8547 = 117.00 EUR
    [10_000, 'GBP', 'EUR', '0.8547', '117.00'],
    // USD 0.92 EUR: 1.087 USD per EUR; 50.00 / 1.087 = 46.00 EUR
    [5_000, 'USD', 'EUR', '1.087', '46.00'],
    // an EUR charge of a UK merchant: 1.17 EUR per GBP
    [11_700, 'EUR', 'GBP', '1.17', '100.00'],
    // JPY presentment: no minor unit in, cents out
    [10_000, 'JPY', 'EUR', '161.2903', '62.00'],
    // CHF 1.04: 0.9615 CHF per EUR; 0.01 CHF is 0.01 EUR after rounding
    [1, 'CHF', 'EUR', '0.9615', '0.01'],
  ])('%i %s for a %s ledger: rate %s, converted %s', (minor, from, ledger, rate, converted) => {
    expect(wire(minor, from, ledger)).toEqual({ convertedAmount: converted, conversionRate: rate });
  });

  it('converts with chargeAmount / conversionRate, as the .NET SDK documents', () => {
    const conversion = convert(money(123_45, 'SEK'), 'EUR', DEFAULT_CONVERSION_TABLE);
    const expected = Math.round((123.45 / conversion.conversionRate) * 100);
    expect(conversion.convertedAmount).toEqual(money(expected, 'EUR'));
  });

  it('uses the table it is given', () => {
    const table = { ...DEFAULT_CONVERSION_TABLE, GBP: 1.25 };
    expect(wire(10_000, 'GBP', 'EUR', table)).toEqual({
      convertedAmount: '125.00',
      conversionRate: '0.80',
    });
  });
});
