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
] as const;
export type Channel = (typeof CHANNELS)[number];

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
}

/** Authorized charges lapse at expiry; earlier timers are added by the charges lifecycle. */
export const chargeDueAt = (charge: Charge): Instant | null =>
  charge.state === 'Authorized' ? charge.expiresAt : null;
