import type { CheckoutSession, RecurringMetadata } from '../checkout-session/checkout-session.js';
import { LEDGER_CURRENCY } from '../checkout-session/checkout-currency.js';
import { DomainError } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import {
  mergeMerchantMetadata,
  type MerchantMetadata,
  type MerchantMetadataPatch,
} from '../shared/merchant-metadata.js';
import { zero } from '../shared/money.js';
import { addMonths, DAY, type Instant } from '../shared/time.js';
import type { ChargePermission, ClosedReason } from './charge-permission.js';
import { overchargeLimit } from './overcharge.js';
import { recurringExpiry } from './recurring-expiry.js';
import { CHARGE_PERMISSION_TRANSITIONS } from './charge-permission-lifecycle.js';

/** OneTime permissions expire 180 days after creation, 13 months with extendExpiration (spec §7.1). */
export const ONE_TIME_LIFETIME = 180 * DAY;
export const EXTENDED_LIFETIME_MONTHS = 13;
/** Recurring: computed from the frequency (recurring-expiry.ts); Saved Wallet never expires. */

/** A 255-character cap on closureReason (spec §5.3). */
export const MAX_CLOSURE_REASON = 255;

function expiryFor(session: CheckoutSession, now: Instant): Instant | null {
  switch (session.chargePermissionType) {
    case 'PaymentMethodOnFile':
      return null;
    case 'Recurring':
      return recurringExpiry(now, session.recurringMetadata?.frequency);
    case 'OneTime':
      return session.paymentDetails.extendExpiration
        ? addMonths(now, EXTENDED_LIFETIME_MONTHS)
        : now + ONE_TIME_LIFETIME;
  }
}

/** Complete Checkout Session turns a processed session into a Chargeable permission (spec §12A.1). */
export function openChargePermission(
  session: CheckoutSession,
  id: string,
  now: Instant,
): ChargePermission {
  const amount = session.paymentDetails.totalOrderAmount ?? session.paymentDetails.chargeAmount;
  const currency =
    session.paymentDetails.presentmentCurrency ??
    amount?.currency ??
    session.recurringMetadata?.amount?.currency ??
    ledgerCurrencyOf(session.region);
  return {
    id,
    merchantId: session.merchantId,
    environment: session.environment,
    region: session.region,
    type: session.chargePermissionType,
    state: 'Chargeable',
    reasons: null,
    lastUpdatedAt: now,
    limits:
      session.chargePermissionType === 'OneTime' && amount
        ? {
            amountLimit: session.paymentDetails.allowOvercharge ? overchargeLimit(amount) : amount,
            amountCharged: zero(amount.currency),
          }
        : null,
    presentmentCurrency: currency,
    buyer: session.buyer,
    shippingAddress: session.shippingAddress,
    billingAddress: session.billingAddress,
    paymentInstrument: session.paymentInstrument,
    merchantMetadata: session.merchantMetadata,
    platformId: session.platformId,
    recurringMetadata: session.recurringMetadata,
    checkoutSessionId: session.id,
    createdAt: now,
    expiresAt: expiryFor(session, now),
  };
}

export const ledgerCurrencyOf = (
  region: keyof typeof LEDGER_CURRENCY,
): (typeof LEDGER_CURRENCY)[typeof region] => LEDGER_CURRENCY[region];

/**
 * Update Charge Permission (spec §8.7): metadata may change while Chargeable or NonChargeable; once
 * Closed, only a OneTime permission's still-empty fields may be filled in.
 */
export function updateChargePermission(
  permission: ChargePermission,
  patch: MerchantMetadataPatch | undefined,
  now: Instant,
  recurring?: RecurringMetadataUpdate,
): ChargePermission {
  if (permission.state === 'Closed') {
    const notModifiable = (): DomainError =>
      new DomainError(
        'ChargePermissionNotModifiable',
        `The Charge Permission ${permission.id} is Closed; only empty merchantMetadata fields of a OneTime Charge Permission can be set.`,
      );
    if (permission.type !== 'OneTime') throw notModifiable();
    for (const [key, value] of Object.entries(patch ?? {}))
      if (
        value !== undefined &&
        permission.merchantMetadata[key as keyof MerchantMetadata] !== null
      )
        throw notModifiable();
  }
  const updated = {
    ...permission,
    merchantMetadata: mergeMerchantMetadata(permission.merchantMetadata, patch),
    lastUpdatedAt: now,
  };
  return recurring === undefined ? updated : withRecurringMetadata(updated, recurring);
}

