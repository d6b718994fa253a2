import { ledgerCurrencyOf } from '../charge-permission/charge-permission-operations.js';
import { decimalsOf, formatAmount, money, type CurrencyCode, type Money } from '../shared/money.js';
import { EUR_PER_UNIT } from '../sca/eur-rates.js';
import type { Charge } from './charge.js';

/**
 * A charge's `convertedAmount` and `conversionRate` (spec §4.3; seed 004's Create Charge responses
 * show "convertedAmount": "14.00", "conversionRate": "1.00" for a USD charge of a USD merchant).
 * The .NET SDK documents them as "the amount captured in disbursement currency ... calculated
 * using: chargeAmount/conversionRate" and "the rate used to calculate convertedAmount"; so the rate
 * is units of the buyer's (presentment) currency per unit of the merchant's ledger currency.
 */

/** How many euros one unit of each currency is worth: the rates localpay converts with. */
export type ConversionTable = Readonly<Record<CurrencyCode, number>>;

/**
 * The default table is the fixed one the SCA thresholds use (sca/eur-rates.ts): fixed so a test's
 * outcome never depends on the day it runs; LOCALPAY_CONVERSION_RATES overrides entries.
 */
export const DEFAULT_CONVERSION_TABLE: ConversionTable = EUR_PER_UNIT;

export interface Conversion {
  readonly convertedAmount: Money;
  /** Presentment units per ledger unit, rounded to 4 decimals (exactly 1 for one currency). */
  readonly conversionRate: number;
}

/** Rates are shown and applied with four decimals; the converted amount is derived from that. */
const RATE_DECIMALS = 4;

/** `amount` (in the buyer's currency) in `ledger`, as Amazon reports it on a charge. */
export function convert(amount: Money, ledger: CurrencyCode, table: ConversionTable): Conversion {
  if (amount.currency === ledger) return { convertedAmount: amount, conversionRate: 1 };
  const scale = 10 ** RATE_DECIMALS;
  const rate = Math.round((table[ledger] / table[amount.currency]) * scale) / scale;
  const major = amount.minor / 10 ** decimalsOf(amount.currency);
  const minor = Math.round((major / rate) * 10 ** decimalsOf(ledger));
  return { convertedAmount: money(minor, ledger), conversionRate: rate };
}

/** The wire form: the amount with the ledger currency's precision, the rate with 2 to 4 decimals. */
export function formatConversion(conversion: Conversion): {
  readonly convertedAmount: string;
  readonly conversionRate: string;
} {
  const fixed = conversion.conversionRate.toFixed(RATE_DECIMALS).replace(/0{1,2}$/, '');
  return {
    convertedAmount: formatAmount(conversion.convertedAmount),
    conversionRate: fixed,
  };
}

/**
 * What a charge has taken or holds, in the merchant's ledger currency: its capture once captured,
 * else its authorized amount. Seed 004 fills both fields on Captured and on ActionRequired charges;
 * a Declined or Canceled charge moves no money, so both stay null there (docs/decisions.md).
 */
export function conversionOfCharge(charge: Charge, table: ConversionTable): Conversion | null {
  if (charge.state === 'Declined' || charge.state === 'Canceled') return null;
  return convert(
    charge.captureAmount ?? charge.chargeAmount,
    ledgerCurrencyOf(charge.region),
    table,
  );
}
