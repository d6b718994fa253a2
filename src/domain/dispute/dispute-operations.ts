import { assertTransition } from '../shared/lifecycle.js';
import { DomainError, invalidParameter } from '../shared/errors.js';
import { compare, type Money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import type { Charge } from '../charge/charge.js';
import {
  CHARGEBACK_RESPONSE_WINDOW,
  DISPUTE_TRANSITIONS,
  type Dispute,
  type DisputeState,
  type Evidence,
  type FilingReason,
  type Resolution,
} from './dispute.js';

export interface OpenDisputeInput {
  readonly id: string;
  readonly amount: Money | null;
  readonly filingReason: FilingReason;
  readonly resolutionAuthority: Dispute['resolutionAuthority'];
  readonly providerDisputeId: string | null;
  readonly state?: DisputeState | undefined;
  readonly merchantResponseDeadline?: Instant | undefined;
}

/** A dispute can only be filed on captured money, for at most what was captured. */
export function openDispute(charge: Charge, input: OpenDisputeInput, now: Instant): Dispute {
  const captured = charge.captureAmount;
  if (charge.state !== 'Captured' || captured === null)
    throw new DomainError(
      'InvalidChargeStatus',
      `The Charge ${charge.id} is in state ${charge.state}; only a captured charge can be disputed.`,
    );
  const amount = input.amount ?? captured;
  if (amount.minor <= 0) throw invalidParameter('disputeAmount.amount', 'it must be positive.');
  if (compare(amount, captured) > 0)
    throw new DomainError(
      'TransactionAmountExceeded',
      `The disputed amount exceeds the captured amount of Charge ${charge.id}.`,
    );
  const state = input.state ?? 'ActionRequired';
  return {
    id: input.id,
    merchantId: charge.merchantId,
    environment: charge.environment,
    chargeId: charge.id,
    chargePermissionId: charge.chargePermissionId,
    disputeType: 'Chargeback',
    disputeAmount: amount,
    filingReason: input.filingReason,
    state,
    statusDetails: {
      state,
      reasonCode: state === 'ActionRequired' ? 'MerchantResponseRequired' : null,
      reasonDescription: null,
      resolution: null,
      lastUpdatedTimestamp: now,
    },
    merchantEvidences: [],
    merchantResponseDeadline: input.merchantResponseDeadline ?? now + CHARGEBACK_RESPONSE_WINDOW,
    resolutionAuthority: input.resolutionAuthority,
    providerDisputeId: input.providerDisputeId,
    createdAt: now,
    closureTimestamp: null,
  };
}

function move(
  dispute: Dispute,
  state: DisputeState,
  details: {
    reasonCode: string | null;
    reasonDescription: string | null;
    resolution: Resolution | null;
  },
  now: Instant,
): Dispute {
  assertTransition(
    DISPUTE_TRANSITIONS,
    'Dispute',
    dispute.id,
    dispute.state,
    state,
    'InvalidRequest',
  );
  return { ...dispute, state, statusDetails: { state, ...details, lastUpdatedTimestamp: now } };
}

/** Contest Dispute: evidence within the response window moves the dispute to UnderReview. */
export function contestDispute(
  dispute: Dispute,
  evidences: readonly Evidence[],
  now: Instant,
): Dispute {
  if (evidences.length === 0)
    throw invalidParameter('merchantEvidences', 'at least one evidence is required.');
  if (dispute.state !== 'ActionRequired')
    throw new DomainError(
      'InvalidRequest',
      `The Dispute ${dispute.id} is in state ${dispute.state}; it can only be contested while ActionRequired.`,
    );
  const moved = move(
    dispute,
    'UnderReview',
    {
      reasonCode: 'MerchantContested',
      reasonDescription: 'The merchant contested the dispute.',
      resolution: null,
    },
    now,
  );
  return { ...moved, merchantEvidences: [...dispute.merchantEvidences, ...evidences] };
}

const RESOLUTION_REASON = {
  BuyerWon: 'ResolvedInBuyerFavor',
  MerchantWon: 'ResolvedInMerchantFavor',
  NoFault: 'ResolvedWithNoFault',
} as const satisfies Record<Resolution, string>;

/** The authority decides: Resolved with the outcome. */
export const resolveDispute = (
  dispute: Dispute,
  resolution: Resolution,
  now: Instant,
  reasonDescription: string | null = null,
): Dispute =>
  move(
    dispute,
    'Resolved',
    { reasonCode: RESOLUTION_REASON[resolution], reasonDescription, resolution },
    now,
  );

export interface DisputeUpdate {
  readonly state: DisputeState;
  readonly resolution: Resolution | null;
  readonly reasonCode: string | null;
  readonly reasonDescription: string | null;
  readonly closureTimestamp: Instant | null;
}

/** Update Dispute (the provider's closure notice): any state and resolution the provider reports. */
export function updateDispute(dispute: Dispute, update: DisputeUpdate, now: Instant): Dispute {
  const moved =
    update.state === dispute.state
      ? {
          ...dispute,
          statusDetails: { ...dispute.statusDetails, ...update, lastUpdatedTimestamp: now },
        }
      : move(dispute, update.state, update, now);
  return { ...moved, closureTimestamp: update.closureTimestamp ?? dispute.closureTimestamp };
}

/** No response by the deadline: the buyer wins (timer on the merchant clock). */
export function expireDispute(dispute: Dispute, now: Instant): Dispute {
  if (dispute.state !== 'ActionRequired' || dispute.resolutionAuthority !== 'AmazonPay')
    return dispute;
  if (now < dispute.merchantResponseDeadline) return dispute;
  return move(
    dispute,
    'Resolved',
    {
      reasonCode: 'MerchantResponseDeadlineExpired',
      reasonDescription: 'The merchant did not respond before the deadline.',
      resolution: 'BuyerWon',
    },
    dispute.merchantResponseDeadline,
  );
}

/** Whether a change gives the merchant its money back (MerchantWon or NoFault, newly). */
export const returnsFunds = (before: Dispute | null, after: Dispute): boolean => {
  const won = (d: Dispute | null): boolean =>
    d?.statusDetails.resolution === 'MerchantWon' || d?.statusDetails.resolution === 'NoFault';
  return won(after) && !won(before);
};
