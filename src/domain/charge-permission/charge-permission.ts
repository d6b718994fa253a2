import type { Address, BuyerDetails, PaymentInstrument } from '../shared/buyer.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { MerchantMetadata } from '../shared/merchant-metadata.js';
import type { CurrencyCode, Money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import type {
  ChargePermissionType,
  RecurringMetadata,
} from '../checkout-session/checkout-session.js';

/** States and reason codes as on the wire (spec §4.2). */
export const CHARGE_PERMISSION_STATES = ['Chargeable', 'NonChargeable', 'Closed'] as const;
export type ChargePermissionState = (typeof CHARGE_PERMISSION_STATES)[number];

export const NON_CHARGEABLE_REASONS = [
  'PaymentMethodInvalid',
  'PaymentMethodDeleted',
  'BillingAddressDeleted',
  'PaymentMethodExpired',
  'PaymentMethodNotAllowed',
  'PaymentMethodNotSet',
  'ChargeInProgress',
  'MFAFailed',
  'TransactionAmountExceeded',
] as const;
export type NonChargeableReason = (typeof NON_CHARGEABLE_REASONS)[number];

export const CLOSED_REASONS = [
  'MerchantClosed',
  'BuyerClosed',
  'AmazonClosed',
  'AmazonCanceled',
  'Expired',
] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

export type ChargePermissionReasonCode = NonChargeableReason | ClosedReason;

export interface ChargePermissionReason {
  readonly reasonCode: ChargePermissionReasonCode;
  readonly reasonDescription: string | null;
}

/** OneTime permissions track how much of the order amount is still chargeable. */
export interface ChargePermissionLimits {
  readonly amountLimit: Money;
  /** Authorized or captured so far, not counting canceled or declined charges. */
  readonly amountCharged: Money;
}

export interface ChargePermission {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly type: ChargePermissionType;
  readonly state: ChargePermissionState;
  /** `null` when Chargeable, as the wire shows it (spec §4.2). */
  readonly reasons: readonly ChargePermissionReason[] | null;
  readonly lastUpdatedAt: Instant;
  readonly limits: ChargePermissionLimits | null;
  readonly presentmentCurrency: CurrencyCode;
  readonly buyer: BuyerDetails | null;
  readonly shippingAddress: Address | null;
  readonly billingAddress: Address | null;
  readonly paymentInstrument: PaymentInstrument | null;
  readonly merchantMetadata: MerchantMetadata;
  readonly platformId: string | null;
  readonly recurringMetadata: RecurringMetadata | null;
  readonly checkoutSessionId: string;
  readonly createdAt: Instant;
  /** Saved Wallet permissions never expire (seed 004, "Saved Wallet Expiration"). */
  readonly expiresAt: Instant | null;
  /**
   * The amount of an authenticated first payment of a recurring series: later customer-initiated
   * recurring payments of the same amount are exempt from SCA (PSD2 RTS art. 14). Absent: none.
   */
  readonly authenticatedSeriesAmount?: Money | null;
}

export const chargePermissionDueAt = (permission: ChargePermission): Instant | null =>
  permission.state === 'Closed' ? null : permission.expiresAt;
