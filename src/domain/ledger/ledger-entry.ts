import type { ReleaseEnvironment } from '../shared/environment.js';
import type { CurrencyCode } from '../shared/money.js';
import type { Instant } from '../shared/time.js';

/**
 * Money that moved, as the settlement report's TransactionType names it (Amazon Pay "Settlement
 * Report Details", amazon-pay-reports/settlement-reports.html): captures credit the merchant,
 * refunds and chargebacks debit it, an Adjustment credits back a chargeback the merchant won.
 */
export const LEDGER_ENTRY_TYPES = ['Capture', 'Refund', 'Chargeback', 'Adjustment'] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

/**
 * One settlement line. Amounts are signed minor units from the merchant's point of view: a capture
 * is +amount with negative fees, a refund is -amount with the percentage fee given back (positive).
 * amount + percentageFee + fixedFee is the line's net, and the sums reconcile exactly.
 */
export interface LedgerEntry {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly type: LedgerEntryType;
  /** On the merchant's clock: when the money moved (capture completed, refund completed, …). */
  readonly postedAt: Instant;
  /** AmazonTransactionId: the chargeId, refundId, v1 capture or refund id, or the disputeId. */
  readonly transactionId: string;
  /** AmazonOrderReferenceId: the chargePermissionId (v2) or order reference id (v1). */
  readonly orderReferenceId: string;
  /** SellerReferenceId (merchantReferenceId, CaptureReferenceId, …), when the merchant gave one. */
  readonly sellerReferenceId: string | null;
  readonly sellerOrderId: string | null;
  readonly storeName: string | null;
  readonly currency: CurrencyCode;
  readonly amountMinor: number;
  readonly percentageFeeMinor: number;
  readonly fixedFeeMinor: number;
  readonly description: string;
}

export const netMinor = (entry: LedgerEntry): number =>
  entry.amountMinor + entry.percentageFeeMinor + entry.fixedFeeMinor;

export const totalFeeMinor = (entry: LedgerEntry): number =>
  entry.percentageFeeMinor + entry.fixedFeeMinor;
