import type { ScaDecision } from '../sca/sca-policy.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { MerchantMetadata } from '../shared/merchant-metadata.js';
import type { Money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';

/**
 * Charge states as on the wire (spec §4.3), plus ActionRequired for customer-initiated charges that
 * wait for the buyer's MFA challenge (seed 004, "Handling charge when MFA Challenge is required").
 */
export const CHARGE_STATES = [
  'ActionRequired',
  'AuthorizationInitiated',
  'Authorized',
  'CaptureInitiated',
  'Captured',
  'Canceled',
  'Declined',
] as const;
export type ChargeState = (typeof CHARGE_STATES)[number];

export const CHARGE_REASON_CODES = [
  'BuyerActionRequired',
  'ExpiredUnused',
  'AmazonCanceled',
  'MerchantCanceled',
  'ChargePermissionCanceled',
  'BuyerCanceled',
  'SoftDeclined',
  'HardDeclined',
  'AmazonRejected',
  'ProcessingFailure',
  'TransactionTimedOut',
] as const;
export type ChargeReasonCode = (typeof CHARGE_REASON_CODES)[number];

export const CHARGE_INITIATORS = ['CITU', 'MITU', 'CITR', 'MITR'] as const;
export type ChargeInitiator = (typeof CHARGE_INITIATORS)[number];

export const CHANNELS = [
  'Web',
  'Phone',
  'App',
  'Alexa',
  'PointOfSale',
  'Firetv',
  'Offline',
  // The .NET SDK's Channel enum also has Amazon.
  'Amazon',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Why an authorization or capture failed (spec §4.3 "Declined reasons"). */
export const DECLINE_REASONS = [
  'SoftDeclined',
  'HardDeclined',
  'AmazonRejected',
  'ProcessingFailure',
  'TransactionTimedOut',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/**
 * What an authorization attempt yields (decided in charge-authorization.ts): approved now
 * (optionally with the capture completing later), declined now, or pending and resolved later.
 */
export type AuthorizationOutcome =
  | { readonly kind: 'Approved'; readonly captureAsync: boolean }
  | { readonly kind: 'Declined'; readonly reason: DeclineReason }
  | { readonly kind: 'Pending'; readonly resolution: 'Succeeded' | DeclineReason };

/** An asynchronous authorization or capture that resolves by itself on the merchant's clock. */
export interface PendingResolution {
  readonly at: Instant;
  readonly resolution: 'Succeeded' | DeclineReason;
}

export interface ChargeWebCheckoutDetails {
  readonly checkoutResultReturnUrl: string | null;
  /** Set while the charge waits for the buyer's challenge; it names the localpay page. */
  readonly checkoutSessionId: string | null;
}

export interface Charge {
  readonly id: string;
  readonly chargePermissionId: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly chargeAmount: Money;
  readonly captureAmount: Money | null;
  readonly refundedAmount: Money | null;
  readonly softDescriptor: string | null;
  readonly captureNow: boolean;
  readonly canHandlePendingAuthorization: boolean;
  readonly merchantMetadata: MerchantMetadata;
  readonly providerReferenceId: string | null;
  readonly platformId: string | null;
  readonly chargeInitiator: ChargeInitiator | null;
  readonly channel: Channel | null;
  readonly webCheckoutDetails: ChargeWebCheckoutDetails | null;
  readonly state: ChargeState;
  readonly reasonCode: ChargeReasonCode | null;
  readonly reasonDescription: string | null;
  readonly lastUpdatedAt: Instant;
  readonly createdAt: Instant;
  /** Authorizations lapse 30 days after creation (spec §7.1). */
  readonly expiresAt: Instant;
  readonly authorizedAt: Instant | null;
  /** Set while AuthorizationInitiated or CaptureInitiated: when and how it resolves. */
  readonly pending: PendingResolution | null;
  /** What happens once the buyer passes the challenge (ActionRequired charges only). */
  readonly afterChallenge: AuthorizationOutcome | null;
  /** Whether SCA applied, and why (visible through the admin API). */
  readonly scaDecision: ScaDecision | null;
  /**
   * The `DisputeOpened` capture simulation: when the buyer's chargeback is opened on this captured
   * charge (merchant clock); null once opened, absent without the simulation.
   */
  readonly simulatedDisputeAt?: Instant | null;
}

/** The `DisputeOpened` simulation opens its dispute this long after the charge is Captured (docs/decisions.md). */
export const SIMULATED_DISPUTE_DELAY = 60 * 60 * 1000;

/** A charge waiting for its buyer's challenge is canceled if not completed within 24 hours (seed 004). */
export const CHALLENGE_WINDOW = 24 * 60 * 60 * 1000;

/** The next instant a timer changes this charge, for the scheduler's index. */
export function chargeDueAt(charge: Charge): Instant | null {
  switch (charge.state) {
    case 'ActionRequired':
      return charge.createdAt + CHALLENGE_WINDOW;
    case 'AuthorizationInitiated':
    case 'CaptureInitiated':
      return charge.pending?.at ?? null;
    case 'Authorized':
      return charge.expiresAt;
    case 'Captured':
      return charge.simulatedDisputeAt ?? null;
    case 'Canceled':
    case 'Declined':
      return null;
  }
}

/** Open charges hold an authorization (or its request) against the permission. */
export const isOpen = (charge: Charge): boolean =>
  charge.state === 'ActionRequired' ||
  charge.state === 'AuthorizationInitiated' ||
  charge.state === 'Authorized' ||
  charge.state === 'CaptureInitiated';
