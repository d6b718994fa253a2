import type { ReleaseEnvironment } from '../shared/environment.js';
import type { TransitionTable } from '../shared/lifecycle.js';
import type { Money } from '../shared/money.js';
import { DAY, type Instant } from '../shared/time.js';

/**
 * The v2 Dispute object (amazon-pay-api-v2/dispute.html): states, resolutions and evidence types
 * as the page spells them. Reason codes per state are not listed publicly; localpay's are in
 * DISPUTE_REASON_CODES (docs/decisions.md).
 */
export const DISPUTE_STATES = ['ActionRequired', 'UnderReview', 'Resolved', 'Closed'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

export const DISPUTE_TRANSITIONS = {
  ActionRequired: ['UnderReview', 'Resolved', 'Closed'],
  UnderReview: ['Resolved', 'Closed'],
  Resolved: ['Closed'],
  Closed: [],
} as const satisfies TransitionTable<DisputeState>;

export const RESOLUTIONS = ['BuyerWon', 'MerchantWon', 'NoFault'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const FILING_REASONS = [
  'Fraudulent',
  'ProductNotReceived',
  'ProductUnacceptable',
  'ProductNotAsDescribed',
  'Duplicate',
  'CreditNotProcessed',
  'Other',
] as const;
export type FilingReason = (typeof FILING_REASONS)[number];

export const EVIDENCE_TYPES = [
  'ProductDescription',
  'Receipt',
  'CancellationPolicy',
  'CustomerSignature',
  'TrackingNumber',
  'CarrierName',
  'DeviceId',
  'DeviceName',
  'DownloadDateTime',
  'Other',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const DISPUTE_REASON_CODES = [
  'MerchantResponseRequired',
  'MerchantContested',
  'MerchantResponseDeadlineExpired',
  'MerchantAcceptedDispute',
  'ResolvedInBuyerFavor',
  'ResolvedInMerchantFavor',
  'ResolvedWithNoFault',
  'ClosedByProvider',
] as const;

/** "Dispute Window (11 days for Chargeback, 7 days for A-Z Claims)" (Node SDK contestDispute doc). */
export const CHARGEBACK_RESPONSE_WINDOW = 11 * DAY;

export interface Evidence {
  readonly evidenceType: EvidenceType;
  readonly fileId: string | null;
  readonly evidenceText: string | null;
}

export interface DisputeStatusDetails {
  readonly state: DisputeState;
  readonly reasonCode: string | null;
  readonly reasonDescription: string | null;
  readonly resolution: Resolution | null;
  readonly lastUpdatedTimestamp: Instant;
}

export interface Dispute {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly chargeId: string;
  readonly chargePermissionId: string;
  readonly disputeType: 'Chargeback';
  readonly disputeAmount: Money;
  readonly filingReason: FilingReason;
  /** `state` mirrors statusDetails.state for the stored key column. */
  readonly state: DisputeState;
  readonly statusDetails: DisputeStatusDetails;
  readonly merchantEvidences: readonly Evidence[];
  readonly merchantResponseDeadline: Instant;
  /** Who resolves it: Amazon for disputes it manages, the provider for createDispute (PSP) ones. */
  readonly resolutionAuthority: 'AmazonPay' | 'PaymentServiceProvider';
  readonly providerDisputeId: string | null;
  readonly createdAt: Instant;
  readonly closureTimestamp: Instant | null;
}

/** ActionRequired disputes fall to the buyer when the response deadline passes. */
export const disputeDueAt = (dispute: Dispute): Instant | null =>
  dispute.state === 'ActionRequired' && dispute.resolutionAuthority === 'AmazonPay'
    ? dispute.merchantResponseDeadline
    : null;

/** A dispute id hangs off its charge permission's base with `-B` and six digits, like Amazon's. */
export const disputeIdOf = (chargeId: string, digits: string): string =>
  `${chargeId.replace(/-C\d{6}$/, '')}-B${digits}`;
