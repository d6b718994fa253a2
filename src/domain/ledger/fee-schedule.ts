import type { Region } from '../shared/environment.js';
import { invalidParameter } from '../shared/errors.js';
import { majorUnits, type CurrencyCode } from '../shared/money.js';

/**
 * A merchant's fees: a percentage of each capture (in basis points, 1/100 of a percent), a fixed
 * amount per capture, and a fixed amount per chargeback, in the region's ledger currency. Amazon
 * publishes its rates per country on pay.amazon.com pricing pages and changes them over time; the
 * defaults below are localpay's choice (docs/decisions.md, "The back office"), settable per merchant
 * through the admin API and CLI.
 */
export interface FeeSchedule {
  readonly percentageBasisPoints: number;
  /** Per-capture fixed fee in minor units of `currency`. */
  readonly fixedFeeMinor: number;
  readonly chargebackFeeMinor: number;
  readonly currency: CurrencyCode;
}

const schedule = (
  percent: number,
  fixedMajor: number,
  chargebackMajor: number,
  currency: CurrencyCode,
): FeeSchedule => ({
  percentageBasisPoints: Math.round(percent * 100),
  fixedFeeMinor: Math.round(majorUnits(fixedMajor * 100, currency).minor / 100),
  chargebackFeeMinor: majorUnits(chargebackMajor, currency).minor,
  currency,
});

/** Defaults per region (docs/decisions.md): US 2.9 % + $0.30, EU/UK 2.7 % + 0.35 / 0.20, JP 3.9 %. */
export const DEFAULT_FEES = {
  NA: schedule(2.9, 0.3, 20, 'USD'),
  EU: schedule(2.7, 0.35, 20, 'EUR'),
  UK: schedule(2.7, 0.2, 20, 'GBP'),
  JP: schedule(3.9, 0, 2000, 'JPY'),
} as const satisfies Record<Region, FeeSchedule>;

/** Percent of an amount, rounded half away from zero to the minor unit. */
export function percentageOf(amountMinor: number, basisPoints: number): number {
  const exact = (Math.abs(amountMinor) * basisPoints) / 10_000;
  return Math.sign(amountMinor) * Math.floor(exact + 0.5);
}

/** A fee schedule from admin input: whole basis points, non-negative minor units. */
export function validateFeeSchedule(input: FeeSchedule): FeeSchedule {
  const { percentageBasisPoints, fixedFeeMinor, chargebackFeeMinor } = input;
  if (
    !Number.isInteger(percentageBasisPoints) ||
    percentageBasisPoints < 0 ||
    percentageBasisPoints > 10_000
  )
    throw invalidParameter('percentageBasisPoints', 'it must be a whole number from 0 to 10000.');
  for (const [field, value] of [
    ['fixedFeeMinor', fixedFeeMinor],
    ['chargebackFeeMinor', chargebackFeeMinor],
  ] as const)
    if (!Number.isSafeInteger(value) || value < 0)
      throw invalidParameter(field, 'it must be a non-negative whole number of minor units.');
  return { percentageBasisPoints, fixedFeeMinor, chargebackFeeMinor, currency: input.currency };
}
