import type { DeclineReason } from '../charge/charge.js';
import type { PaymentInstrument } from '../shared/buyer.js';
import { DomainError } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import {
  add,
  compare,
  exceeds,
  formatAmount,
  requireCurrency,
  subtract,
  type Money,
} from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import type {
  ChargePermission,
  ChargePermissionReason,
  ChargePermissionState,
  NonChargeableReason,
} from './charge-permission.js';
import { CHARGE_PERMISSION_TRANSITIONS } from './charge-permission-lifecycle.js';

/**
 * How charges move their permission (spec §4.2, §12A.1, seed 004 "Managing charges and handling
 * declines"). A OneTime permission counts each open charge against its order amount and shows
 * ChargeInProgress meanwhile; a hard decline makes any permission NonChargeable until the buyer
 * updates the payment method; Amazon's rejection closes it.
 */
const REASON_TEXT = {
  PaymentMethodInvalid:
    'The previous charge was declined. Ask the buyer to update the payment method.',
  PaymentMethodDeleted: 'The buyer deleted the payment method.',
  BillingAddressDeleted: 'The buyer deleted the billing address.',
  PaymentMethodExpired: 'The payment method expired.',
  PaymentMethodNotAllowed: 'The payment method is not allowed for this charge.',
  PaymentMethodNotSet: 'No payment method is set.',
  ChargeInProgress:
    'A charge is already in progress. You cannot initiate a new charge unless previous charge is canceled.',
  MFAFailed: 'The buyer did not verify the payment method. Ask the buyer to update it.',
  TransactionAmountExceeded: 'The order amount has been charged.',
} as const satisfies Record<NonChargeableReason, string>;

/** Reasons that the buyer clears by choosing a new payment method. */
const PAYMENT_METHOD_REASONS: ReadonlySet<NonChargeableReason> = new Set([
  'PaymentMethodInvalid',
  'PaymentMethodDeleted',
  'PaymentMethodExpired',
  'PaymentMethodNotAllowed',
  'PaymentMethodNotSet',
  'MFAFailed',
]);

const reason = (code: NonChargeableReason): ChargePermissionReason => ({
  reasonCode: code,
  reasonDescription: REASON_TEXT[code],
});

function moveTo(
  permission: ChargePermission,
  state: ChargePermissionState,
  reasons: readonly ChargePermissionReason[] | null,
  now: Instant,
  changes: Partial<ChargePermission> = {},
): ChargePermission {
  if (permission.state !== state || JSON.stringify(permission.reasons) !== JSON.stringify(reasons))
    assertTransition(
      CHARGE_PERMISSION_TRANSITIONS,
      'Charge Permission',
      permission.id,
      permission.state,
      state,
      'InvalidChargePermissionStatus',
    );
  return { ...permission, ...changes, state, reasons, lastUpdatedAt: now };
}

/** Create Charge needs a Chargeable permission (422 InvalidChargePermissionStatus otherwise). */
export function requireChargeable(permission: ChargePermission): void {
  if (permission.state === 'Chargeable') return;
  const why = (permission.reasons ?? []).map((r) => r.reasonCode).join(', ');
  throw new DomainError(
    'InvalidChargePermissionStatus',
    `The Charge Permission ${permission.id} is ${permission.state}${why ? ` (${why})` : ''}; it cannot be charged.`,
  );
}

/**
 * Every charge on a permission is in the currency it was set up in: its presentment currency, the
 * currency the buyer saw at checkout (Amazon Pay "Multi-currency integration": set the Create
 * Charge, Capture and Refund currencyCode to it; outside the EU and UK it is the ledger currency).
 * A Saved Wallet or Recurring permission has no order amount to compare with, so without this a
 * charge in another currency escaped its monthly limit (issue 10).
 */
export function requirePermissionCurrency(permission: ChargePermission, amount: Money): void {
  requireCurrency(
    amount,
    permission.presentmentCurrency,
    'chargeAmount',
    `the Charge Permission ${permission.id}`,
  );
}

/** What a OneTime permission can still be charged. */
export const remainingBalance = (permission: ChargePermission): Money | null =>
  permission.limits === null
    ? null
    : subtract(permission.limits.amountLimit, permission.limits.amountCharged);

/**
 * A new charge holds part of a OneTime order amount (TransactionAmountExceeded past the balance)
 * and shows ChargeInProgress until it is captured, canceled or declined.
 */
export function reserveCharge(
  permission: ChargePermission,
  amount: Money,
  now: Instant,
): ChargePermission {
  requireChargeable(permission);
  requirePermissionCurrency(permission, amount);
  const { limits } = permission;
  if (limits === null) return permission;
  const balance = subtract(limits.amountLimit, limits.amountCharged);
  if (exceeds(amount, balance))
    throw new DomainError(
      'TransactionAmountExceeded',
      `The charge of ${formatAmount(amount)} ${amount.currency} exceeds the ${formatAmount(balance)} ${balance.currency} left on this Charge Permission.`,
    );
  return moveTo(permission, 'NonChargeable', [reason('ChargeInProgress')], now, {
    limits: { ...limits, amountCharged: add(limits.amountCharged, amount) },
  });
}

