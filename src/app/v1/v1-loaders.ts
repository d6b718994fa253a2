import { fingerprintOf } from './v1-references.js';
import { decideV1Capture } from '../../domain/v1-payments/authorization-decision.js';
import { invalidId, load } from './v1-load.js';
import { creditProviders } from './provider-credit-creation.js';
import {
  settleBillingAgreementTimers,
  applyBaDecline,
} from '../../domain/billing-agreement/billing-agreement-operations.js';
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import {
  applyAuthorizationDecline,
  recordCapture,
  settleOrderReferenceTimers,
} from '../../domain/order-reference/order-reference-operations.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import {
  authorizationCaptured,
  captureRefunded,
  newCapture,
  settleAuthorizationTimers,
  settleCaptureTimers,
  settleV1Refund,
} from '../../domain/v1-payments/v1-payments-operations.js';
import {
  childId,
  type V1Authorization,
  type V1Capture,
  type V1Refund,
} from '../../domain/v1-payments/v1-payments.js';
import type { Loader } from '../aggregate-loader.js';
import type { Unit } from '../unit-of-work.js';
import {
  authorizationChanged,
  billingAgreementChanged,
  captureChanged,
  orderReferenceChanged,
  refundChanged,
} from './v1-notifications.js';

/**
 * The v1 aggregates' loaders (aggregate-loader.ts): reading an object first fires its due timers on
 * the merchant's clock, and the background sweep uses the same loaders. A missing object is the v1
 * "invalid id" error of its kind (spec v1 §4.3).
 */
export const orderReferences: Loader<OrderReference> = {
  name: 'OrderReference',
  repository: (unit) => unit.tx.orderReferences,
  settle: settleOrderReferenceTimers,
  onChange: (unit, before, after) => orderReferenceChanged(unit, before, after),
};

export const billingAgreements: Loader<BillingAgreement> = {
  name: 'BillingAgreement',
  repository: (unit) => unit.tx.billingAgreements,
  settle: settleBillingAgreementTimers,
  onChange: (unit, before, after) => billingAgreementChanged(unit, before, after),
};

export const v1Authorizations: Loader<V1Authorization> = {
  name: 'Authorization',
  repository: (unit) => unit.tx.v1Authorizations,
  settle: settleAuthorizationTimers,
  onChange: (unit, before, after) => authorizationMoved(unit, before, after),
};

export const v1Captures: Loader<V1Capture> = {
  name: 'Capture',
  repository: (unit) => unit.tx.v1Captures,
  settle: settleCaptureTimers,
  onChange: (unit, before, after) => captureMoved(unit, before, after),
};

export const v1Refunds: Loader<V1Refund> = {
  name: 'Refund',
  repository: (unit) => unit.tx.v1Refunds,
  settle: settleV1Refund,
  onChange: (unit, before, after) => refundMoved(unit, before, after),
};

export const V1_LOADERS = [
  orderReferences,
  billingAgreements,
  v1Authorizations,
  v1Captures,
  v1Refunds,
] as const;

export const loadOrderReference = (unit: Unit, id: string): Promise<OrderReference> =>
  load(orderReferences, unit, id, invalidId('InvalidOrderReferenceId', 'OrderReference', id));
export const loadBillingAgreement = (unit: Unit, id: string): Promise<BillingAgreement> =>
  load(billingAgreements, unit, id, invalidId('InvalidBillingAgreementId', 'BillingAgreement', id));
/** CaptureNow may close the authorization while its timer fires: answer what was stored last. */
export async function loadAuthorization(unit: Unit, id: string): Promise<V1Authorization> {
  const auth = await load(
    v1Authorizations,
    unit,
    id,
    invalidId('InvalidTransactionId', 'Authorization', id),
  );
  if (!auth.captureNow || auth.state !== 'Open') return auth;
  return (await unit.tx.v1Authorizations.find(unit.scope, id)) ?? auth;
}
export const loadCapture = (unit: Unit, id: string): Promise<V1Capture> =>
  load(v1Captures, unit, id, invalidId('InvalidTransactionId', 'Capture', id));
export const loadV1Refund = (unit: Unit, id: string): Promise<V1Refund> =>
  load(v1Refunds, unit, id, invalidId('InvalidTransactionId', 'Refund', id));