/** New recurringMetadata and the latest charge's time, which anchors the recomputed expiry. */
export interface RecurringMetadataUpdate {
  readonly metadata: RecurringMetadata;
  readonly lastChargedAt: Instant | null;
}

/**
 * Update Charge Permission takes new recurringMetadata "if subscription details change
 * post-checkout" (Amazon "Update info post-checkout"), only for a Recurring permission that is not
 * Closed; the expiry is recomputed from it (recurring-expiry.ts).
 */
function withRecurringMetadata(
  permission: ChargePermission,
  update: RecurringMetadataUpdate,
): ChargePermission {
  if (permission.type !== 'Recurring')
    throw new DomainError(
      'InvalidParameterValue',
      `recurringMetadata can only be updated on a Recurring Charge Permission; ${permission.id} is ${permission.type}.`,
    );
  if (permission.state === 'Closed')
    throw new DomainError(
      'ChargePermissionNotModifiable',
      `The Charge Permission ${permission.id} is Closed; its recurringMetadata cannot be changed.`,
    );
  const anchor = Math.max(permission.createdAt, update.lastChargedAt ?? permission.createdAt);
  return {
    ...permission,
    recurringMetadata: update.metadata,
    expiresAt: recurringExpiry(anchor, update.metadata.frequency),
  };
}

/** A charge on a Recurring permission that was not declined renews its expiry from now. */
export const renewRecurringExpiry = (
  permission: ChargePermission,
  charged: boolean,
  now: Instant,
): ChargePermission =>
  permission.type === 'Recurring' && charged && permission.state !== 'Closed'
    ? { ...permission, expiresAt: recurringExpiry(now, permission.recurringMetadata?.frequency) }
    : permission;

function close(
  permission: ChargePermission,
  reasonCode: ClosedReason,
  description: string | null,
  now: Instant,
): ChargePermission {
  if (permission.state === 'Closed')
    throw new DomainError(
      'InvalidChargePermissionStatus',
      `The Charge Permission ${permission.id} is already Closed.`,
    );
  assertTransition(
    CHARGE_PERMISSION_TRANSITIONS,
    'Charge Permission',
    permission.id,
    permission.state,
    'Closed',
    'InvalidChargePermissionStatus',
  );
  return {
    ...permission,
    state: 'Closed',
    reasons: [{ reasonCode, reasonDescription: description }],
    lastUpdatedAt: now,
  };
}

/** Close Charge Permission: the merchant's closureReason becomes the reason description (spec §8.8). */
export function closeChargePermission(
  permission: ChargePermission,
  closureReason: string | null,
  now: Instant,
  reasonCode: Extract<ClosedReason, 'MerchantClosed' | 'AmazonClosed'> = 'MerchantClosed',
): ChargePermission {
  if (closureReason !== null && closureReason.length > MAX_CLOSURE_REASON)
    throw new DomainError(
      'InvalidParameterValue',
      `The value provided for 'closureReason' is invalid: it is longer than ${MAX_CLOSURE_REASON} characters.`,
    );
  return close(permission, reasonCode, closureReason, now);
}

/** The buyer removed the Saved Wallet (seed 004, "Managing cancellations"). */
export const closeByBuyer = (permission: ChargePermission, now: Instant): ChargePermission =>
  close(permission, 'BuyerClosed', 'The buyer closed the Charge Permission.', now);

/** The timer: OneTime and Recurring permissions close at their expiration (spec §7.1). */
export function expireChargePermission(
  permission: ChargePermission,
  now: Instant,
): ChargePermission {
  if (permission.state === 'Closed' || permission.expiresAt === null || now < permission.expiresAt)
    return permission;
  return close(permission, 'Expired', 'The Charge Permission expired.', permission.expiresAt);
}
