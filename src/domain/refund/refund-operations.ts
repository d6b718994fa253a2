import type { Charge } from '../charge/charge.js';
import { checkMaximumAmount } from '../shared/amount-maximum.js';
import { DomainError, invalidParameter } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import {
  add,
  exceeds,
  formatAmount,
  majorUnits,
  money,
  requireCurrency,
  sum,
  type Money,
} from '../shared/money.js';
import { SECOND, type Instant } from '../shared/time.js';
import type { SimulationCode } from '../simulation/simulation-codes.js';
import type { Refund } from './refund.js';
import { REFUND_TRANSITIONS } from './refund-lifecycle.js';

/** How long a refund takes to complete in localpay (merchant clock). */
export const REFUND_PROCESSING_TIME = 30 * SECOND;
/** A capture takes at most ten refunds (the v1 rule; v2 names TransactionCountExceeded). */
export const MAX_REFUNDS_PER_CHARGE = 10;

/**
 * How much may be refunded in total: the captured amount plus 15 % or 75 units of the currency,
 * whichever is less (spec §7.2); in JPY the cap is 8,400 yen (spec v1 §2.8, §3.6).
 */
export function maximumRefundable(captured: Money): Money {
  const fifteenPercent = Math.floor((captured.minor * 15) / 100);
  const cap = (
    captured.currency === 'JPY' ? money(8_400, 'JPY') : majorUnits(75, captured.currency)
  ).minor;
  return money(captured.minor + Math.min(fifteenPercent, cap), captured.currency);
}

export interface NewRefundInput {
  readonly id: string;
  readonly refundAmount: Money;
  readonly softDescriptor: string | null;
}

/**
 * Create Refund (spec §8.14): the charge must be Captured; declined refunds do not count against
 * the total; a simulation decides whether the refund will be Declined.
 */
export function newRefund(
  charge: Charge,
  earlier: readonly Refund[],
  input: NewRefundInput,
  simulation: SimulationCode<'createRefund'> | null,
  now: Instant,
): Refund {
  if (charge.state !== 'Captured' || charge.captureAmount === null)
    throw new DomainError(
      'InvalidChargeStatus',
      `The Charge ${charge.id} is ${charge.state}; only Captured charges can be refunded.`,
    );
  const { refundAmount } = input;
  requireCurrency(
    refundAmount,
    charge.captureAmount.currency,
    'refundAmount',
    `the Charge ${charge.id}`,
  );
  if (refundAmount.minor <= 0)
    throw invalidParameter('refundAmount.amount', 'it must be greater than zero.');
  checkMaximumAmount('refundAmount', refundAmount);
  if (input.softDescriptor !== null && input.softDescriptor.length > 16)
    throw invalidParameter('softDescriptor', 'it is longer than 16 characters.');
  const counted = earlier.filter((refund) => refund.state !== 'Declined');
  if (counted.length >= MAX_REFUNDS_PER_CHARGE)
    throw new DomainError(
      'TransactionCountExceeded',
      `A charge takes at most ${MAX_REFUNDS_PER_CHARGE} refunds.`,
    );
  const already = sum(
    refundAmount.currency,
    counted.map((refund) => refund.refundAmount),
  );
  const maximum = maximumRefundable(charge.captureAmount);
  if (exceeds(add(already, refundAmount), maximum))
    throw new DomainError(
      'TransactionAmountExceeded',
      `Refunds of this charge may total at most ${formatAmount(maximum)} ${maximum.currency} (the captured amount plus 15% or 75, whichever is less); ${formatAmount(already)} is already refunded or pending.`,
    );
  return {
    id: input.id,
    chargeId: charge.id,
    chargePermissionId: charge.chargePermissionId,
    merchantId: charge.merchantId,
    environment: charge.environment,
    region: charge.region,
    refundAmount,
    softDescriptor: input.softDescriptor,
    state: 'RefundInitiated',
    reasonCode: null,
    reasonDescription: null,
    lastUpdatedAt: now,
    createdAt: now,
    resolvesAt: now + REFUND_PROCESSING_TIME,
    resolution: simulation ?? 'Refunded',
  };
}

const DECLINE_TEXT = {
  AmazonRejected: 'Amazon Pay rejected the refund; refund the buyer by other means.',
  ProcessingFailure: 'The refund could not be processed; retry once the capture is complete.',
} as const;

/** The timer: a RefundInitiated refund completes (or is declined) when it is due. */
export function settleRefund(refund: Refund, now: Instant): Refund {
  if (refund.state !== 'RefundInitiated' || refund.resolvesAt === null || now < refund.resolvesAt)
    return refund;
  const at = refund.resolvesAt;
  if (refund.resolution === 'Refunded') {
    assertTransition(
      REFUND_TRANSITIONS,
      'Refund',
      refund.id,
      refund.state,
      'Refunded',
      'InvalidRequest',
    );
    return { ...refund, state: 'Refunded', resolvesAt: null, lastUpdatedAt: at };
  }
  assertTransition(
    REFUND_TRANSITIONS,
    'Refund',
    refund.id,
    refund.state,
    'Declined',
    'InvalidRequest',
  );
  return {
    ...refund,
    state: 'Declined',
    reasonCode: refund.resolution,
    reasonDescription: DECLINE_TEXT[refund.resolution],
    resolvesAt: null,
    lastUpdatedAt: at,
  };
}
