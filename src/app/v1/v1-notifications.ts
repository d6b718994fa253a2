import {
  postProviderCredit,
  postProviderCreditReversal,
  postV1Capture,
  postV1Refund,
} from '../back-office/ledger-posting.js';
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import type {
  ProviderCredit,
  ProviderCreditReversal,
} from '../../domain/provider-credit/provider-credit.js';
import type { V1Authorization, V1Capture, V1Refund } from '../../domain/v1-payments/v1-payments.js';
import { providerCreditDetails, providerCreditReversalDetails } from './provider-credit-details.js';
import type { V1EventType, V1NotificationType, XmlContent } from '../ports.js';
import type { Unit } from '../unit-of-work.js';
import {
  authorizationDetails,
  billingAgreementDetails,
  captureDetails,
  orderReferenceDetails,
  refundDetails,
} from './v1-details.js';

/**
 * v1 IPNs (spec v1 §6.2): written to the shared outbox in the caller's transaction; unlike v2 they
 * carry the object's details, captured here as they were at the change.
 */
async function enqueue(
  unit: Unit,
  notificationType: V1NotificationType,
  objectId: string,
  parentId: string | null,
  details: XmlContent,
  eventType?: V1EventType,
  recipient: { readonly merchantId: string; readonly now: number } = {
    merchantId: unit.scope.merchantId,
    now: unit.now,
  },
): Promise<void> {
  await unit.tx.outbox.add({
    apiVersion: 'v1',
    // Time-ordered: the outbox's primary key appends (NotificationId is only for tracking).
    id: unit.random.timeOrderedUuid(),
    merchantId: recipient.merchantId,
    environment: unit.scope.environment,
    notificationType,
    objectId,
    parentId,
    ...(eventType === undefined ? {} : { eventType }),
    details,
    createdAt: recipient.now,
  });
}

/** Order reference state changes (not its creation, which the merchant learns from the widget). */
export async function orderReferenceChanged(
  unit: Unit,
  before: OrderReference,
  after: OrderReference,
): Promise<void> {
  if (before.state !== after.state || before.reasonCode !== after.reasonCode)
    await enqueue(
      unit,
      'OrderReferenceNotification',
      after.id,
      after.parentBillingAgreementId,
      orderReferenceDetails(after, { reveal: false }),
    );
}

export async function billingAgreementChanged(
  unit: Unit,
  before: BillingAgreement,
  after: BillingAgreement,
): Promise<void> {
  if (before.state !== after.state || before.reasonCode !== after.reasonCode)
    await enqueue(
      unit,
      'BillingAgreementNotification',
      after.id,
      after.id,
      billingAgreementDetails(after, null, { reveal: false }),
      'BillingAgreementStatusUpdated',
    );
}

/** Every authorization state, the first included (synchronous ones too, spec v1 §6.2). */
export async function authorizationChanged(
  unit: Unit,
  before: V1Authorization | null,
  after: V1Authorization,
): Promise<void> {
  if (before === null || before.state !== after.state)
    await enqueue(
      unit,
      'PaymentAuthorize',
      after.id,
      after.orderReferenceId,
      authorizationDetails(after, unit.merchant.name),
    );
}

export async function captureChanged(
  unit: Unit,
  before: V1Capture | null,
  after: V1Capture,
): Promise<void> {
  if (before === null || before.state !== after.state)
    await enqueue(
      unit,
      'PaymentCapture',
      after.id,
      after.orderReferenceId,
      captureDetails(after, unit.merchant.name),
    );
  // Every v1 capture change passes here, so the ledger sees every one (app/back-office).
  await postV1Capture(unit, before, after);
}

export async function refundChanged(
  unit: Unit,
  before: V1Refund | null,
  after: V1Refund,
): Promise<void> {
  if (before === null || before.state !== after.state)
    await enqueue(
      unit,
      'PaymentRefund',
      after.id,
      after.orderReferenceId,
      refundDetails(after, unit.merchant.name),
    );
  await postV1Refund(unit, before, after);
}

/** The provider is another merchant with its own clock: its notification is due on that clock. */
async function providerRecipient(unit: Unit, providerId: string) {
  const provider = await unit.tx.merchants.find(providerId);
  const offset = provider === undefined ? unit.merchant.clockOffsetMs : provider.clockOffsetMs;
  return { merchantId: providerId, now: unit.now - unit.merchant.clockOffsetMs + offset };
}

/**
 * ProviderCredit / ProviderCreditReversal IPNs (spec v1 §6.2) go to the solution provider's endpoint:
 * the credited party; the seller reads the objects with Get…Details (docs/decisions.md).
 */
export async function providerCreditChanged(
  unit: Unit,
  before: ProviderCredit | null,
  after: ProviderCredit,
): Promise<void> {
  if (before === null || before.state !== after.state)
    await enqueue(
      unit,
      'ProviderCredit',
      after.id,
      after.captureId,
      providerCreditDetails(after, 'ipn'),
      undefined,
      await providerRecipient(unit, after.providerId),
    );
  await postProviderCredit(unit, before, after);
}

export async function providerCreditReversalChanged(
  unit: Unit,
  before: ProviderCreditReversal | null,
  after: ProviderCreditReversal,
): Promise<void> {
  if (before === null || before.state !== after.state)
    await enqueue(
      unit,
      'ProviderCreditReversal',
      after.id,
      after.providerCreditId,
      providerCreditReversalDetails(after, 'ipn'),
      undefined,
      await providerRecipient(unit, after.providerId),
    );
  await postProviderCreditReversal(unit, before, after);
}
