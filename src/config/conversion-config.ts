import {
  DEFAULT_CONVERSION_TABLE,
  type ConversionTable,
} from '../domain/charge/currency-conversion.js';
import { isCurrency } from '../domain/shared/money.js';

/**
 * LOCALPAY_CONVERSION_RATES: entries of the table charges' convertedAmount and conversionRate are
 * computed with (docs/currencies.md), as CURRENCY=EUR value of one unit, comma separated, e.g.
 * `GBP=1.15,USD=0.95`. Currencies not named keep the fixed default.
 */
export function parseConversionRates(raw: string | undefined): ConversionTable {
  const table: Record<string, number> = { ...DEFAULT_CONVERSION_TABLE };
  for (const entry of (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [currency = '', value = ''] = entry.split('=').map((part) => part.trim());
    const rate = Number(value);
    if (!isCurrency(currency.toUpperCase()) || !/^\d+(\.\d+)?$/.test(value) || !(rate > 0))
      throw new Error(
        `LOCALPAY_CONVERSION_RATES must be CURRENCY=EUR_PER_UNIT pairs such as GBP=1.15,USD=0.95, got '${entry}'.`,
      );
    table[currency.toUpperCase()] = rate;
  }
  if (table.EUR !== 1)
    throw new Error('LOCALPAY_CONVERSION_RATES counts in euros: EUR must stay 1.');
  return Object.freeze(table);
}