/** Persists an order reference change and notifies it. */
export async function saveOrderReference(
  unit: Unit,
  before: OrderReference,
  after: OrderReference,
): Promise<void> {
  if (before === after) return;
  await unit.tx.orderReferences.update(after);
  await orderReferenceChanged(unit, before, after);
}

export async function saveBillingAgreement(
  unit: Unit,
  before: BillingAgreement,
  after: BillingAgreement,
): Promise<void> {
  if (before === after) return;
  await unit.tx.billingAgreements.update(after);
  await billingAgreementChanged(unit, before, after);
}

/**
 * What follows an authorization's change (creation included, `before` null): the IPN; a decline
 * suspends or closes its order reference (and suspends its billing agreement, spec v1 §3.5); an
 * approved CaptureNow authorization is captured at once.
 */
export async function authorizationMoved(
  unit: Unit,
  before: V1Authorization | null,
  after: V1Authorization,
): Promise<void> {
  await authorizationChanged(unit, before, after);
  if (before !== null && before.state === after.state) return;
  if (after.state === 'Declined' && after.reasonCode !== null) {
    const reason = after.reasonCode as
      'InvalidPaymentMethod' | 'AmazonRejected' | 'TransactionTimedOut' | 'ProcessingFailure';
    const oro = await loadOrderReference(unit, after.orderReferenceId);
    await saveOrderReference(
      unit,
      oro,
      applyAuthorizationDecline(oro, reason, after.resumeAfterMinutes, unit.now),
    );
    // A missing SCA challenge says nothing of the agreement's payment method: only card declines suspend it.
    if (after.billingAgreementId !== null && after.authenticationMissing !== true) {
      const ba = await loadBillingAgreement(unit, after.billingAgreementId);
      await saveBillingAgreement(unit, ba, applyBaDecline(ba, reason, unit.now));
    }
  }
  if (after.state === 'Open' && after.captureNow) await captureOnAuthorization(unit, after);
}

/**
 * CaptureNow (spec v1 §2.8): a successful authorization is captured in full at once and returned
 * Closed/MaxCapturesProcessed with the capture id in its IdList.
 */
export async function captureOnAuthorization(unit: Unit, auth: V1Authorization): Promise<void> {
  const current = (await unit.tx.v1Authorizations.find(unit.scope, auth.id)) ?? auth;
  if (current.state !== 'Open') return;
  const made = newCapture(
    current,
    {
      id: childId(current.orderReferenceId, 'C', unit.random.digits(6)),
      referenceId: current.referenceId,
      fingerprint: fingerprintOf({ captureNow: current.id }),
      amount: current.amount,
      sellerNote: null,
      softDescriptor: current.softDescriptor,
    },
    decideV1Capture(null),
    unit.now,
  );
  const capture = await creditProviders(unit, made, current.providerCreditList ?? []);
  await unit.tx.v1Captures.insert(capture);
  const closed = authorizationCaptured(current, capture, unit.now);
  await unit.tx.v1Authorizations.update(closed);
  await authorizationChanged(unit, current, closed);
  await captureMoved(unit, null, capture);
}

/** A capture that completed counts for its order reference (MaxAmountCharged, MaxAuthorizationsCaptured). */
export async function captureMoved(
  unit: Unit,
  before: V1Capture | null,
  after: V1Capture,
): Promise<void> {
  await captureChanged(unit, before, after);
  const completedNow =
    after.state === 'Completed' ||
    (after.state === 'Closed' && after.reasonCode === 'AmazonClosed');
  if (completedNow && (before === null || before.state === 'Pending')) {
    const oro = await loadOrderReference(unit, after.orderReferenceId);
    await saveOrderReference(unit, oro, recordCapture(oro, after.amount, unit.now));
  }
}

/** A refund that completed adds to its capture's RefundedAmount. */
async function refundMoved(unit: Unit, before: V1Refund, after: V1Refund): Promise<void> {
  await refundChanged(unit, before, after);
  if (before.state === 'Completed' || after.state !== 'Completed') return;
  const capture = await loadCapture(unit, after.captureId);
  const next = captureRefunded(capture, after.amount, unit.now);
  await unit.tx.v1Captures.update(next);
  await captureChanged(unit, capture, next);
}
