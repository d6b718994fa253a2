import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { Money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';

/** Refund states and reasons as on the wire (spec §4.4): every refund starts RefundInitiated. */
export const REFUND_STATES = ['RefundInitiated', 'Refunded', 'Declined'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

export const REFUND_DECLINE_REASONS = ['AmazonRejected', 'ProcessingFailure'] as const;
export type RefundDeclineReason = (typeof REFUND_DECLINE_REASONS)[number];

export interface Refund {
  readonly id: string;
  readonly chargeId: string;
  readonly chargePermissionId: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly refundAmount: Money;
  readonly softDescriptor: string | null;
  readonly state: RefundState;
  readonly reasonCode: RefundDeclineReason | null;
  readonly reasonDescription: string | null;
  readonly lastUpdatedAt: Instant;
  readonly createdAt: Instant;
  /** While RefundInitiated: when it completes, and how. */
  readonly resolvesAt: Instant | null;
  readonly resolution: 'Refunded' | RefundDeclineReason;
}

export const refundDueAt = (refund: Refund): Instant | null =>
  refund.state === 'RefundInitiated' ? refund.resolvesAt : null;
