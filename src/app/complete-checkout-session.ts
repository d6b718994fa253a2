import { authorizedCharge } from '../domain/charge/charge-operations.js';
import type { Charge } from '../domain/charge/charge.js';
import {
  openChargePermission,
  recordCharge,
} from '../domain/charge-permission/charge-permission-operations.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import {
  chargeIntentOf,
  checkCompletion,
  markCompleted,
  type CompleteCheckoutSessionInput,
} from '../domain/checkout-session/checkout-session-operations.js';
import { isSetupOnly, type CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import { newChargeId, newChargePermissionId } from '../domain/shared/ids.js';
import { loadChargePermission, loadCheckoutSession } from './load-aggregates.js';
import { chargeChanged, chargePermissionChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';

export interface Completion {
  readonly session: CheckoutSession;
  readonly chargePermission: ChargePermission;
  readonly charge: Charge | null;
}

/** The hosted Update flow: the buyer's new choices replace those on the existing Saved Wallet. */
async function updateSavedWallet(
  unit: Unit,
  session: CheckoutSession,
  permissionId: string,
): Promise<Completion> {
  const before = await loadChargePermission(unit, permissionId);
  const paymentChanged = session.paymentInstrument !== null;
  const after: ChargePermission = {
    ...before,
    paymentInstrument: session.paymentInstrument ?? before.paymentInstrument,
    shippingAddress:
      session.productType === 'PayOnly'
        ? before.shippingAddress
        : (session.shippingAddress ?? before.shippingAddress),
    billingAddress: session.billingAddress ?? before.billingAddress,
    // A new payment method clears a NonChargeable state caused by the old one (seed 004, §3).
    ...(paymentChanged && before.state === 'NonChargeable'
      ? { state: 'Chargeable' as const, reasons: null }
      : {}),
    lastUpdatedAt: unit.now,
  };
  await unit.tx.chargePermissions.update(after);
  await chargePermissionChanged(unit, before, after);
  const completed = markCompleted(session, after.id, null, unit.now);
  await unit.tx.checkoutSessions.update(completed);
  return { session: completed, chargePermission: after, charge: null };
}

/**
 * Complete Checkout Session (spec §8.4): creates the Charge Permission and, for Authorize and
 * AuthorizeWithCapture, the Charge, in the same transaction as the session's completion.
 */
export async function completeCheckoutSession(
  unit: Unit,
  id: string,
  input: CompleteCheckoutSessionInput,
): Promise<Completion> {
  const session = await loadCheckoutSession(unit, id);
  checkCompletion(session, input);
  if (session.existingChargePermissionId !== null)
    return updateSavedWallet(unit, session, session.existingChargePermissionId);

  let permission = openChargePermission(
    session,
    newChargePermissionId(
      unit.random,
      session.chargePermissionType,
      session.environment,
      session.region,
    ),
    unit.now,
  );
  const intent = chargeIntentOf(session);
  const amount = session.paymentDetails.chargeAmount;
  let charge: Charge | null = null;
  if (intent !== null && amount !== null && !isSetupOnly(session)) {
    charge = authorizedCharge(
      permission,
      {
        id: newChargeId(unit.random, session.environment, session.region),
        chargeAmount: amount,
        captureNow: intent === 'AuthorizeWithCapture',
        softDescriptor: session.paymentDetails.softDescriptor,
        canHandlePendingAuthorization: session.paymentDetails.canHandlePendingAuthorization,
        merchantMetadata: session.merchantMetadata,
        providerReferenceId: session.providerReferenceId,
        platformId: session.platformId,
      },
      unit.now,
    );
    permission = recordCharge(permission, charge, unit.now);
  }
  await unit.tx.chargePermissions.insert(permission);
  if (charge !== null) {
    await unit.tx.charges.insert(charge);
    await chargeChanged(unit, null, charge);
  }
  const completed = markCompleted(session, permission.id, charge?.id ?? null, unit.now);
  await unit.tx.checkoutSessions.update(completed);
  return { session: completed, chargePermission: permission, charge };
}
