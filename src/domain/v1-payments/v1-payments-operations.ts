import {
  ASYNCHRONOUS_CAPTURE_DELAY,
  AUTHORIZATION_LIFETIME,
  PENDING_AUTHORIZATION_DELAY,
  SYNCHRONOUS_CAPTURE_WINDOW,
} from '../charge/charge-operations.js';
import type { OrderReference } from '../order-reference/order-reference.js';
import { checkText, minimumAmount } from '../order-reference/v1-contract.js';
import {
  MAX_REFUNDS_PER_CHARGE,
  maximumRefundable,
  REFUND_PROCESSING_TIME,
} from '../refund/refund-operations.js';
import { DomainError, invalidParameter } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import { add, compare, exceeds, formatAmount, sum, zero, type Money } from '../shared/money.js';
import type { ReleaseEnvironment } from '../shared/environment.js';
import { DAY, MINUTE, type Instant } from '../shared/time.js';
import type { RefundSimulation } from '../simulation/v1-simulations.js';
import type { V1AuthorizationDecision } from './authorization-decision.js';
import {
  AUTHORIZATION_TRANSITIONS,
  CAPTURE_TRANSITIONS,
  V1_REFUND_TRANSITIONS,
} from './v1-payments-lifecycle.js';
import type {
  AuthorizationFinal,
  AuthorizationReasonCode,
  AuthorizationState,
  CaptureFinal,
  CaptureReasonCode,
  CaptureState,
  V1Authorization,
  V1Capture,
  V1Refund,
} from './v1-payments.js';

/**
 * How long an Open authorization may be captured: 30 days in Live, two days in Sandbox ("An
 * Authorization object in the Open state: moves to a Closed state in two days"; "Time limit for
 * submitting a Capture against an authorisation: within 2 days", Amazon's page "Differences between
 * the Sandbox and Production environments", eu/amazon-pay-onetime/differences-between-environments).
 */
export const v1AuthorizationLifetime = (environment: ReleaseEnvironment): number =>
  environment === 'Sandbox' ? SANDBOX_AUTHORIZATION_LIFETIME : AUTHORIZATION_LIFETIME;
export const SANDBOX_AUTHORIZATION_LIFETIME = 2 * DAY;

/** An order reference takes at most ten authorizations that were not declined (spec v1 §3.1). */
export const MAX_AUTHORIZATIONS_PER_ORDER_REFERENCE = 10;

const AUTH_TEXT = {
  InvalidPaymentMethod: 'There were problems with the payment method.',
  AmazonRejected: 'Amazon has rejected the authorization.',
  ProcessingFailure:
    'Amazon could not process the transaction because of an internal processing error.',
  TransactionTimedOut: 'Amazon could not process the authorization within the TransactionTimeout.',
  // The wording of Amazon's IPN fixtures (spec v1 §3.6, CHAM authorization IPN tests).
  ExpiredUnused:
    'The authorization has been in the Open state for 30 days (two days for Sandbox) without a capture.',
  MaxCapturesProcessed: 'The authorization has been captured.',
  AmazonClosed: 'Amazon has closed the authorization.',
  OrderReferenceCanceled: 'The order reference was canceled, which closed its open authorizations.',
  SellerClosed: 'The seller closed the authorization.',
} as const satisfies Record<AuthorizationReasonCode, string>;

function moveAuthorization(
  auth: V1Authorization,
  to: AuthorizationState,
  reasonCode: AuthorizationReasonCode | null,
  now: Instant,
  changes: Partial<V1Authorization> = {},
): V1Authorization {
  assertTransition(
    AUTHORIZATION_TRANSITIONS,
    'Authorization',
    auth.id,
    auth.state,
    to,
    'InvalidAuthorizationStatus',
  );
  return {
    ...auth,
    ...changes,
    state: to,
    reasonCode,
    reasonDescription: reasonCode === null ? null : AUTH_TEXT[reasonCode],
    lastUpdatedAt: now,
  };
}

