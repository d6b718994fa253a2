import { describe, expect, it } from 'vitest';
import { DEFAULT_CONVERSION_TABLE } from '../domain/charge/currency-conversion.js';
import { parseConversionRates } from './conversion-config.js';

describe('LOCALPAY_CONVERSION_RATES', () => {
  it('defaults to the fixed table and overrides named entries', () => {
    expect(parseConversionRates(undefined)).toEqual(DEFAULT_CONVERSION_TABLE);
    expect(parseConversionRates(' usd = 0.95 , SEK=0.09')).toMatchObject({
      USD: 0.95,
      SEK: 0.09,
      GBP: 1.17,
    });
  });

  it.each(['GBP', 'GBP=', 'XYZ=1', 'GBP=-1', 'GBP=0', 'GBP=abc', 'EUR=2'])('refuses %j', (raw) => {
    expect(() => parseConversionRates(raw)).toThrow(/LOCALPAY_CONVERSION_RATES/);
  });
});
