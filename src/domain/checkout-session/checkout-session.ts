import type { Address, BuyerDetails, PaymentInstrument } from '../shared/buyer.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { MerchantMetadata } from '../shared/merchant-metadata.js';
import type { CurrencyCode, Money } from '../shared/money.js';
import type { ScaDecision } from '../sca/sca-policy.js';
import type { Instant } from '../shared/time.js';

/** Checkout Session states and reasons exactly as on the wire (spec §4.1). */
export const CHECKOUT_SESSION_STATES = ['Open', 'Completed', 'Canceled'] as const;
export type CheckoutSessionState = (typeof CHECKOUT_SESSION_STATES)[number];

export const CHECKOUT_SESSION_CANCEL_REASONS = [
  'BuyerCanceled',
  'Expired',
  'AmazonCanceled',
  'Declined',
] as const;
export type CheckoutSessionCancelReason = (typeof CHECKOUT_SESSION_CANCEL_REASONS)[number];

export const PAYMENT_INTENTS = ['Confirm', 'Authorize', 'AuthorizeWithCapture'] as const;
export type PaymentIntent = (typeof PAYMENT_INTENTS)[number];

export const CHARGE_PERMISSION_TYPES = ['OneTime', 'Recurring', 'PaymentMethodOnFile'] as const;
export type ChargePermissionType = (typeof CHARGE_PERMISSION_TYPES)[number];