export interface NewAuthorizationInput {
  readonly id: string;
  readonly referenceId: string;
  readonly fingerprint: string;
  readonly amount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
  readonly captureNow: boolean;
  readonly transactionTimeout: number;
  readonly billingAgreementId: string | null;
}

/**
 * Authorize checks (spec v1 §2.8, §3.6): currency of the order, more than zero, at most the order
 * total plus min(15 %, 75) over all authorizations that still hold money, at most ten of them.
 */
export function checkAuthorizationFits(
  oro: OrderReference,
  earlier: readonly V1Authorization[],
  amount: Money,
): void {
  const total = oro.orderTotal;
  if (total !== null && amount.currency !== total.currency)
    throw new DomainError(
      'CurrencyMismatch',
      `AuthorizationAmount must be in ${total.currency}, the OrderTotal's currency.`,
    );
  if (amount.minor < minimumAmount(oro))
    throw invalidParameter(
      'AuthorizationAmount.Amount',
      oro.parentBillingAgreementId === null
        ? 'it must be greater than zero (a zero placeholder is only for billing agreements).'
        : 'it must not be negative.',
    );
  const holding = earlier.filter((a) => a.state !== 'Declined');
  if (holding.length >= MAX_AUTHORIZATIONS_PER_ORDER_REFERENCE)
    throw new DomainError(
      'TransactionCountExceeded',
      `OrderReference ${oro.id} already has ${holding.length} authorizations.`,
    );
  if (total === null) return;
  const used = sum(
    total.currency,
    holding.map((a) => (a.state === 'Closed' ? a.capturedAmount : a.amount)),
  );
  const ceiling = maximumRefundable(total);
  if (exceeds(add(used, amount), ceiling))
    throw new DomainError(
      'TransactionAmountExceeded',
      `Authorizations on OrderReference ${oro.id} may total at most ${formatAmount(ceiling)} ${ceiling.currency} (the OrderTotal plus 15% or 75, whichever is less); ${formatAmount(used)} are already authorized or captured.`,
    );
}

/** Applies the issuer's answer to a Pending authorization. */
export function resolveAuthorization(
  auth: V1Authorization,
  final: AuthorizationFinal,
  now: Instant,
): V1Authorization {
  switch (final.kind) {
    case 'Open':
      return moveAuthorization(auth, 'Open', null, now, { pending: null, softDecline: null });
    case 'Declined':
      return moveAuthorization(auth, 'Declined', final.reason, now, {
        pending: null,
        softDecline: final.softDecline,
      });
    case 'AmazonClosed':
      return moveAuthorization(auth, 'Closed', 'AmazonClosed', now, { pending: null });
  }
}

/**
 * A new authorization: Pending, resolved at once when TransactionTimeout is 0 (synchronous), else
 * PENDING_AUTHORIZATION_DELAY later on the merchant's clock (spec v1 §3.2).
 */
export function newAuthorization(
  oro: OrderReference,
  input: NewAuthorizationInput,
  decision: V1AuthorizationDecision,
  now: Instant,
): V1Authorization {
  checkText('SellerAuthorizationNote', input.sellerNote);
  checkText('SoftDescriptor', input.softDescriptor);
  if (
    !Number.isInteger(input.transactionTimeout) ||
    input.transactionTimeout < 0 ||
    input.transactionTimeout > 1440
  )
    throw invalidParameter('TransactionTimeout', 'give whole minutes from 0 to 1440.');
  const pendingAt = now + PENDING_AUTHORIZATION_DELAY;
  const pending: V1Authorization = {
    id: input.id,
    orderReferenceId: oro.id,
    billingAgreementId: input.billingAgreementId,
    merchantId: oro.merchantId,
    environment: oro.environment,
    region: oro.region,
    referenceId: input.referenceId,
    fingerprint: input.fingerprint,
    amount: input.amount,
    capturedAmount: zero(input.amount.currency),
    sellerNote: input.sellerNote,
    softDescriptor: input.softDescriptor,
    captureNow: input.captureNow,
    transactionTimeout: input.transactionTimeout,
    captureIds: [],
    billingAddress: oro.selection.billingAddress,
    state: 'Pending',
    reasonCode: null,
    reasonDescription: null,
    softDecline: null,
    createdAt: now,
    lastUpdatedAt: now,
    expiresAt: now + v1AuthorizationLifetime(oro.environment),
    pending: { at: pendingAt, final: decision.final },
    closesUnusedAt:
      decision.closeUnusedAfterMinutes === null
        ? null
        : now + decision.closeUnusedAfterMinutes * MINUTE,
    resumeAfterMinutes: decision.resumeAfterMinutes,
    authenticationMissing: decision.authenticationMissing === true,
  };
  return input.transactionTimeout === 0
    ? resolveAuthorization(pending, decision.final, now)
    : pending;
}

