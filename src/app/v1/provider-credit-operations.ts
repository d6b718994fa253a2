import {
  creditReversed,
  newReversal,
  recordReversalId,
  settleProviderCredit,
  settleReversal,
} from '../../domain/provider-credit/provider-credit-operations.js';
import type {
  ProviderAmount,
  ProviderCredit,
  ProviderCreditReversal,
} from '../../domain/provider-credit/provider-credit.js';
import { checkReferenceId } from '../../domain/order-reference/v1-contract.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import type { Money } from '../../domain/shared/money.js';
import { childId, type V1Refund } from '../../domain/v1-payments/v1-payments.js';
import type { Loader } from '../aggregate-loader.js';
import type { Unit } from '../unit-of-work.js';
import { invalidId, load } from './v1-load.js';
import { providerCreditChanged, providerCreditReversalChanged } from './v1-notifications.js';
import { findByReference, fingerprintOf, recordReference } from './v1-references.js';

export const providerCredits: Loader<ProviderCredit> = {
  name: 'ProviderCredit',
  repository: (unit) => unit.tx.providerCredits,
  settle: settleProviderCredit,
  onChange: (unit, before, after) => providerCreditChanged(unit, before, after),
};

export const providerCreditReversals: Loader<ProviderCreditReversal> = {
  name: 'ProviderCreditReversal',
  repository: (unit) => unit.tx.providerCreditReversals,
  settle: settleReversal,
  onChange: (unit, before, after) => reversalMoved(unit, before, after),
};

export const PROVIDER_CREDIT_LOADERS = [providerCredits, providerCreditReversals] as const;

export const getProviderCredit = (unit: Unit, id: string): Promise<ProviderCredit> =>
  load(providerCredits, unit, id, invalidId('InvalidTransactionId', 'ProviderCredit', id));

export const getProviderCreditReversal = (
  unit: Unit,
  id: string,
): Promise<ProviderCreditReversal> =>
  load(
    providerCreditReversals,
    unit,
    id,
    invalidId('InvalidTransactionId', 'ProviderCreditReversal', id),
  );

/** A completed reversal adds to its credit's CreditReversalAmount (and may close it). */
async function reversalMoved(
  unit: Unit,
  before: ProviderCreditReversal,
  after: ProviderCreditReversal,
): Promise<void> {
  await providerCreditReversalChanged(unit, before, after);
  if (before.state === 'Completed' || after.state !== 'Completed') return;
  const credit = await getProviderCredit(unit, after.providerCreditId);
  const next = creditReversed(credit, after.amount, unit.now);
  await unit.tx.providerCredits.update(next);
  await providerCreditChanged(unit, credit, next);
}

interface ReversalRequest {
  readonly referenceId: string;
  readonly fingerprint: string;
  readonly amount: Money;
  readonly note: string | null;
  readonly refund: V1Refund | null;
}

async function createReversal(
  unit: Unit,
  credit: ProviderCredit,
  request: ReversalRequest,
): Promise<ProviderCreditReversal> {
  const earlier = await unit.tx.providerCreditReversals.listByCredit(unit.scope, credit.id);
  const reversal = newReversal(
    credit,
    earlier,
    { ...request, id: childId(credit.orderReferenceId, 'Q', unit.random.digits(6)) },
    unit.now,
  );
  await unit.tx.providerCreditReversals.insert(reversal);
  const next = recordReversalId(credit, reversal, unit.now);
  await unit.tx.providerCredits.update(next);
  await providerCreditReversalChanged(unit, null, reversal);
  return reversal;
}

export interface ReverseProviderCreditInput {
  readonly providerCreditId: string;
  readonly referenceId: string;
  readonly amount: Money;
  readonly note: string | null;
}

/** ReverseProviderCredit (spec v1 §2.9): idempotent by CreditReversalReferenceId; Pending first. */
export async function reverseProviderCredit(
  unit: Unit,
  input: ReverseProviderCreditInput,
): Promise<ProviderCreditReversal> {
  checkReferenceId('CreditReversalReferenceId', input.referenceId);
  const fingerprint = fingerprintOf({
    amount: [input.amount.minor, input.amount.currency],
    note: input.note,
  });
  const credit = await getProviderCredit(unit, input.providerCreditId);
  const existing = await findByReference(
    unit,
    'CreditReversal',
    input.referenceId,
    { parentId: credit.id, fingerprint },
    (id) => getProviderCreditReversal(unit, id),
    (found) => found.providerCreditId,
  );
  if (existing) return existing;
  const reversal = await createReversal(unit, credit, { ...input, fingerprint, refund: null });
  await recordReference(unit, 'CreditReversal', input.referenceId, reversal.id);
  return reversal;
}

/**
 * A Refund's ProviderCreditReversalList (spec v1 §2.8): each member reverses the credit its
 * provider got on the refunded capture, and resolves with the refund. The refund carries the
 * ProviderCreditReversalSummaryList.
 */
export async function reverseOnRefund(
  unit: Unit,
  refund: V1Refund,
  list: readonly ProviderAmount[],
): Promise<V1Refund> {
  if (list.length === 0) return refund;
  const credits = await unit.tx.providerCredits.listByCapture(unit.scope, refund.captureId);
  const summaries = [];
  for (const [index, member] of list.entries()) {
    const field = `ProviderCreditReversalList.member.${index + 1}`;
    if (list.findIndex((m) => m.providerId === member.providerId) !== index)
      throw invalidParameter(`${field}.ProviderId`, `${member.providerId} is listed twice.`);
    const found = credits.find((c) => c.providerId === member.providerId);
    if (found === undefined)
      throw invalidParameter(
        `${field}.ProviderId`,
        `capture ${refund.captureId} credited no provider ${member.providerId}.`,
      );
    const credit = await getProviderCredit(unit, found.id);
    const reversal = await createReversal(unit, credit, {
      referenceId: `${refund.referenceId}-${member.providerId}`.slice(0, 64),
      fingerprint: fingerprintOf({ refund: refund.id, provider: member.providerId }),
      amount: member.amount,
      note: null,
      refund,
    });
    summaries.push({ providerId: member.providerId, id: reversal.id });
  }
  return { ...refund, providerCreditReversals: summaries };
}
