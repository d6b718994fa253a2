import type { Charge } from '../charge/charge.js';
import type { ChargePermission } from '../charge-permission/charge-permission.js';
import { DomainError } from '../shared/errors.js';
import type { Instant } from '../shared/time.js';
import type { ChallengeOutcome, CheckoutSession } from './checkout-session.js';
import {
  cancelCheckoutSession,
  CHECKOUT_SESSION_LIFETIME,
  markProcessed,
} from './checkout-session-operations.js';

/**
 * The session behind a 202 charge's amazonPayRedirectUrl (seed 004): it already knows its buyer,
 * payment method and amount, so nothing but the challenge stands between it and Complete.
 */
export function newChallengeSession(
  charge: Charge,
  permission: ChargePermission,
  context: {
    readonly id: string;
    readonly code: string;
    readonly storeId: string;
    readonly returnUrl: string;
    readonly now: Instant;
  },
): CheckoutSession {
  return {
    id: context.id,
    merchantId: charge.merchantId,
    environment: charge.environment,
    region: charge.region,
    storeId: context.storeId,
    webCheckoutDetails: {
      checkoutReviewReturnUrl: null,
      checkoutResultReturnUrl: context.returnUrl,
      checkoutCancelUrl: null,
      checkoutMode: null,
    },
    productType: 'PayOnly',
    paymentDetails: {
      paymentIntent: charge.captureNow ? 'AuthorizeWithCapture' : 'Authorize',
      canHandlePendingAuthorization: charge.canHandlePendingAuthorization,
      chargeAmount: charge.chargeAmount,
      totalOrderAmount: null,
      softDescriptor: charge.softDescriptor,
      presentmentCurrency: charge.chargeAmount.currency,
      allowOvercharge: false,
      extendExpiration: false,
    },
    chargePermissionType: permission.type,
    recurringMetadata: permission.recurringMetadata,
    paymentMethodOnFileMetadata: null,
    merchantMetadata: charge.merchantMetadata,
    platformId: charge.platformId,
    providerReferenceId: charge.providerReferenceId,
    supplementaryData: null,
    scopes: null,
    deliverySpecifications: null,
    addressDetails: null,
    existingChargePermissionId: null,
    simulation: null,
    challenge: {
      chargeId: charge.id,
      chargePermissionId: permission.id,
      code: context.code,
      outcome: 'Pending',
    },
    buyer: permission.buyer,
    shippingAddress: null,
    billingAddress: permission.billingAddress,
    paymentInstrument: permission.paymentInstrument,
    buyerProgress: 'Associated',
    state: 'Open',
    reasonCode: null,
    reasonDescription: null,
    lastUpdatedAt: context.now,
    chargePermissionId: permission.id,
    chargeId: charge.id,
    createdAt: context.now,
    expiresAt: context.now + CHECKOUT_SESSION_LIFETIME,
  };
}

/**
 * The buyer answered the challenge: Success leaves the session ready for Complete; Failure and
 * Abandoned cancel it (Declined, BuyerCanceled), so Complete answers CheckoutSessionCanceled.
 */
export function recordChallengeOutcome(
  session: CheckoutSession,
  outcome: Exclude<ChallengeOutcome, 'Pending'>,
  now: Instant,
): CheckoutSession {
  const challenge = session.challenge;
  if (challenge === null)
    throw new DomainError('InvalidRequest', `Checkout Session ${session.id} has no challenge.`);
  if (session.state !== 'Open' || challenge.outcome !== 'Pending')
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      'This challenge has already been answered.',
    );
  const answered = { ...session, challenge: { ...challenge, outcome }, lastUpdatedAt: now };
  switch (outcome) {
    case 'Success':
      // A charge's session is now ready for Complete; a checkout goes on to process its payment.
      return challenge.chargeId === null ? answered : markProcessed(answered, now);
    case 'Failure':
      return cancelCheckoutSession(
        answered,
        'Declined',
        'The buyer failed the multi-factor authentication challenge.',
        now,
      );
    case 'Abandoned':
      return cancelCheckoutSession(
        answered,
        'BuyerCanceled',
        'The buyer abandoned the multi-factor authentication challenge.',
        now,
      );
  }
}

/** A challenge accepts the code shown to the buyer and nothing else. */
export const challengeCodeMatches = (session: CheckoutSession, code: string): boolean =>
  session.challenge !== null && session.challenge.code === code.trim();

/** The checkout itself must be authenticated before its payment is processed (PSD2). */
export function requireCheckoutChallenge(
  session: CheckoutSession,
  code: string,
  now: Instant,
): CheckoutSession {
  if (session.challenge !== null) return session;
  return {
    ...session,
    challenge: { chargeId: null, chargePermissionId: null, code, outcome: 'Pending' },
    lastUpdatedAt: now,
  };
}