/** CloseAuthorization: Pending or Open → Closed/SellerClosed (405 InvalidAuthorizationStatus). */
export function closeAuthorization(auth: V1Authorization, now: Instant): V1Authorization {
  if (auth.state !== 'Pending' && auth.state !== 'Open')
    throw new DomainError(
      'InvalidAuthorizationStatus',
      `Authorization ${auth.id} is ${auth.state} and cannot be closed.`,
    );
  return moveAuthorization(auth, 'Closed', 'SellerClosed', now, { pending: null });
}

/** Canceling the order reference closes its open and pending authorizations. */
export const closeForCanceledOrder = (auth: V1Authorization, now: Instant): V1Authorization =>
  auth.state === 'Pending' || auth.state === 'Open'
    ? moveAuthorization(auth, 'Closed', 'OrderReferenceCanceled', now, { pending: null })
    : auth;

/** Timers: a Pending authorization resolves; an Open one lapses at its expiry (30 days, Sandbox two) or a simulated N minutes. */
export function settleAuthorizationTimers(auth: V1Authorization, now: Instant): V1Authorization {
  if (auth.state === 'Pending' && auth.pending !== null && now >= auth.pending.at) {
    const resolved = resolveAuthorization(auth, auth.pending.final, auth.pending.at);
    return settleAuthorizationTimers(resolved, now);
  }
  if (auth.state === 'Open') {
    const at =
      auth.closesUnusedAt === null ? auth.expiresAt : Math.min(auth.closesUnusedAt, auth.expiresAt);
    if (now >= at) return moveAuthorization(auth, 'Closed', 'ExpiredUnused', at);
  }
  return auth;
}

/** Any capture closes its authorization: Closed/MaxCapturesProcessed (spec v1 §2.8). */
export const authorizationCaptured = (
  auth: V1Authorization,
  capture: V1Capture,
  now: Instant,
): V1Authorization =>
  moveAuthorization(auth, 'Closed', 'MaxCapturesProcessed', now, {
    captureIds: [...auth.captureIds, capture.id],
    capturedAmount: capture.amount,
  });

const CAPTURE_TEXT = {
  AmazonRejected: 'Amazon has rejected the capture.',
  ProcessingFailure:
    'Amazon could not process the capture because of an internal processing error.',
  MaxAmountRefunded: 'The captured amount has been refunded in full.',
  MaxRefundsProcessed: 'Ten refunds have been processed for this capture.',
  AmazonClosed: 'Amazon has closed the capture.',
} as const satisfies Record<CaptureReasonCode, string>;

function moveCapture(
  capture: V1Capture,
  to: CaptureState,
  reasonCode: CaptureReasonCode | null,
  now: Instant,
  changes: Partial<V1Capture> = {},
): V1Capture {
  assertTransition(
    CAPTURE_TRANSITIONS,
    'Capture',
    capture.id,
    capture.state,
    to,
    'CaptureNotRefundable',
  );
  return {
    ...capture,
    ...changes,
    state: to,
    reasonCode,
    reasonDescription: reasonCode === null ? null : CAPTURE_TEXT[reasonCode],
    lastUpdatedAt: now,
  };
}

