import type { Charge } from '../domain/charge/charge.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import type { Refund } from '../domain/refund/refund.js';
import { postCharge, postRefund } from './back-office/ledger-posting.js';
import type { OutboxMessage } from './ports.js';
import type { Unit } from './unit-of-work.js';

/**
 * Decides which changes merchants are notified of and writes the outbox rows in the caller's
 * transaction (spec §10.2: receivers GET the object, so the row names it and carries no state).
 */
async function enqueue(
  unit: Unit,
  objectType: OutboxMessage['objectType'],
  objectId: string,
  chargePermissionId: string | null,
  notificationType: OutboxMessage['notificationType'],
): Promise<void> {
  await unit.tx.outbox.add({
    // Time-ordered: the outbox's primary key appends (NotificationId is only for tracking).
    id: unit.random.timeOrderedUuid(),
    merchantId: unit.scope.merchantId,
    environment: unit.scope.environment,
    objectType,
    objectId,
    chargePermissionId,
    notificationType,
    createdAt: unit.now,
  });
}

const reasonsKey = (permission: ChargePermission): string =>
  (permission.reasons ?? []).map((reason) => reason.reasonCode).join(',');

/**
 * A charge permission's state or reasons changed (created ones are answered synchronously), and
 * separately its payment method (spec §10.2: the buyer's update is an ATTRIBUTE_CHANGE). A buyer
 * fixing a NonChargeable permission changes both, and both are notified: a handler that refreshes
 * the stored payment descriptor on ATTRIBUTE_CHANGE must not miss it.
 */
export async function chargePermissionChanged(
  unit: Unit,
  before: ChargePermission,
  after: ChargePermission,
): Promise<void> {
  if (before.state !== after.state || reasonsKey(before) !== reasonsKey(after))
    await enqueue(unit, 'CHARGE_PERMISSION', after.id, after.id, 'STATE_CHANGE');
  if (before.paymentInstrument?.instrumentId !== after.paymentInstrument?.instrumentId)
    await enqueue(unit, 'CHARGE_PERMISSION', after.id, after.id, 'ATTRIBUTE_CHANGE');
}

/** Every charge state, including the first, is notified (spec §10.2 "any Charge state change"). */
export async function chargeChanged(
  unit: Unit,
  before: Charge | null,
  after: Charge,
): Promise<void> {
  if (before === null || before.state !== after.state)
    await enqueue(unit, 'CHARGE', after.id, after.chargePermissionId, 'STATE_CHANGE');
  // Every charge change passes here, so the ledger sees every capture (app/back-office).
  await postCharge(unit, before, after);
}

/** Refunds are notified on every state, RefundInitiated included (spec §10.2). */
export async function refundChanged(
  unit: Unit,
  before: Refund | null,
  after: Refund,
): Promise<void> {
  if (before === null || before.state !== after.state)
    await enqueue(unit, 'REFUND', after.id, after.chargePermissionId, 'STATE_CHANGE');
  await postRefund(unit, before, after);
}