const hasChargeInProgress = (permission: ChargePermission): boolean =>
  permission.state === 'NonChargeable' &&
  (permission.reasons ?? []).some((r) => r.reasonCode === 'ChargeInProgress');

/** The OneTime permission after its open charge ends, with `charged` now counted for it. */
function afterChargeEnds(
  permission: ChargePermission,
  released: Money,
  now: Instant,
): ChargePermission {
  const { limits } = permission;
  if (limits === null) return permission;
  const amountCharged = subtract(limits.amountCharged, released);
  const next = { ...permission, limits: { ...limits, amountCharged }, lastUpdatedAt: now };
  if (!hasChargeInProgress(permission)) return next;
  if (compare(amountCharged, limits.amountLimit) >= 0)
    return moveTo(
      next,
      'Closed',
      [{ reasonCode: 'AmazonClosed', reasonDescription: 'The order amount was fully captured.' }],
      now,
    );
  return moveTo(next, 'Chargeable', null, now);
}

/** The open charge was canceled or expired: its amount is released. */
export const releaseCharge = (
  permission: ChargePermission,
  amount: Money,
  now: Instant,
): ChargePermission => afterChargeEnds(permission, amount, now);

/** The charge was captured: whatever was not captured is released; a fully captured order closes. */
export const settleCapture = (
  permission: ChargePermission,
  chargeAmount: Money,
  captureAmount: Money,
  now: Instant,
): ChargePermission => afterChargeEnds(permission, subtract(chargeAmount, captureAmount), now);

/**
 * A decline (seed 004): SoftDeclined, ProcessingFailure and TransactionTimedOut leave the permission
 * Chargeable so a retry can succeed; HardDeclined needs a new payment method; AmazonRejected closes
 * the permission (spec §4.3).
 */
export function applyDecline(
  permission: ChargePermission,
  amount: Money,
  decline: DeclineReason,
  now: Instant,
): ChargePermission {
  const released = afterChargeEnds(permission, amount, now);
  if (released.state === 'Closed') return released;
  switch (decline) {
    case 'HardDeclined':
      return moveTo(released, 'NonChargeable', [reason('PaymentMethodInvalid')], now);
    case 'AmazonRejected':
      return moveTo(
        released,
        'Closed',
        [
          {
            reasonCode: 'AmazonCanceled',
            reasonDescription: 'Amazon Pay rejected a charge and canceled the Charge Permission.',
          },
        ],
        now,
      );
    case 'SoftDeclined':
    case 'ProcessingFailure':
    case 'TransactionTimedOut':
      return released;
  }
}

/** The buyer failed the MFA challenge of a customer-initiated charge (spec §4.2 MFAFailed). */
export function recordFailedAuthentication(
  permission: ChargePermission,
  amount: Money,
  now: Instant,
): ChargePermission {
  const released = afterChargeEnds(permission, amount, now);
  if (released.state === 'Closed') return released;
  return moveTo(released, 'NonChargeable', [reason('MFAFailed')], now);
}

/**
 * The buyer chose a new payment method (seed 004 "Changing the payment method"): later charges use
 * it, and a permission that was NonChargeable because of the old one is Chargeable again.
 */
export function replacePaymentMethod(
  permission: ChargePermission,
  instrument: PaymentInstrument,
  now: Instant,
): ChargePermission {
  if (permission.state === 'Closed')
    throw new DomainError(
      'InvalidChargePermissionStatus',
      `The Charge Permission ${permission.id} is Closed; its payment method cannot change.`,
    );
  const blockedByMethod =
    permission.state === 'NonChargeable' &&
    (permission.reasons ?? []).every((r) =>
      PAYMENT_METHOD_REASONS.has(r.reasonCode as NonChargeableReason),
    );
  const updated = { ...permission, paymentInstrument: instrument, lastUpdatedAt: now };
  return blockedByMethod ? moveTo(updated, 'Chargeable', null, now) : updated;
}

/**
 * The permission follows its charges (issue: "The charge permission's state follows its charges"):
 * when a charge that was open ends, the OneTime balance and ChargeInProgress are settled, and a
 * decline has its effect. `wasOpen` is false for a charge that was already closed before.
 */
export function followCharge(
  permission: ChargePermission,
  wasOpen: boolean,
  after: {
    readonly state: string;
    readonly reasonCode: string | null;
    readonly chargeAmount: Money;
    readonly captureAmount: Money | null;
  },
  now: Instant,
): ChargePermission {
  if (!wasOpen) return permission;
  switch (after.state) {
    case 'Captured':
      return settleCapture(
        permission,
        after.chargeAmount,
        after.captureAmount ?? after.chargeAmount,
        now,
      );
    case 'Canceled':
      return releaseCharge(permission, after.chargeAmount, now);
    case 'Declined':
      return applyDecline(
        permission,
        after.chargeAmount,
        (after.reasonCode ?? 'SoftDeclined') as DeclineReason,
        now,
      );
    default:
      return permission;
  }
}