export function resolveCapture(capture: V1Capture, final: CaptureFinal, now: Instant): V1Capture {
  switch (final.kind) {
    case 'Completed':
      return moveCapture(capture, 'Completed', null, now, { pending: null });
    case 'Declined':
      return moveCapture(capture, 'Declined', final.reason, now, { pending: null });
    case 'AmazonClosed':
      return moveCapture(
        moveCapture(capture, 'Completed', null, now, { pending: null }),
        'Closed',
        'AmazonClosed',
        now,
      );
  }
}

export interface NewCaptureInput {
  readonly id: string;
  readonly referenceId: string;
  readonly fingerprint: string;
  readonly amount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
}

/**
 * Capture (spec v1 §2.8): the authorization must be Open; at most its amount, in its currency.
 * Within 7 days it completes (or is declined) at once; later, or with a Pending simulation, it is
 * Pending and completes an hour later (the v2 capture timings).
 */
export function newCapture(
  auth: V1Authorization,
  input: NewCaptureInput,
  outcome: { readonly final: CaptureFinal; readonly pending: boolean },
  now: Instant,
): V1Capture {
  if (auth.state !== 'Open')
    throw new DomainError(
      'InvalidAuthorizationStatus',
      `Authorization ${auth.id} is ${auth.state}; only Open authorizations can be captured.`,
    );
  if (input.amount.currency !== auth.amount.currency)
    throw new DomainError(
      'CurrencyMismatch',
      `CaptureAmount must be in ${auth.amount.currency}, the authorization's currency.`,
    );
  if (input.amount.minor < (auth.billingAgreementId === null || auth.amount.minor > 0 ? 1 : 0))
    throw invalidParameter('CaptureAmount.Amount', 'it must be greater than zero.');
  if (exceeds(input.amount, auth.amount))
    throw new DomainError(
      'TransactionAmountExceeded',
      `CaptureAmount exceeds the authorized ${formatAmount(auth.amount)} ${auth.amount.currency}.`,
    );
  checkText('SellerCaptureNote', input.sellerNote);
  checkText('SoftDescriptor', input.softDescriptor);
  const late = now - auth.createdAt > SYNCHRONOUS_CAPTURE_WINDOW;
  const capture: V1Capture = {
    id: input.id,
    authorizationId: auth.id,
    orderReferenceId: auth.orderReferenceId,
    billingAgreementId: auth.billingAgreementId,
    merchantId: auth.merchantId,
    environment: auth.environment,
    region: auth.region,
    referenceId: input.referenceId,
    fingerprint: input.fingerprint,
    amount: input.amount,
    refundedAmount: zero(input.amount.currency),
    sellerNote: input.sellerNote,
    softDescriptor: input.softDescriptor,
    refundIds: [],
    state: 'Pending',
    reasonCode: null,
    reasonDescription: null,
    createdAt: now,
    lastUpdatedAt: now,
    pending: { at: now + ASYNCHRONOUS_CAPTURE_DELAY, final: outcome.final },
  };
  const waits = outcome.pending || (late && outcome.final.kind === 'Completed');
  return waits ? capture : resolveCapture(capture, outcome.final, now);
}

export function settleCaptureTimers(capture: V1Capture, now: Instant): V1Capture {
  if (capture.state !== 'Pending' || capture.pending === null || now < capture.pending.at)
    return capture;
  return resolveCapture(capture, capture.pending.final, capture.pending.at);
}

/** A refund completed: the refunded amount grows; the full amount or ten refunds close the capture. */
export function captureRefunded(capture: V1Capture, amount: Money, now: Instant): V1Capture {
  const refundedAmount = add(capture.refundedAmount, amount);
  const next = { ...capture, refundedAmount, lastUpdatedAt: now };
  if (next.state !== 'Completed') return next;
  if (compare(refundedAmount, capture.amount) >= 0)
    return moveCapture(next, 'Closed', 'MaxAmountRefunded', now);
  return next;
}

