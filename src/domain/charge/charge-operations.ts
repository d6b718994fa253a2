import type { ChargePermission } from '../charge-permission/charge-permission.js';
import { EMPTY_MERCHANT_METADATA, type MerchantMetadata } from '../shared/merchant-metadata.js';
import { zero, type Money } from '../shared/money.js';
import { DAY, type Instant } from '../shared/time.js';
import { DomainError } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import type { Channel, Charge, ChargeInitiator } from './charge.js';
import { CHARGE_TRANSITIONS } from './charge-lifecycle.js';

/** Authorizations lapse 30 days after creation (spec §7.1). */
export const AUTHORIZATION_LIFETIME = 30 * DAY;

export interface NewChargeInput {
  readonly id: string;
  readonly chargeAmount: Money;
  readonly captureNow: boolean;
  readonly softDescriptor: string | null;
  readonly canHandlePendingAuthorization: boolean;
  readonly merchantMetadata?: MerchantMetadata | undefined;
  readonly providerReferenceId?: string | null | undefined;
  readonly platformId?: string | null | undefined;
  readonly chargeInitiator?: ChargeInitiator | null | undefined;
  readonly channel?: Channel | null | undefined;
}

/**
 * A charge whose authorization succeeded synchronously: Authorized, or Captured at once when
 * captureNow is set (spec §8.9). Declines and pending outcomes are built by the charges lifecycle.
 */
export function authorizedCharge(
  permission: ChargePermission,
  input: NewChargeInput,
  now: Instant,
): Charge {
  const captured = input.captureNow;
  return {
    id: input.id,
    chargePermissionId: permission.id,
    merchantId: permission.merchantId,
    environment: permission.environment,
    region: permission.region,
    chargeAmount: input.chargeAmount,
    captureAmount: captured ? input.chargeAmount : null,
    refundedAmount: captured ? zero(input.chargeAmount.currency) : null,
    softDescriptor: captured ? input.softDescriptor : null,
    captureNow: input.captureNow,
    canHandlePendingAuthorization: input.canHandlePendingAuthorization,
    merchantMetadata: input.merchantMetadata ?? EMPTY_MERCHANT_METADATA,
    providerReferenceId: input.providerReferenceId ?? null,
    platformId: input.platformId ?? null,
    chargeInitiator: input.chargeInitiator ?? null,
    channel: input.channel ?? null,
    webCheckoutDetails: null,
    state: captured ? 'Captured' : 'Authorized',
    reasonCode: null,
    reasonDescription: null,
    lastUpdatedAt: now,
    createdAt: now,
    expiresAt: now + AUTHORIZATION_LIFETIME,
    authorizedAt: now,
  };
}

/** The timer: an authorization not captured within 30 days lapses (spec §7.1, ExpiredUnused). */
export function expireCharge(charge: Charge, now: Instant): Charge {
  if (charge.state !== 'Authorized' || now < charge.expiresAt) return charge;
  return {
    ...charge,
    state: 'Canceled',
    reasonCode: 'ExpiredUnused',
    reasonDescription: 'The authorization expired unused after 30 days.',
    lastUpdatedAt: charge.expiresAt,
  };
}

/** Which cancellations a charge can still take (spec §8.12: until capture is initiated). */
export const isCancelable = (charge: Charge): boolean =>
  charge.state === 'ActionRequired' ||
  charge.state === 'AuthorizationInitiated' ||
  charge.state === 'Authorized';

export function cancelCharge(
  charge: Charge,
  reasonCode: 'MerchantCanceled' | 'ChargePermissionCanceled' | 'BuyerCanceled' | 'AmazonCanceled',
  reasonDescription: string | null,
  now: Instant,
): Charge {
  if (!isCancelable(charge))
    throw new DomainError(
      'InvalidChargeStatus',
      `The Charge ${charge.id} is ${charge.state}; only ActionRequired, AuthorizationInitiated or Authorized charges can be canceled.`,
    );
  assertTransition(
    CHARGE_TRANSITIONS,
    'Charge',
    charge.id,
    charge.state,
    'Canceled',
    'InvalidChargeStatus',
  );
  return { ...charge, state: 'Canceled', reasonCode, reasonDescription, lastUpdatedAt: now };
}
