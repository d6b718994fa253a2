import type { Money } from '../shared/money.js';
import { percentageOf, type FeeSchedule } from './fee-schedule.js';
import type { LedgerEntry } from './ledger-entry.js';
import { withAdded } from '../shared/with-added.js';

/** What every posting names: whose money, which objects, when. */
export type PostingContext = Pick<
  LedgerEntry,
  | 'id'
  | 'merchantId'
  | 'environment'
  | 'postedAt'
  | 'transactionId'
  | 'orderReferenceId'
  | 'sellerReferenceId'
  | 'sellerOrderId'
  | 'storeName'
>;

/** A debit of `minor` (never -0, so stored and compared values stay plain). */
const debit = (minor: number): number => (minor === 0 ? 0 : -minor);

/** The fixed fee only applies in the schedule's own currency (docs/decisions.md). */
const fixedFee = (fees: FeeSchedule, amount: Money, minor: number): number =>
  amount.currency === fees.currency ? minor : 0;

/** A completed capture: the amount in, the percentage and fixed fees out. */
export const captureEntry = (
  context: PostingContext,
  amount: Money,
  fees: FeeSchedule,
): LedgerEntry =>
  withAdded(context, {
    type: 'Capture',
    currency: amount.currency,
    amountMinor: amount.minor,
    percentageFeeMinor: debit(percentageOf(amount.minor, fees.percentageBasisPoints)),
    fixedFeeMinor: debit(fixedFee(fees, amount, fees.fixedFeeMinor)),
    description: 'Capture',
  });

/**
 * A completed refund: the amount out, the refunded share of the percentage fee given back; the
 * fixed fee of the capture is kept (docs/decisions.md).
 */
export const refundEntry = (
  context: PostingContext,
  amount: Money,
  fees: FeeSchedule,
): LedgerEntry =>
  withAdded(context, {
    type: 'Refund',
    currency: amount.currency,
    amountMinor: debit(amount.minor),
    percentageFeeMinor: percentageOf(amount.minor, fees.percentageBasisPoints),
    fixedFeeMinor: 0,
    description: 'Refund',
  });

/** A dispute opened: the disputed amount is debited at once, with the chargeback fee. */
export const chargebackEntry = (
  context: PostingContext,
  amount: Money,
  fees: FeeSchedule,
): LedgerEntry =>
  withAdded(context, {
    type: 'Chargeback',
    currency: amount.currency,
    amountMinor: debit(amount.minor),
    percentageFeeMinor: 0,
    fixedFeeMinor: debit(fixedFee(fees, amount, fees.chargebackFeeMinor)),
    description: 'Chargeback',
  });

/** The merchant won the dispute: the debited amount comes back, the chargeback fee does not. */
export const chargebackReversalEntry = (context: PostingContext, amount: Money): LedgerEntry =>
  withAdded(context, {
    type: 'Adjustment',
    currency: amount.currency,
    amountMinor: amount.minor,
    percentageFeeMinor: 0,
    fixedFeeMinor: 0,
    description: 'ChargebackReversal',
  });

/**
 * Solution Provider flow: a completed provider credit moves its amount from the seller to the
 * provider, a completed reversal moves it back. Both are Adjustment lines, told apart by their
 * description; no fee is charged or given back on them (docs/decisions.md, docs silent).
 */
export const providerCreditEntry = (
  context: PostingContext,
  amount: Money,
  direction: 'ProviderCredit' | 'ProviderCreditReversal',
): LedgerEntry =>
  withAdded(context, {
    type: 'Adjustment',
    currency: amount.currency,
    amountMinor: direction === 'ProviderCredit' ? debit(amount.minor) : amount.minor,
    percentageFeeMinor: 0,
    fixedFeeMinor: 0,
    description: direction,
  });
