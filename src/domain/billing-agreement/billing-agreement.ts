import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { Money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import type { ContractSimulation } from '../simulation/v1-simulations.js';
import type { PaymentAuthentication } from '../order-reference/payment-authentication.js';
import type { BuyerSelection, ConfirmationUrls } from '../order-reference/v1-contract.js';

/** Billing agreement states and reason codes as on the wire (spec v1 §3.5). */
export const BILLING_AGREEMENT_STATES = [
  'Draft',
  'Open',
  'Suspended',
  'Canceled',
  'Closed',
] as const;
export type BillingAgreementState = (typeof BILLING_AGREEMENT_STATES)[number];

export const BILLING_AGREEMENT_REASON_CODES = [
  'InvalidPaymentMethod',
  'Stale',
  'AmazonCanceled',
  'SellerClosed',
  'BuyerClosed',
  'AmazonClosed',
] as const;
export type BillingAgreementReasonCode = (typeof BILLING_AGREEMENT_REASON_CODES)[number];

export const BILLING_AGREEMENT_CONSTRAINTS = {
  BuyerConsentNotSet: 'The buyer has not given consent for this billing agreement.',
  ShippingAddressNotSet:
    'The buyer has not selected a shipping address from the Amazon AddressBook widget.',
  PaymentPlanNotSet:
    'The buyer has not been able to select a Payment method for the given Billing Agreement.',
  PaymentMethodNotAllowed:
    'The payment method selected by the buyer is not allowed for this Billing Agreement.',
} as const;
export type BillingAgreementConstraint = keyof typeof BILLING_AGREEMENT_CONSTRAINTS;

/** Seller-initiated charges without the buyer, or purchases with the buyer present (spec v1 §8). */
export const BILLING_AGREEMENT_TYPES = [
  'CustomerInitiatedTransaction',
  'MerchantInitiatedTransaction',
] as const;
export type BillingAgreementType = (typeof BILLING_AGREEMENT_TYPES)[number];

export interface SellerBillingAgreementAttributes {
  readonly sellerBillingAgreementId: string | null;
  readonly storeName: string | null;
  readonly customInformation: string | null;
}

export interface BillingAgreement {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly state: BillingAgreementState;
  readonly reasonCode: BillingAgreementReasonCode | null;
  readonly reasonDescription: string | null;
  readonly createdAt: Instant;
  readonly lastUpdatedAt: Instant;
  readonly sellerNote: string | null;
  readonly platformId: string | null;
  readonly sellerAttributes: SellerBillingAgreementAttributes;
  readonly billingAgreementType: BillingAgreementType;
  readonly subscriptionAmount: Money | null;
  readonly consent: boolean;
  readonly selection: BuyerSelection;
  readonly simulation: ContractSimulation | null;
  readonly confirmation: (ConfirmationUrls & { readonly confirmedAt: Instant }) | null;
  /**
   * The mandate's SCA: setting up a billing agreement in the EU or UK sets up a mandate for later
   * merchant-initiated payments (PSD2), like a v2 Saved Wallet checkout. Null outside PSD2.
   */
  readonly authentication: PaymentAuthentication | null;
  /** Order references created from this agreement (a Draft agreement allows one). */
  readonly orderReferenceCount: number;
  readonly suspendedAt: Instant | null;
}

/** A Draft billing agreement not confirmed within 3 hours is Canceled/Stale (spec v1 §3.5). */
export const BILLING_AGREEMENT_DRAFT_LIFETIME = 3 * 60 * 60 * 1000;

export const billingAgreementDueAt = (ba: BillingAgreement): Instant | null =>
  ba.state === 'Draft' ? ba.createdAt + BILLING_AGREEMENT_DRAFT_LIFETIME : null;
