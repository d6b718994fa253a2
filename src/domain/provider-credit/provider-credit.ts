import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { Money } from '../shared/money.js';
import type { TransitionTable } from '../shared/lifecycle.js';
import type { Instant } from '../shared/time.js';

/**
 * Provider credits (MWS OffAmazonPayments 2013-01-01, Solution Provider flow, spec v1 §2.8–§2.9):
 * a share of a capture the seller credits to a solution provider (ProviderCreditList on Authorize
 * with CaptureNow and on Capture), and its reversals (ProviderCreditReversalList on Refund, or
 * ReverseProviderCredit). Ids hang off the order reference id: `…-P045170` for a credit,
 * `…-Q068906` for a reversal (spec v1 §2.1, JAVA/C# GetProviderCreditDetails fixtures).
 */
export const PROVIDER_CREDIT_STATES = ['Pending', 'Completed', 'Declined', 'Closed'] as const;
export type ProviderCreditState = (typeof PROVIDER_CREDIT_STATES)[number];

export const PROVIDER_CREDIT_REVERSAL_STATES = ['Pending', 'Completed', 'Declined'] as const;
export type ProviderCreditReversalState = (typeof PROVIDER_CREDIT_REVERSAL_STATES)[number];

/** Closed/MaxAmountReversed: C# GetProviderCreditDetailsResponse.xml; Declined follows its capture. */
export type ProviderCreditReasonCode = 'MaxAmountReversed' | 'AmazonRejected' | 'ProcessingFailure';
export type ReversalReasonCode = 'AmazonRejected' | 'ProcessingFailure';

/** What a pending object turns into when its timer fires. */
export type ProviderCreditOutcome =
  | { readonly kind: 'Completed' }
  | { readonly kind: 'Declined'; readonly reason: 'AmazonRejected' | 'ProcessingFailure' };

/** One ProviderCreditList / ProviderCreditReversalList member (spec v1 §2.8). */
export interface ProviderAmount {
  readonly providerId: string;
  readonly amount: Money;
}

/** A ProviderCreditSummary / ProviderCreditReversalSummary of CaptureDetails / RefundDetails. */
export interface ProviderSummary {
  readonly providerId: string;
  readonly id: string;
}

export interface ProviderCredit {
  readonly id: string;
  readonly captureId: string;
  readonly orderReferenceId: string;
  /** The seller (SellerId) whose capture pays the credit. */
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  /** The solution provider credited (ProviderId; ProviderSellerId in the IPN). */
  readonly providerId: string;
  /** Amazon-generated: the capture's CaptureReferenceId and the provider (docs/decisions.md). */
  readonly referenceId: string;
  readonly amount: Money;
  readonly reversedAmount: Money;
  readonly reversalIds: readonly string[];
  readonly state: ProviderCreditState;
  readonly reasonCode: ProviderCreditReasonCode | null;
  readonly createdAt: Instant;
  readonly lastUpdatedAt: Instant;
  /** While Pending: when and how it resolves (after its capture has). */
  readonly pending: { readonly at: Instant; readonly outcome: ProviderCreditOutcome } | null;
}

export interface ProviderCreditReversal {
  readonly id: string;
  readonly providerCreditId: string;
  readonly captureId: string;
  /** The refund that asked for it (ProviderCreditReversalList), or null for ReverseProviderCredit. */
  readonly refundId: string | null;
  readonly orderReferenceId: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly providerId: string;
  readonly referenceId: string;
  /** What makes a repeated CreditReversalReferenceId "the same request". */
  readonly fingerprint: string;
  readonly amount: Money;
  readonly note: string | null;
  readonly state: ProviderCreditReversalState;
  readonly reasonCode: ReversalReasonCode | null;
  readonly createdAt: Instant;
  readonly lastUpdatedAt: Instant;
  readonly pending: { readonly at: Instant; readonly outcome: ProviderCreditOutcome } | null;
}

export const PROVIDER_CREDIT_TRANSITIONS = {
  Pending: ['Completed', 'Declined'],
  Completed: ['Closed'],
  Declined: [],
  Closed: [],
} as const satisfies TransitionTable<ProviderCreditState>;

export const PROVIDER_CREDIT_REVERSAL_TRANSITIONS = {
  Pending: ['Completed', 'Declined'],
  Completed: [],
  Declined: [],
} as const satisfies TransitionTable<ProviderCreditReversalState>;

export const PROVIDER_CREDIT_IS_TERMINAL = {
  Pending: false,
  Completed: false,
  Declined: true,
  Closed: true,
} as const satisfies Record<ProviderCreditState, boolean>;

export const PROVIDER_CREDIT_REVERSAL_IS_TERMINAL = {
  Pending: false,
  Completed: true,
  Declined: true,
} as const satisfies Record<ProviderCreditReversalState, boolean>;

export const providerCreditDueAt = (credit: ProviderCredit): Instant | null =>
  credit.state === 'Pending' ? (credit.pending?.at ?? null) : null;

export const reversalDueAt = (reversal: ProviderCreditReversal): Instant | null =>
  reversal.state === 'Pending' ? (reversal.pending?.at ?? null) : null;
