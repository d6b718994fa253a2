import type { Address, BuyerDetails, PaymentInstrument } from '../shared/buyer.js';
import { invalidParameter } from '../shared/errors.js';

/**
 * What order references and billing agreements share (spec v1 §2.3, §2.4): the buyer and their
 * choices in the AddressBook and Wallet widgets, and the seller's free-text attributes.
 */
export interface BuyerSelection {
  readonly buyer: BuyerDetails | null;
  readonly destination: Address | null;
  readonly billingAddress: Address | null;
  readonly instrument: PaymentInstrument | null;
  /** When the buyer last picked a payment method (a Suspended contract waits for a new one). */
  readonly instrumentChangedAt: number | null;
}

export const NO_SELECTION: BuyerSelection = {
  buyer: null,
  destination: null,
  billingAddress: null,
  instrument: null,
  instrumentChangedAt: null,
};

/** Where the Confirmation Flow sends the buyer (seed 000: ConfirmOrderReference/ConfirmBillingAgreement). */
export interface ConfirmationUrls {
  readonly successUrl: string;
  /** Null: the buyer goes to successUrl whatever happened (seed 000). */
  readonly failureUrl: string | null;
}

/** Free-text limits the v1 docs give (SellerNote 1024, other notes 255, spec §2.6–§2.8). */
export const V1_TEXT_LIMITS = {
  SellerNote: 1024,
  PlatformId: 64,
  SellerOrderId: 256,
  StoreName: 256,
  CustomInformation: 2048,
  SupplementaryData: 4096,
  SellerBillingAgreementId: 256,
  SellerAuthorizationNote: 255,
  SellerCaptureNote: 255,
  SellerRefundNote: 255,
  // Docs silent on its limit: the other notes' 255 (docs/decisions.md).
  CreditReversalNote: 255,
  ClosureReason: 1024,
  CancelationReason: 1024,
  SoftDescriptor: 16,
  ReferenceId: 32,
} as const;

export function checkText(
  field: keyof typeof V1_TEXT_LIMITS,
  value: string | null | undefined,
  label: string = field,
): void {
  if (value === null || value === undefined) return;
  if (value.length > V1_TEXT_LIMITS[field])
    throw invalidParameter(label, `it is longer than ${V1_TEXT_LIMITS[field]} characters.`);
}

/** AuthorizationReferenceId, CaptureReferenceId, RefundReferenceId: 1 to 32 of A-Z a-z 0-9 - _. */
export function checkReferenceId(field: string, value: string): string {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(value))
    throw invalidParameter(field, 'use 1 to 32 letters, digits, - or _.');
  return value;
}

/**
 * The smallest amount (minor units) an order reference takes for its OrderTotal and authorizations:
 * more than zero, except on a billing agreement's child, where seed 000's "€0 charge as a
 * placeholder" renews the mandate's authentication (billing-agreement/mandate-renewal.ts).
 */
export const minimumAmount = (oro: { readonly parentBillingAgreementId: string | null }): number =>
  oro.parentBillingAgreementId === null ? 1 : 0;
