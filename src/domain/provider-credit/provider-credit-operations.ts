import { checkText } from '../order-reference/v1-contract.js';
import { DomainError, invalidParameter } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import { add, compare, exceeds, formatAmount, sum, zero, type Money } from '../shared/money.js';
import { SECOND, type Instant } from '../shared/time.js';
import type { V1Capture, V1Refund } from '../v1-payments/v1-payments.js';
import {
  PROVIDER_CREDIT_REVERSAL_TRANSITIONS,
  PROVIDER_CREDIT_TRANSITIONS,
  type ProviderAmount,
  type ProviderCredit,
  type ProviderCreditOutcome,
  type ProviderCreditReversal,
} from './provider-credit.js';

/**
 * How long a credit or a reversal stays Pending once its capture (refund) has resolved: Amazon's
 * IPN fixtures show a credit Completed 7 s and a reversal 33 s after creation (C#
 * ProviderCreditNotificationValid.xml, ProviderCreditReversalNotificationValid.xml); 30 s, like a
 * refund's processing time, covers both.
 */
export const PROVIDER_CREDIT_PROCESSING_TIME = 30 * SECOND;

/**
 * ProviderCreditList checks (docs/decisions.md): each provider once, in the capture's currency
 * (CurrencyMismatch), more than zero, and together at most the captured amount
 * (TransactionAmountExceeded). Whether a ProviderId names a solution provider is the app's check.
 */
export function checkProviderCreditList(
  captureAmount: Money,
  list: readonly ProviderAmount[],
  field = 'ProviderCreditList',
): void {
  const seen = new Set<string>();
  for (const [index, member] of list.entries()) {
    const name = `${field}.member.${index + 1}`;
    if (seen.has(member.providerId))
      throw invalidParameter(`${name}.ProviderId`, `${member.providerId} is listed twice.`);
    seen.add(member.providerId);
    if (member.amount.currency !== captureAmount.currency)
      throw new DomainError(
        'CurrencyMismatch',
        `${name}.CreditAmount must be in ${captureAmount.currency}, the capture's currency.`,
      );
    if (member.amount.minor <= 0)
      throw invalidParameter(`${name}.CreditAmount.Amount`, 'it must be greater than zero.');
  }
  const total = sum(
    captureAmount.currency,
    list.map((m) => m.amount),
  );
  if (exceeds(total, captureAmount))
    throw new DomainError(
      'TransactionAmountExceeded',
      `Provider credits total ${formatAmount(total)} ${total.currency}, more than the ${formatAmount(captureAmount)} captured.`,
    );
}

/** A credit resolves after its capture: completed with it, declined when it is declined. */
function creditOutcome(capture: V1Capture): { at: Instant; outcome: ProviderCreditOutcome } {
  if (capture.state === 'Declined')
    return {
      at: capture.lastUpdatedAt,
      outcome: {
        kind: 'Declined',
        reason: capture.reasonCode === 'ProcessingFailure' ? 'ProcessingFailure' : 'AmazonRejected',
      },
    };
  if (capture.state === 'Pending' && capture.pending !== null) {
    const final = capture.pending.final;
    return {
      at: capture.pending.at + PROVIDER_CREDIT_PROCESSING_TIME,
      outcome: final.kind === 'Declined' ? final : { kind: 'Completed' },
    };
  }
  return {
    at: capture.lastUpdatedAt + PROVIDER_CREDIT_PROCESSING_TIME,
    outcome: { kind: 'Completed' },
  };
}

export function newProviderCredit(
  capture: V1Capture,
  member: ProviderAmount,
  id: string,
  now: Instant,
): ProviderCredit {
  return {
    id,
    captureId: capture.id,
    orderReferenceId: capture.orderReferenceId,
    merchantId: capture.merchantId,
    environment: capture.environment,
    region: capture.region,
    providerId: member.providerId,
    referenceId: `${capture.referenceId}-${member.providerId}`.slice(0, 64),
    amount: member.amount,
    reversedAmount: zero(member.amount.currency),
    reversalIds: [],
    state: 'Pending',
    reasonCode: null,
    createdAt: now,
    lastUpdatedAt: now,
    pending: creditOutcome(capture),
  };
}

export function settleProviderCredit(credit: ProviderCredit, now: Instant): ProviderCredit {
  if (credit.state !== 'Pending' || credit.pending === null || now < credit.pending.at)
    return credit;
  const { at, outcome } = credit.pending;
  const to = outcome.kind;
  assertTransition(
    PROVIDER_CREDIT_TRANSITIONS,
    'ProviderCredit',
    credit.id,
    credit.state,
    to,
    'InvalidRequest',
  );
  return {
    ...credit,
    state: to,
    reasonCode: outcome.kind === 'Declined' ? outcome.reason : null,
    lastUpdatedAt: at,
    pending: null,
  };
}

