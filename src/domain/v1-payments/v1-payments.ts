import type { ProviderAmount, ProviderSummary } from '../provider-credit/provider-credit.js';
import type { Address } from '../shared/buyer.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { Money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';

/**
 * The v1 payment objects under an order reference (spec v1 §2.5, §3.2–§3.4): an authorization,
 * its capture, and the capture's refunds. Ids hang off the order reference id (`…-A123456`).
 */
export const AUTHORIZATION_STATES = ['Pending', 'Open', 'Declined', 'Closed'] as const;
export type AuthorizationState = (typeof AUTHORIZATION_STATES)[number];

export const AUTHORIZATION_DECLINE_REASONS = [
  'InvalidPaymentMethod',
  'AmazonRejected',
  'ProcessingFailure',
  'TransactionTimedOut',
] as const;
export type AuthorizationDeclineReason = (typeof AUTHORIZATION_DECLINE_REASONS)[number];

export const AUTHORIZATION_CLOSED_REASONS = [
  'ExpiredUnused',
  'MaxCapturesProcessed',
  'AmazonClosed',
  'OrderReferenceCanceled',
  'SellerClosed',
] as const;
export type AuthorizationClosedReason = (typeof AUTHORIZATION_CLOSED_REASONS)[number];

export type AuthorizationReasonCode = AuthorizationDeclineReason | AuthorizationClosedReason;

/** Where an authorization ends up once the (simulated) issuer has answered. */
export type AuthorizationFinal =
  | { readonly kind: 'Open' }
  | {
      readonly kind: 'Declined';
      readonly reason: AuthorizationDeclineReason;
      readonly softDecline: boolean;
    }
  | { readonly kind: 'AmazonClosed' };

export interface V1Authorization {
  readonly id: string;
  readonly orderReferenceId: string;
  readonly billingAgreementId: string | null;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly referenceId: string;
  /** What makes a repeated AuthorizationReferenceId "the same request" (spec v1 §4.3). */
  readonly fingerprint: string;
  readonly amount: Money;
  readonly capturedAmount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
  readonly captureNow: boolean;
  /** Minutes; 0 is synchronous (spec v1 §3.2). */
  readonly transactionTimeout: number;
  readonly captureIds: readonly string[];
  readonly billingAddress: Address | null;
  readonly state: AuthorizationState;
  readonly reasonCode: AuthorizationReasonCode | null;
  readonly reasonDescription: string | null;
  readonly softDecline: boolean | null;
  readonly createdAt: Instant;
  readonly lastUpdatedAt: Instant;
  /** 30 days after creation (spec v1 §2.5). */
  readonly expiresAt: Instant;
  /** While Pending: when and how it resolves. */
  readonly pending: { readonly at: Instant; readonly final: AuthorizationFinal } | null;
  /** A simulated ExpiredUnused closes the Open authorization early. */
  readonly closesUnusedAt: Instant | null;
  /** A simulated InvalidPaymentMethod decline lets the order reference resume after this many minutes. */
  readonly resumeAfterMinutes: number | null;
  /** Declined by the SCA gate: the payment method itself was not refused (absent: false). */
  readonly authenticationMissing?: boolean;
  /** ProviderCreditList of a CaptureNow Authorize: credited when its capture is made (absent: none). */
  readonly providerCreditList?: readonly ProviderAmount[];
}

export const CAPTURE_STATES = ['Pending', 'Declined', 'Completed', 'Closed'] as const;
export type CaptureState = (typeof CAPTURE_STATES)[number];

export const CAPTURE_REASON_CODES = [
  'AmazonRejected',
  'ProcessingFailure',
  'MaxAmountRefunded',
  'MaxRefundsProcessed',
  'AmazonClosed',
] as const;
export type CaptureReasonCode = (typeof CAPTURE_REASON_CODES)[number];

export type CaptureFinal =
  | { readonly kind: 'Completed' }
  | { readonly kind: 'Declined'; readonly reason: 'AmazonRejected' | 'ProcessingFailure' }
  | { readonly kind: 'AmazonClosed' };

export interface V1Capture {
  readonly id: string;
  readonly authorizationId: string;
  readonly orderReferenceId: string;
  readonly billingAgreementId: string | null;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly referenceId: string;
  readonly fingerprint: string;
  readonly amount: Money;
  readonly refundedAmount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
  readonly refundIds: readonly string[];
  readonly state: CaptureState;
  readonly reasonCode: CaptureReasonCode | null;
  readonly reasonDescription: string | null;
  readonly createdAt: Instant;
  readonly lastUpdatedAt: Instant;
  readonly pending: { readonly at: Instant; readonly final: CaptureFinal } | null;
  /** ProviderCreditSummaryList (absent: none). */
  readonly providerCredits?: readonly ProviderSummary[];
}

export const V1_REFUND_STATES = ['Pending', 'Declined', 'Completed'] as const;
export type V1RefundState = (typeof V1_REFUND_STATES)[number];

export interface V1Refund {
  readonly id: string;
  readonly captureId: string;
  readonly orderReferenceId: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly referenceId: string;
  readonly fingerprint: string;
  readonly amount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
  readonly refundType: 'SellerInitiated';
  readonly state: V1RefundState;
  readonly reasonCode: 'AmazonRejected' | 'ProcessingFailure' | null;
  readonly reasonDescription: string | null;
  readonly createdAt: Instant;
  readonly lastUpdatedAt: Instant;
  readonly resolvesAt: Instant | null;
  readonly resolution: 'Completed' | 'AmazonRejected' | 'ProcessingFailure';
  /** ProviderCreditReversalSummaryList (absent: none). */
  readonly providerCreditReversals?: readonly ProviderSummary[];
}

export function authorizationDueAt(auth: V1Authorization): Instant | null {
  switch (auth.state) {
    case 'Pending':
      return auth.pending?.at ?? null;
    case 'Open':
      return auth.closesUnusedAt === null
        ? auth.expiresAt
        : Math.min(auth.closesUnusedAt, auth.expiresAt);
    case 'Declined':
    case 'Closed':
      return null;
  }
}

export const captureDueAt = (capture: V1Capture): Instant | null =>
  capture.state === 'Pending' ? (capture.pending?.at ?? null) : null;

export const v1RefundDueAt = (refund: V1Refund): Instant | null =>
  refund.state === 'Pending' ? refund.resolvesAt : null;

/** A child id: the order reference id, a letter and six digits (spec v1 §2.1). */
export const childId = (
  orderReferenceId: string,
  letter: 'A' | 'C' | 'R' | 'P' | 'Q',
  digits: string,
): string => `${orderReferenceId}-${letter}${digits}`;
