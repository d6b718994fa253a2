import {
  decideAuthorization,
  requireAuthorizeForAsyncCard,
} from '../domain/charge/charge-authorization.js';
import { applyAuthorization, authorizeNewCharge } from '../domain/charge/charge-operations.js';
import type { AuthorizationOutcome, Charge } from '../domain/charge/charge.js';
import {
  followCharge,
  replacePaymentMethod,
  reserveCharge,
} from '../domain/charge-permission/charge-permission-charging.js';
import { openChargePermission } from '../domain/charge-permission/charge-permission-operations.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import {
  cancelCheckoutSession,
  chargeIntentOf,
  checkCompletion,
  markCompleted,
  type CompleteCheckoutSessionInput,
} from '../domain/checkout-session/checkout-session-operations.js';
import {
  isSetupOnly,
  type CheckoutSession,
  type CheckoutSimulation,
} from '../domain/checkout-session/checkout-session.js';
import { DomainError } from '../domain/shared/errors.js';
import { newChargeId, newChargePermissionId } from '../domain/shared/ids.js';
import { chargeMoved, savePermission } from './charge-effects.js';
import { loadCharge, loadChargePermission, loadCheckoutSession } from './load-aggregates.js';
import { chargeChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';

/**
 * What Complete Checkout Session ends in: Completed (200, or 202 with a pending charge), or a
 * committed failure: the session Canceled, by a simulation or by a decline (an error response).
 */
export type Completion =
  | {
      readonly kind: 'Completed';
      readonly session: CheckoutSession;
      readonly chargePermission: ChargePermission;
      readonly charge: Charge | null;
    }
  | {
      readonly kind: 'Canceled';
      readonly session: CheckoutSession;
      readonly charge: Charge | null;
    };

const SIMULATED_CANCELLATIONS = {
  BuyerCanceled: 'The buyer canceled the checkout (simulation).',
  Declined: 'The payment was declined (simulation).',
  AmazonCanceled: 'Amazon Pay canceled the checkout (simulation).',
} as const;

async function cancelAtCompletion(
  unit: Unit,
  session: CheckoutSession,
  reason: keyof typeof SIMULATED_CANCELLATIONS,
  description: string,
): Promise<Completion> {
  const canceled = cancelCheckoutSession(session, reason, description, unit.now);
  await unit.tx.checkoutSessions.update(canceled);
  return { kind: 'Canceled', session: canceled, charge: null };
}

/** The hosted Update flow (spec §12.3): the buyer's new choices replace those on the Saved Wallet. */
async function updateSavedWallet(
  unit: Unit,
  session: CheckoutSession,
  permissionId: string,
): Promise<Completion> {
  const before = await loadChargePermission(unit, permissionId);
  const withMethod = session.paymentInstrument
    ? replacePaymentMethod(before, session.paymentInstrument, unit.now)
    : before;
  const after: ChargePermission = {
    ...withMethod,
    shippingAddress:
      session.productType === 'PayOnly'
        ? before.shippingAddress
        : (session.shippingAddress ?? before.shippingAddress),
    billingAddress: session.billingAddress ?? before.billingAddress,
    lastUpdatedAt: unit.now,
  };
  await savePermission(unit, before, after);
  const completed = markCompleted(session, after.id, null, unit.now);
  await unit.tx.checkoutSessions.update(completed);
  return { kind: 'Completed', session: completed, chargePermission: after, charge: null };
}

/** Seed 004: after the buyer passed the challenge, Complete finalizes the waiting charge. */
async function completeChallenge(
  unit: Unit,
  session: CheckoutSession,
  chargeId: string,
): Promise<Completion> {
  const charge = await loadCharge(unit, chargeId);
  if (charge.state !== 'ActionRequired')
    throw new DomainError(
      'CheckoutSessionCanceled',
      `The charge ${charge.id} behind this challenge is ${charge.state}; it can no longer be completed.`,
    );
  const outcome: AuthorizationOutcome = charge.afterChallenge ?? {
    kind: 'Approved',
    captureAsync: false,
  };
  const after = applyAuthorization(charge, outcome, unit.now);
  await unit.tx.charges.update(after);
  await chargeMoved(unit, charge, after);
  if (after.state !== 'Declined' && charge.chargeInitiator === 'CITR') {
    // The authenticated first payment of a recurring series (PSD2 RTS art. 14).
    const permission = await loadChargePermission(unit, charge.chargePermissionId);
    await savePermission(unit, permission, {
      ...permission,
      authenticatedSeriesAmount: charge.chargeAmount,
    });
  }
  if (after.state === 'Declined') {
    const canceled = cancelCheckoutSession(
      session,
      'Declined',
      after.reasonDescription ?? 'The payment was declined.',
      unit.now,
    );
    await unit.tx.checkoutSessions.update(canceled);
    return { kind: 'Canceled', session: canceled, charge: after };
  }
  const completed = markCompleted(session, after.chargePermissionId, after.id, unit.now);
  await unit.tx.checkoutSessions.update(completed);
  return {
    kind: 'Completed',
    session: completed,
    chargePermission: await loadChargePermission(unit, after.chargePermissionId),
    charge: after,
  };
}

function checkoutAuthorization(
  session: CheckoutSession,
  simulation: CheckoutSimulation | null,
): AuthorizationOutcome {
  const canHandlePending = session.paymentDetails.canHandlePendingAuthorization;
  if (simulation === 'AuthorizationInitiated') {
    if (!canHandlePending)
      throw new DomainError(
        'InvalidParameterCombination',
        'The simulation AuthorizationInitiated needs paymentDetails.canHandlePendingAuthorization set to true.',
      );
    return { kind: 'Pending', resolution: 'Succeeded' };
  }
  const captureNow = session.paymentDetails.paymentIntent === 'AuthorizeWithCapture';
  requireAuthorizeForAsyncCard(session.paymentInstrument, captureNow);
  return decideAuthorization({
    instrument: session.paymentInstrument,
    simulation: null,
    canHandlePendingAuthorization: canHandlePending,
    captureNow,
  });
}

/**
 * Complete Checkout Session (spec §8.4): creates the Charge Permission and, for Authorize and
 * AuthorizeWithCapture, the Charge, in the same transaction as the session's completion.
 */
export async function completeCheckoutSession(
  unit: Unit,
  id: string,
  input: CompleteCheckoutSessionInput,
  headerSimulation: CheckoutSimulation | null = null,
): Promise<Completion> {
  const session = await loadCheckoutSession(unit, id);
  checkCompletion(session, input);
  if (session.challenge?.chargeId != null)
    return completeChallenge(unit, session, session.challenge.chargeId);
  const simulation = headerSimulation ?? session.simulation;
  if (simulation !== null && simulation !== 'AuthorizationInitiated')
    return cancelAtCompletion(unit, session, simulation, SIMULATED_CANCELLATIONS[simulation]);
  if (session.existingChargePermissionId !== null)
    return updateSavedWallet(unit, session, session.existingChargePermissionId);

  const opened = openChargePermission(
    session,
    newChargePermissionId(
      unit.random,
      session.chargePermissionType,
      session.environment,
      session.region,
    ),
    unit.now,
  );
  // An authenticated Recurring checkout starts a series whose later payments of the same amount
  // are exempt from SCA (PSD2 RTS art. 14).
  const seriesAmount = session.recurringMetadata?.amount ?? session.paymentDetails.chargeAmount;
  const permission: ChargePermission =
    session.chargePermissionType === 'Recurring' && session.challenge?.outcome === 'Success'
      ? { ...opened, authenticatedSeriesAmount: seriesAmount }
      : opened;
  const intent = chargeIntentOf(session);
  const amount = session.paymentDetails.chargeAmount;
  if (intent === null || amount === null || isSetupOnly(session)) {
    await unit.tx.chargePermissions.insert(permission);
    const completed = markCompleted(session, permission.id, null, unit.now);
    await unit.tx.checkoutSessions.update(completed);
    return { kind: 'Completed', session: completed, chargePermission: permission, charge: null };
  }

  const reserved = reserveCharge(permission, amount, unit.now);
  const charge = authorizeNewCharge(
    reserved,
    {
      id: newChargeId(unit.random, session.environment, session.region, unit.now),
      chargeAmount: amount,
      captureNow: intent === 'AuthorizeWithCapture',
      softDescriptor: session.paymentDetails.softDescriptor,
      canHandlePendingAuthorization: session.paymentDetails.canHandlePendingAuthorization,
      merchantMetadata: session.merchantMetadata,
      providerReferenceId: session.providerReferenceId,
      platformId: session.platformId,
    },
    checkoutAuthorization(session, simulation),
    unit.now,
  );
  if (charge.state === 'Declined')
    return cancelAtCompletion(
      unit,
      session,
      'Declined',
      charge.reasonDescription ?? 'The payment was declined.',
    );
  const settled = followCharge(reserved, true, charge, unit.now);
  await unit.tx.chargePermissions.insert(settled);
  await unit.tx.charges.insert(charge);
  await chargeChanged(unit, null, charge);
  const completed = markCompleted(session, settled.id, charge.id, unit.now);
  await unit.tx.checkoutSessions.update(completed);
  return { kind: 'Completed', session: completed, chargePermission: settled, charge };
}
