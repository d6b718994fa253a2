import {
  decideAuthorization,
  requireAuthorizeForAsyncCard,
} from '../domain/charge/charge-authorization.js';
import { renewRecurringExpiry } from '../domain/charge-permission/charge-permission-operations.js';
import { checkMaximumAmount } from '../domain/shared/amount-maximum.js';
import type { CurrencyCode } from '../domain/shared/money.js';
import {
  authorizeNewCharge,
  chargeAwaitingChallenge,
  checkSoftDescriptor,
  type NewChargeInput,
} from '../domain/charge/charge-operations.js';
import type { Charge } from '../domain/charge/charge.js';
import { calendarMonth, checkMonthlyLimit, monthlyLimit } from '../domain/charge/monthly-limits.js';
import {
  followCharge,
  requireChargeable,
  requirePermissionCurrency,
  reserveCharge,
} from '../domain/charge-permission/charge-permission-charging.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import { newChallengeSession } from '../domain/checkout-session/charge-challenge.js';
import { DomainError, invalidParameter } from '../domain/shared/errors.js';
import { newChargeId, newCheckoutSessionId } from '../domain/shared/ids.js';
import { money } from '../domain/shared/money.js';
import { withAdded } from '../domain/shared/with-added.js';
import type { SimulationCode } from '../domain/simulation/simulation-codes.js';
import { validateReturnUrl } from '../domain/shared/urls.js';
import { savePermission } from './charge-effects.js';
import { decidePaymentAuthentication } from './sca-authentication.js';
import { loadChargePermission } from './load-aggregates.js';
import { chargeChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';

export type CreateChargeInput = Omit<NewChargeInput, 'id' | 'scaDecision'> & {
  readonly chargePermissionId: string;
};

/** 201 Created (authorized, captured or pending), 202 ActionRequired, or a committed decline. */
export type CreateChargeResult =
  | { readonly kind: 'Created'; readonly charge: Charge }
  | { readonly kind: 'ActionRequired'; readonly charge: Charge }
  | { readonly kind: 'Declined'; readonly charge: Charge };

/** States that use up a Saved Wallet's monthly limit: everything but canceled and declined. */
const COUNTED_STATES = [
  'ActionRequired',
  'AuthorizationInitiated',
  'Authorized',
  'CaptureInitiated',
  'Captured',
] as const;

async function checkMonthly(
  unit: Unit,
  permission: ChargePermission,
  input: CreateChargeInput,
): Promise<void> {
  // The limit of the permission's own currency: the charge was checked to be in it.
  const limit = monthlyLimit(permission.type, unit.merchant.region, permission.presentmentCurrency);
  if (limit === null) return;
  // The permission row is locked (findForUpdate), so concurrent charges on it are counted one by one.
  const { used } = await chargedThisMonth(unit, permission.id, limit.currency);
  checkMonthlyLimit(limit, money(used, limit.currency), input.chargeAmount);
}

/** What counts against a permission's monthly limit this calendar month (merchant clock), in minor units. */
export async function chargedThisMonth(
  unit: Unit,
  permissionId: string,
  currency: CurrencyCode,
): Promise<{ readonly used: number; readonly from: number; readonly to: number }> {
  const { start, end } = calendarMonth(unit.now);
  const period = { from: start, to: end };
  const used = await unit.tx.charges.sumCharged(
    unit.scope,
    permissionId,
    currency,
    period,
    COUNTED_STATES,
  );
  return { used, ...period };
}

/** The store the permission was checked out from; the challenge session belongs to it too. */
async function storeOf(unit: Unit, permission: ChargePermission): Promise<string> {
  const origin = await unit.tx.checkoutSessions.find(unit.scope, permission.checkoutSessionId);
  return origin?.storeId ?? '';
}

/**
 * Create Charge (spec §8.9, seed 004 "Managing charges and handling declines"). Every rule is
 * checked before anything is written; then the charge, its permission's change, any challenge
 * session and the outbox rows are written in this one transaction.
 */
export async function createCharge(
  unit: Unit,
  input: CreateChargeInput,
  simulation: SimulationCode<'createCharge'> | null,
): Promise<CreateChargeResult> {
  const permission = await loadChargePermission(unit, input.chargePermissionId);
  requireChargeable(permission);
  requirePermissionCurrency(permission, input.chargeAmount);
  checkSoftDescriptor(input.softDescriptor, input.captureNow);
  if (input.chargeAmount.minor <= 0)
    throw invalidParameter('chargeAmount.amount', 'it must be greater than zero.');
  checkMaximumAmount('chargeAmount', input.chargeAmount);
  const returnUrl = input.checkoutResultReturnUrl ?? null;
  if (returnUrl !== null)
    validateReturnUrl(
      returnUrl,
      'webCheckoutDetails.checkoutResultReturnUrl',
      unit.scope.environment,
      unit.sandboxHttp,
    );
  await checkMonthly(unit, permission, input);
  const reserved = reserveCharge(permission, input.chargeAmount, unit.now);

  const scaDecision = await decidePaymentAuthentication(unit, {
    initiator: input.chargeInitiator ?? null,
    amount: input.chargeAmount,
    forced:
      simulation === 'BuyerActionRequired'
        ? true
        : simulation === 'BuyerActionNotRequired'
          ? false
          : null,
    setsUpMandate: false,
    buyerId: permission.buyer?.buyerId ?? null,
    instrumentId: permission.paymentInstrument?.instrumentId ?? null,
    authenticatedSeriesAmount: permission.authenticatedSeriesAmount ?? null,
  });
  requireAuthorizeForAsyncCard(permission.paymentInstrument, input.captureNow);
  const outcome = decideAuthorization({
    instrument: permission.paymentInstrument,
    simulation,
    canHandlePendingAuthorization: input.canHandlePendingAuthorization,
    captureNow: input.captureNow,
  });
  const chargeInput: NewChargeInput = withAdded(input, {
    id: newChargeId(unit.random, unit.scope.environment, unit.merchant.region, unit.now),
    scaDecision,
  });

  if (scaDecision.outcome === 'Challenge') {
    if (returnUrl === null)
      throw new DomainError(
        'MFANotCompleted',
        'The buyer must complete multi-factor authentication for this customer-initiated charge: send webCheckoutDetails.checkoutResultReturnUrl so localpay can return the buyer after the challenge.',
      );
    const sessionId = newCheckoutSessionId(unit.random);
    const charge = chargeAwaitingChallenge(reserved, chargeInput, outcome, sessionId, unit.now);
    const session = newChallengeSession(charge, reserved, {
      id: sessionId,
      code: unit.random.digits(6),
      storeId: await storeOf(unit, permission),
      returnUrl,
      now: unit.now,
    });
    await unit.tx.charges.insert(charge);
    await unit.tx.checkoutSessions.insert(session);
    await chargeChanged(unit, null, charge);
    await savePermission(unit, permission, reserved);
    return { kind: 'ActionRequired', charge };
  }

  const charge = authorizeNewCharge(reserved, chargeInput, outcome, unit.now);
  await unit.tx.charges.insert(charge);
  await chargeChanged(unit, null, charge);
  const followed = followCharge(reserved, true, charge, unit.now);
  const renewed = renewRecurringExpiry(followed, charge.state !== 'Declined', unit.now);
  await savePermission(unit, permission, renewed);
  return charge.state === 'Declined' ? { kind: 'Declined', charge } : { kind: 'Created', charge };
}