export const PRODUCT_TYPES = ['PayAndShip', 'PayOnly', 'PayAndShipMultiAddress'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export const SCOPES = [
  'name',
  'email',
  'postalCode',
  'shippingAddress',
  'phoneNumber',
  'primeStatus',
  'billingAddress',
] as const;
export type Scope = (typeof SCOPES)[number];

export const CONSTRAINT_IDS = [
  'BuyerNotAssociated',
  'ChargeAmountNotSet',
  'CheckoutResultReturnUrlNotSet',
  'PaymentIntentNotSet',
  'RecurringFrequencyNotSet',
] as const;
export type ConstraintId = (typeof CONSTRAINT_IDS)[number];

export interface WebCheckoutDetails {
  readonly checkoutReviewReturnUrl: string | null;
  readonly checkoutResultReturnUrl: string | null;
  readonly checkoutCancelUrl: string | null;
  readonly checkoutMode: 'ProcessOrder' | null;
}

export interface PaymentDetails {
  readonly paymentIntent: PaymentIntent | null;
  readonly canHandlePendingAuthorization: boolean;
  readonly chargeAmount: Money | null;
  readonly totalOrderAmount: Money | null;
  readonly softDescriptor: string | null;
  readonly presentmentCurrency: CurrencyCode | null;
  readonly allowOvercharge: boolean;
  readonly extendExpiration: boolean;
}

export interface RecurringMetadata {
  readonly frequency: { readonly unit: string; readonly value: string } | null;
  readonly amount: Money | null;
}

/**
 * Where the buyer is while the session is Open: not yet signed in, signed in with a payment method
 * chosen, or back from `amazonPayRedirectUrl` with the payment processed and awaiting Complete.
 */
export const BUYER_PROGRESS = ['NotAssociated', 'Associated', 'Processed'] as const;
export type BuyerProgress = (typeof BUYER_PROGRESS)[number];

/** Checkout outcomes a sandbox simulation can force at completion (spec §9.2). */
export const CHECKOUT_SIMULATIONS = [
  'BuyerCanceled',
  'Declined',
  'AmazonCanceled',
  'AuthorizationInitiated',
] as const;
export type CheckoutSimulation = (typeof CHECKOUT_SIMULATIONS)[number];

/** How the buyer's MFA challenge ended (seed 000, seed 004). */
export const CHALLENGE_OUTCOMES = ['Pending', 'Success', 'Failure', 'Abandoned'] as const;
export type ChallengeOutcome = (typeof CHALLENGE_OUTCOMES)[number];

/**
 * A session created for a customer-initiated charge that needs the buyer's challenge (seed 004):
 * its amazonPayRedirectUrl leads to the challenge, and Complete Checkout Session finalizes the charge.
 */
export interface ChargeChallenge {
  /** The charge waiting for this challenge; null when the checkout itself is challenged. */
  readonly chargeId: string | null;
  readonly chargePermissionId: string | null;
  /** The one-time code the test issuer shows the buyer. */
  readonly code: string;
  readonly outcome: ChallengeOutcome;
}

export interface CheckoutSession {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly storeId: string;
  readonly webCheckoutDetails: WebCheckoutDetails;
  readonly productType: ProductType;
  readonly paymentDetails: PaymentDetails;
  readonly chargePermissionType: ChargePermissionType;
  readonly recurringMetadata: RecurringMetadata | null;
  readonly paymentMethodOnFileMetadata: { readonly setupOnly: boolean } | null;
  readonly merchantMetadata: MerchantMetadata;
  readonly platformId: string | null;
  readonly providerReferenceId: string | null;
  readonly supplementaryData: string | null;
  readonly scopes: readonly Scope[] | null;
  readonly deliverySpecifications: unknown;
  readonly addressDetails: Address | null;
  /** Set for the hosted Update flow on an existing Saved Wallet (spec §12.3). */
  readonly existingChargePermissionId: string | null;
  /** A sandbox simulation set by Update Checkout Session, applied when the session completes. */
  readonly simulation: CheckoutSimulation | null;
  /** Set when the buyer must pass an MFA challenge: for a 202 charge, or for this checkout. */
  readonly challenge: ChargeChallenge | null;
  /** Whether SCA applied to this checkout, and why (absent: not decided yet). */
  readonly scaDecision?: ScaDecision | null;
  readonly buyer: BuyerDetails | null;
  readonly shippingAddress: Address | null;
  readonly billingAddress: Address | null;
  readonly paymentInstrument: PaymentInstrument | null;
  readonly buyerProgress: BuyerProgress;
  readonly state: CheckoutSessionState;
  readonly reasonCode: CheckoutSessionCancelReason | null;
  readonly reasonDescription: string | null;
  readonly lastUpdatedAt: Instant;
  readonly chargePermissionId: string | null;
  readonly chargeId: string | null;
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
}

export interface Constraint {
  readonly constraintId: ConstraintId;
  readonly description: string;
}

const CONSTRAINT_DESCRIPTIONS = {
  BuyerNotAssociated:
    'There is no buyer associated with the Checkout Session. Return the checkout session id to the Amazon Pay Button to allow buyer to login.',
  ChargeAmountNotSet: 'chargeAmount is not set.',
  CheckoutResultReturnUrlNotSet: 'checkoutResultReturnUrl is not set.',
  PaymentIntentNotSet: 'paymentIntent is not set.',
  RecurringFrequencyNotSet: 'recurringMetadata.frequency is not set.',
} as const satisfies Record<ConstraintId, string>;

/** A Saved Wallet set up without a first payment needs no amount (spec §12.4). */
export const isSetupOnly = (session: CheckoutSession): boolean =>
  session.chargePermissionType === 'PaymentMethodOnFile' &&
  session.paymentMethodOnFileMetadata?.setupOnly === true;

/** What still blocks processing; `amazonPayRedirectUrl` is null until this is empty (spec §4.1). */
export function constraintsOf(session: CheckoutSession): Constraint[] {
  if (session.state !== 'Open') return [];
  const ids: ConstraintId[] = [];
  if (session.buyerProgress === 'NotAssociated') ids.push('BuyerNotAssociated');
  if (session.paymentDetails.chargeAmount === null && !isSetupOnly(session))
    ids.push('ChargeAmountNotSet');
  if (session.webCheckoutDetails.checkoutResultReturnUrl === null)
    ids.push('CheckoutResultReturnUrlNotSet');
  if (session.paymentDetails.paymentIntent === null) ids.push('PaymentIntentNotSet');
  if (session.chargePermissionType === 'Recurring' && !session.recurringMetadata?.frequency)
    ids.push('RecurringFrequencyNotSet');
  return ids.map((constraintId) => ({
    constraintId,
    description: CONSTRAINT_DESCRIPTIONS[constraintId],
  }));
}

/** The next instant at which a timer changes this session, for the scheduler's index. */
export const checkoutSessionDueAt = (session: CheckoutSession): Instant | null =>
  session.state === 'Open' ? session.expiresAt : null;