export interface NewReversalInput {
  readonly id: string;
  readonly referenceId: string;
  readonly fingerprint: string;
  readonly amount: Money;
  readonly note: string | null;
  /** The refund it rides on (its outcome is the reversal's), or null for ReverseProviderCredit. */
  readonly refund: V1Refund | null;
}

/**
 * A reversal (ReverseProviderCredit, or a ProviderCreditReversalList member of Refund): the credit
 * must be Completed; in its currency (CurrencyMismatch); more than zero; and with the reversals
 * not declined at most the credit (TransactionAmountExceeded). Docs silent on the state error:
 * InvalidParameterValue (docs/decisions.md).
 */
export function newReversal(
  credit: ProviderCredit,
  earlier: readonly ProviderCreditReversal[],
  input: NewReversalInput,
  now: Instant,
): ProviderCreditReversal {
  if (credit.state !== 'Completed')
    throw invalidParameter(
      'AmazonProviderCreditId',
      `provider credit ${credit.id} is ${credit.state}; only Completed credits can be reversed.`,
    );
  if (input.amount.currency !== credit.amount.currency)
    throw new DomainError(
      'CurrencyMismatch',
      `CreditReversalAmount must be in ${credit.amount.currency}, the provider credit's currency.`,
    );
  if (input.amount.minor <= 0)
    throw invalidParameter('CreditReversalAmount.Amount', 'it must be greater than zero.');
  checkText('CreditReversalNote', input.note);
  const already = sum(
    credit.amount.currency,
    earlier.filter((r) => r.state !== 'Declined').map((r) => r.amount),
  );
  if (exceeds(add(already, input.amount), credit.amount))
    throw new DomainError(
      'TransactionAmountExceeded',
      `Reversals of provider credit ${credit.id} may total at most ${formatAmount(credit.amount)} ${credit.amount.currency}; ${formatAmount(already)} are already reversed or pending.`,
    );
  const refund = input.refund;
  const pending =
    refund === null
      ? { at: now + PROVIDER_CREDIT_PROCESSING_TIME, outcome: { kind: 'Completed' } as const }
      : {
          at: refund.resolvesAt ?? now,
          outcome:
            refund.resolution === 'Completed'
              ? ({ kind: 'Completed' } as const)
              : ({ kind: 'Declined', reason: refund.resolution } as const),
        };
  return {
    id: input.id,
    providerCreditId: credit.id,
    captureId: credit.captureId,
    refundId: refund?.id ?? null,
    orderReferenceId: credit.orderReferenceId,
    merchantId: credit.merchantId,
    environment: credit.environment,
    region: credit.region,
    providerId: credit.providerId,
    referenceId: input.referenceId,
    fingerprint: input.fingerprint,
    amount: input.amount,
    note: input.note,
    state: 'Pending',
    reasonCode: null,
    createdAt: now,
    lastUpdatedAt: now,
    pending,
  };
}

export function settleReversal(
  reversal: ProviderCreditReversal,
  now: Instant,
): ProviderCreditReversal {
  if (reversal.state !== 'Pending' || reversal.pending === null || now < reversal.pending.at)
    return reversal;
  const { at, outcome } = reversal.pending;
  assertTransition(
    PROVIDER_CREDIT_REVERSAL_TRANSITIONS,
    'ProviderCreditReversal',
    reversal.id,
    reversal.state,
    outcome.kind,
    'InvalidRequest',
  );
  return {
    ...reversal,
    state: outcome.kind,
    reasonCode: outcome.kind === 'Declined' ? outcome.reason : null,
    lastUpdatedAt: at,
    pending: null,
  };
}

/** A reversal id joins the credit's list when it is requested (CreditReversalIdList). */
export const recordReversalId = (
  credit: ProviderCredit,
  reversal: ProviderCreditReversal,
  now: Instant,
): ProviderCredit => ({
  ...credit,
  reversalIds: [...credit.reversalIds, reversal.id],
  lastUpdatedAt: now,
});

/** A completed reversal adds to CreditReversalAmount; the full amount closes the credit (MaxAmountReversed). */
export function creditReversed(
  credit: ProviderCredit,
  amount: Money,
  now: Instant,
): ProviderCredit {
  const reversedAmount = add(credit.reversedAmount, amount);
  const next = { ...credit, reversedAmount, lastUpdatedAt: now };
  if (next.state !== 'Completed' || compare(reversedAmount, credit.amount) < 0) return next;
  assertTransition(
    PROVIDER_CREDIT_TRANSITIONS,
    'ProviderCredit',
    credit.id,
    next.state,
    'Closed',
    'InvalidRequest',
  );
  return { ...next, state: 'Closed', reasonCode: 'MaxAmountReversed' };
}