export const recordRefundId = (capture: V1Capture, refund: V1Refund, now: Instant): V1Capture => {
  const next = { ...capture, refundIds: [...capture.refundIds, refund.id], lastUpdatedAt: now };
  return next.state === 'Completed' && next.refundIds.length >= MAX_REFUNDS_PER_CHARGE
    ? moveCapture(next, 'Closed', 'MaxRefundsProcessed', now)
    : next;
};

export interface NewV1RefundInput {
  readonly id: string;
  readonly referenceId: string;
  readonly fingerprint: string;
  readonly amount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
}

/**
 * Refund (spec v1 §2.8): the capture must be Completed (405 CaptureNotRefundable); at most ten
 * refunds; in total at most the capture plus min(15 %, 75) — the rule of refund-operations.ts.
 */
export function newV1Refund(
  capture: V1Capture,
  earlier: readonly V1Refund[],
  input: NewV1RefundInput,
  simulation: RefundSimulation | null,
  now: Instant,
): V1Refund {
  if (capture.state !== 'Completed')
    throw new DomainError(
      'CaptureNotRefundable',
      `Capture ${capture.id} is ${capture.state} and cannot be refunded.`,
    );
  if (input.amount.currency !== capture.amount.currency)
    throw new DomainError(
      'CurrencyMismatch',
      `RefundAmount must be in ${capture.amount.currency}, the capture's currency.`,
    );
  if (input.amount.minor <= 0)
    throw invalidParameter('RefundAmount.Amount', 'it must be greater than zero.');
  checkText('SellerRefundNote', input.sellerNote);
  checkText('SoftDescriptor', input.softDescriptor);
  const counted = earlier.filter((r) => r.state !== 'Declined');
  if (counted.length >= MAX_REFUNDS_PER_CHARGE)
    throw new DomainError(
      'TransactionCountExceeded',
      `A capture takes at most ${MAX_REFUNDS_PER_CHARGE} refunds.`,
    );
  const already = sum(
    capture.amount.currency,
    counted.map((r) => r.amount),
  );
  const maximum = maximumRefundable(capture.amount);
  if (exceeds(add(already, input.amount), maximum))
    throw new DomainError(
      'TransactionAmountExceeded',
      `Refunds of Capture ${capture.id} may total at most ${formatAmount(maximum)} ${maximum.currency} (the captured amount plus 15% or 75, whichever is less).`,
    );
  return {
    id: input.id,
    captureId: capture.id,
    orderReferenceId: capture.orderReferenceId,
    merchantId: capture.merchantId,
    environment: capture.environment,
    region: capture.region,
    referenceId: input.referenceId,
    fingerprint: input.fingerprint,
    amount: input.amount,
    sellerNote: input.sellerNote,
    softDescriptor: input.softDescriptor,
    refundType: 'SellerInitiated',
    state: 'Pending',
    reasonCode: null,
    reasonDescription: null,
    createdAt: now,
    lastUpdatedAt: now,
    resolvesAt: now + REFUND_PROCESSING_TIME,
    resolution: simulation?.reasonCode ?? 'Completed',
  };
}

const REFUND_TEXT = {
  AmazonRejected: 'Amazon has rejected the refund.',
  ProcessingFailure: 'Amazon could not process the refund because of an internal processing error.',
} as const;

export function settleV1Refund(refund: V1Refund, now: Instant): V1Refund {
  if (refund.state !== 'Pending' || refund.resolvesAt === null || now < refund.resolvesAt)
    return refund;
  const at = refund.resolvesAt;
  const to = refund.resolution === 'Completed' ? 'Completed' : 'Declined';
  assertTransition(V1_REFUND_TRANSITIONS, 'Refund', refund.id, refund.state, to, 'InvalidRequest');
  return refund.resolution === 'Completed'
    ? { ...refund, state: 'Completed', resolvesAt: null, lastUpdatedAt: at }
    : {
        ...refund,
        state: 'Declined',
        reasonCode: refund.resolution,
        reasonDescription: REFUND_TEXT[refund.resolution],
        resolvesAt: null,
        lastUpdatedAt: at,
      };
}
