import type { Charge } from '../../domain/charge/charge.js';
import { returnsFunds } from '../../domain/dispute/dispute-operations.js';
import type { Dispute } from '../../domain/dispute/dispute.js';
import {
  captureEntry,
  chargebackEntry,
  chargebackReversalEntry,
  providerCreditEntry,
  refundEntry,
  type PostingContext,
} from '../../domain/ledger/ledger-postings.js';
import type { Refund } from '../../domain/refund/refund.js';
import type {
  ProviderCredit,
  ProviderCreditReversal,
} from '../../domain/provider-credit/provider-credit.js';
import type { V1Capture, V1Refund } from '../../domain/v1-payments/v1-payments.js';
import type { Unit } from '../unit-of-work.js';
import { feeScheduleOf } from './fees.js';

/**
 * Writes settlement lines in the transaction of the change that moved the money (DESIGN.md §1),
 * so the ledger can never disagree with the charges, refunds and disputes it comes from. Entry ids
 * are derived from the object and the event: posting twice is a unique violation, not a double
 * count.
 */
const context = (
  unit: Unit,
  id: string,
  transactionId: string,
  orderReferenceId: string,
  charge: Pick<Charge, 'merchantMetadata'> | null,
): PostingContext => ({
  id,
  merchantId: unit.scope.merchantId,
  environment: unit.scope.environment,
  postedAt: unit.now,
  transactionId,
  orderReferenceId,
  sellerReferenceId: charge?.merchantMetadata.merchantReferenceId ?? null,
  sellerOrderId: charge?.merchantMetadata.merchantReferenceId ?? null,
  storeName: charge?.merchantMetadata.merchantStoreName ?? null,
});

/** A charge reaching Captured credits its capture amount, less fees. */
export async function postCharge(unit: Unit, before: Charge | null, after: Charge): Promise<void> {
  if (after.state !== 'Captured' || before?.state === 'Captured' || after.captureAmount === null)
    return;
  const fees = await feeScheduleOf(unit.tx, unit.merchant);
  await unit.tx.ledger.add(
    captureEntry(
      context(unit, `${after.id}#capture`, after.id, after.chargePermissionId, after),
      after.captureAmount,
      fees,
    ),
  );
}

/** A refund reaching Refunded debits its amount; the percentage fee share comes back. */
export async function postRefund(unit: Unit, before: Refund | null, after: Refund): Promise<void> {
  if (after.state !== 'Refunded' || before?.state === 'Refunded') return;
  const fees = await feeScheduleOf(unit.tx, unit.merchant);
  await unit.tx.ledger.add(
    refundEntry(
      context(unit, `${after.id}#refund`, after.id, after.chargePermissionId, null),
      after.refundAmount,
      fees,
    ),
  );
}

/** Opening debits the disputed amount and the chargeback fee; winning credits the amount back. */
export async function postDispute(
  unit: Unit,
  before: Dispute | null,
  after: Dispute,
): Promise<void> {
  if (before === null) {
    const fees = await feeScheduleOf(unit.tx, unit.merchant);
    await unit.tx.ledger.add(
      chargebackEntry(
        context(unit, `${after.id}#chargeback`, after.id, after.chargePermissionId, null),
        after.disputeAmount,
        fees,
      ),
    );
  }
  if (returnsFunds(before, after))
    await unit.tx.ledger.add(
      chargebackReversalEntry(
        context(unit, `${after.id}#reversal`, after.id, after.chargePermissionId, null),
        after.disputeAmount,
      ),
    );
}

const settled = (state: string): boolean => state === 'Completed' || state === 'Closed';

/**
 * v1: a capture reaching Completed (or Closed) and a refund reaching Completed post like their v2
 * counterparts; SellerReferenceId is the CaptureReferenceId or RefundReferenceId, as the settlement
 * report page says.
 */
export async function postV1Capture(
  unit: Unit,
  before: V1Capture | null,
  after: V1Capture,
): Promise<void> {
  if (!settled(after.state) || (before !== null && settled(before.state))) return;
  const fees = await feeScheduleOf(unit.tx, unit.merchant);
  await unit.tx.ledger.add(
    captureEntry(
      {
        ...context(unit, `${after.id}#capture`, after.id, after.orderReferenceId, null),
        sellerReferenceId: after.referenceId,
      },
      after.amount,
      fees,
    ),
  );
}

export async function postV1Refund(
  unit: Unit,
  before: V1Refund | null,
  after: V1Refund,
): Promise<void> {
  if (after.state !== 'Completed' || before?.state === 'Completed') return;
  const fees = await feeScheduleOf(unit.tx, unit.merchant);
  await unit.tx.ledger.add(
    refundEntry(
      {
        ...context(unit, `${after.id}#refund`, after.id, after.orderReferenceId, null),
        sellerReferenceId: after.referenceId,
      },
      after.amount,
      fees,
    ),
  );
}

/**
 * A provider credit reaching Completed debits the seller; a reversal reaching Completed credits it
 * back. SellerReferenceId is the CreditReferenceId or CreditReversalReferenceId.
 */
export async function postProviderCredit(
  unit: Unit,
  before: ProviderCredit | null,
  after: ProviderCredit,
): Promise<void> {
  if (after.state !== 'Completed' || before?.state === 'Completed') return;
  await unit.tx.ledger.add(
    providerCreditEntry(
      {
        ...context(unit, `${after.id}#credit`, after.id, after.orderReferenceId, null),
        sellerReferenceId: after.referenceId,
      },
      after.amount,
      'ProviderCredit',
    ),
  );
}

export async function postProviderCreditReversal(
  unit: Unit,
  before: ProviderCreditReversal | null,
  after: ProviderCreditReversal,
): Promise<void> {
  if (after.state !== 'Completed' || before?.state === 'Completed') return;
  await unit.tx.ledger.add(
    providerCreditEntry(
      {
        ...context(unit, `${after.id}#reversal`, after.id, after.orderReferenceId, null),
        sellerReferenceId: after.referenceId,
      },
      after.amount,
      'ProviderCreditReversal',
    ),
  );
}
