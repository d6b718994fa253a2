import {
  calendarMonth,
  checkMonthlyLimit,
  monthlyLimit,
} from '../../domain/charge/monthly-limits.js';
import { authenticationPassed } from '../../domain/order-reference/payment-authentication.js';
import {
  checkCaptureFits,
  recordAuthorizationId,
  requireAuthorizable,
} from '../../domain/order-reference/order-reference-operations.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import { checkReferenceId } from '../../domain/order-reference/v1-contract.js';
import { sum, type Money } from '../../domain/shared/money.js';
import { requireBillingAgreementCurrency } from '../../domain/billing-agreement/billing-agreement-operations.js';
import { parseV1Simulation } from '../../domain/simulation/v1-simulations.js';
import {
  decideV1Authorization,
  decideV1Capture,
} from '../../domain/v1-payments/authorization-decision.js';
import {
  authorizationCaptured,
  checkAuthorizationFits,
  closeAuthorization as closeAuthorizationRule,
  newAuthorization,
  newCapture,
  newV1Refund,
  recordRefundId,
} from '../../domain/v1-payments/v1-payments-operations.js';
import {
  childId,
  type V1Authorization,
  type V1Capture,
  type V1Refund,
} from '../../domain/v1-payments/v1-payments.js';
import type { Unit } from '../unit-of-work.js';
import {
  authorizationMoved,
  captureMoved,
  loadAuthorization,
  loadBillingAgreement,
  loadCapture,
  loadOrderReference,
  loadV1Refund,
} from './v1-loaders.js';
import { authorizationChanged, captureChanged, refundChanged } from './v1-notifications.js';
import { billingAgreementMandateLapsed } from './mandate-renewal.js';
import { findByReference, fingerprintOf, recordReference } from './v1-references.js';
import { checkProviderCredits, creditProviders } from './provider-credit-creation.js';
import { reverseOnRefund } from './provider-credit-operations.js';
import type { ProviderAmount } from '../../domain/provider-credit/provider-credit.js';
import { invalidParameter } from '../../domain/shared/errors.js';

/** What an authorization holds of a billing agreement's monthly limit, by its state. */
function heldAgainstLimit(auth: V1Authorization): Money | null {
  if (auth.state === 'Pending' || auth.state === 'Open') return auth.amount;
  if (auth.state === 'Closed' && auth.reasonCode === 'MaxCapturesProcessed')
    return auth.capturedAmount;
  return null;
}

/**
 * What a billing agreement has used of its calendar-month limit (spec v1 §2.2, monthly-limits.ts),
 * in its currency. Every authorization on it is in that currency; the sum refuses any other
 * instead of skipping it, so no amount is left out of the limit (issue 10).
 */
export async function billingAgreementUsage(
  unit: Unit,
  billingAgreementId: string,
  currency: Money['currency'],
): Promise<Money> {
  const { start, end } = calendarMonth(unit.now);
  const auths = await unit.tx.v1Authorizations.listByBillingAgreement(
    unit.scope,
    billingAgreementId,
    { from: start, to: end },
  );
  return sum(
    currency,
    auths.flatMap((a) => heldAgainstLimit(a) ?? []),
  );
}

export interface AuthorizeInput {
  readonly orderReferenceId: string;
  readonly referenceId: string;
  readonly amount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
  readonly captureNow: boolean;
  readonly transactionTimeout: number;
  /** ProviderCreditList (spec v1 §2.8): only with CaptureNow; absent or empty for none. */
  readonly providerCredits?: readonly ProviderAmount[];
}

/** Provider lists join a fingerprint only when given, so earlier references keep theirs. */
const providerPart = (list: readonly ProviderAmount[] | undefined) =>
  list === undefined || list.length === 0
    ? {}
    : { providers: list.map((m) => [m.providerId, m.amount.minor, m.amount.currency]) };

export const authorizeFingerprint = (
  input: Omit<AuthorizeInput, 'orderReferenceId' | 'referenceId'>,
): string => {
  const { providerCredits, ...rest } = input;
  return fingerprintOf({
    ...rest,
    amount: [input.amount.minor, input.amount.currency],
    ...providerPart(providerCredits),
  });
};

/** Re-reads an authorization: CaptureNow may have closed it after it was first written. */
const current = async (unit: Unit, id: string): Promise<V1Authorization> =>
  loadAuthorization(unit, id);

/**
 * Authorize (spec v1 §2.8, §3.2): on an Open order reference, idempotent by AuthorizationReferenceId;
 * decided by the shared rules (authorization-decision.ts) after the SCA gate of seed 000; a child
 * of a billing agreement also counts against the agreement's monthly limit (PeriodicAmountExceeded).
 */
export async function authorize(
  unit: Unit,
  input: AuthorizeInput,
  oroLoaded?: OrderReference,
): Promise<V1Authorization> {
  checkReferenceId('AuthorizationReferenceId', input.referenceId);
  const fingerprint = authorizeFingerprint(input);
  // Lock the order reference first: a concurrent request with the same reference id then commits
  // before this one looks the reference up (PostgreSQL row lock; SQLite runs units one at a time).
  const locked = oroLoaded ?? (await loadOrderReference(unit, input.orderReferenceId));
  const existing = await findByReference(
    unit,
    'Authorization',
    input.referenceId,
    { parentId: input.orderReferenceId, fingerprint },
    (id) => current(unit, id),
    (found) => found.orderReferenceId,
  );
  if (existing) return existing;
  const oro = locked;
  requireAuthorizable(oro);
  const earlier = await unit.tx.v1Authorizations.listByOrderReference(unit.scope, oro.id);
  checkAuthorizationFits(oro, earlier, input.amount);
  const simulation = parseV1Simulation('Authorization', input.sellerNote, unit.scope.environment);
  let authenticated = authenticationPassed(oro.authentication);
  const baId = oro.parentBillingAgreementId;
  if (baId !== null) {
    const ba = await loadBillingAgreement(unit, baId);
    requireBillingAgreementCurrency(ba, input.amount, 'AuthorizationAmount');
    const limit = monthlyLimit('Recurring', unit.merchant.region, input.amount.currency);
    if (limit !== null)
      checkMonthlyLimit(
        limit,
        await billingAgreementUsage(unit, baId, limit.currency),
        input.amount,
      );
    // A merchant-initiated charge needs a mandate the buyer authenticated when one was required,
    // and whose authentication has not lapsed (seed 000's 30 days, mandate-renewal.ts).
    if (oro.authentication === null)
      authenticated =
        authenticationPassed(ba.authentication) && !(await billingAgreementMandateLapsed(unit, ba));
  }
  const providerCredits = input.providerCredits ?? [];
  if (providerCredits.length > 0) {
    if (!input.captureNow)
      throw invalidParameter(
        'ProviderCreditList',
        'provider credits are paid from a capture: send them with CaptureNow=true, or on Capture.',
      );
    await checkProviderCredits(unit, input.amount, providerCredits);
  }
  const decision = decideV1Authorization({
    instrument: oro.selection.instrument,
    simulation,
    synchronous: input.transactionTimeout === 0,
    captureNow: input.captureNow,
    authenticated,
  });
  let auth = newAuthorization(
    oro,
    {
      id: childId(oro.id, 'A', unit.random.digits(6)),
      referenceId: input.referenceId,
      fingerprint,
      amount: input.amount,
      sellerNote: input.sellerNote,
      softDescriptor: input.softDescriptor,
      captureNow: input.captureNow,
      transactionTimeout: input.transactionTimeout,
      billingAgreementId: baId,
    },
    decision,
    unit.now,
  );
  if (providerCredits.length > 0) auth = { ...auth, providerCreditList: providerCredits };
  await unit.tx.v1Authorizations.insert(auth);
  await recordReference(unit, 'Authorization', input.referenceId, auth.id);
  await unit.tx.orderReferences.update(recordAuthorizationId(oro, auth.id, unit.now));
  await authorizationMoved(unit, null, auth);
  return (await unit.tx.v1Authorizations.find(unit.scope, auth.id)) ?? auth;
}

export const getAuthorization = current;

export async function closeAuthorization(unit: Unit, id: string): Promise<V1Authorization> {
  const auth = await loadAuthorization(unit, id);
  const closed = closeAuthorizationRule(auth, unit.now);
  await unit.tx.v1Authorizations.update(closed);
  await authorizationChanged(unit, auth, closed);
  return closed;
}

export interface CaptureInput {
  readonly authorizationId: string;
  readonly referenceId: string;
  readonly amount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
  readonly providerCredits?: readonly ProviderAmount[];
}

/** Capture (spec v1 §2.8): idempotent by CaptureReferenceId; any capture that is not declined closes the authorization. */
export async function capture(unit: Unit, input: CaptureInput): Promise<V1Capture> {
  checkReferenceId('CaptureReferenceId', input.referenceId);
  const fingerprint = fingerprintOf({
    amount: [input.amount.minor, input.amount.currency],
    note: input.sellerNote,
    softDescriptor: input.softDescriptor,
    ...providerPart(input.providerCredits),
  });
  const auth = await loadAuthorization(unit, input.authorizationId);
  const existing = await findByReference(
    unit,
    'Capture',
    input.referenceId,
    { parentId: input.authorizationId, fingerprint },
    (id) => loadCapture(unit, id),
    (found) => found.authorizationId,
  );
  if (existing) return existing;
  const oro = await loadOrderReference(unit, auth.orderReferenceId);
  const simulation = parseV1Simulation('Capture', input.sellerNote, unit.scope.environment);
  const made = newCapture(
    auth,
    { ...input, id: childId(oro.id, 'C', unit.random.digits(6)), fingerprint },
    decideV1Capture(simulation),
    unit.now,
  );
  checkCaptureFits(oro, input.amount);
  const created = await creditProviders(unit, made, input.providerCredits ?? []);
  await unit.tx.v1Captures.insert(created);
  await recordReference(unit, 'Capture', input.referenceId, created.id);
  if (created.state !== 'Declined') {
    const closed = authorizationCaptured(auth, created, unit.now);
    await unit.tx.v1Authorizations.update(closed);
    await authorizationChanged(unit, auth, closed);
  } else {
    await unit.tx.v1Authorizations.update({
      ...auth,
      captureIds: [...auth.captureIds, created.id],
      lastUpdatedAt: unit.now,
    });
  }
  await captureMoved(unit, null, created);
  return (await unit.tx.v1Captures.find(unit.scope, created.id)) ?? created;
}

export const getCapture = loadCapture;

export interface RefundInput {
  readonly captureId: string;
  readonly referenceId: string;
  readonly amount: Money;
  readonly sellerNote: string | null;
  readonly softDescriptor: string | null;
  /** ProviderCreditReversalList (spec v1 §2.8). */
  readonly providerCreditReversals?: readonly ProviderAmount[];
}

/** Refund (spec v1 §2.8): idempotent by RefundReferenceId; always Pending first. */
export async function refund(unit: Unit, input: RefundInput): Promise<V1Refund> {
  checkReferenceId('RefundReferenceId', input.referenceId);
  const fingerprint = fingerprintOf({
    amount: [input.amount.minor, input.amount.currency],
    note: input.sellerNote,
    softDescriptor: input.softDescriptor,
    ...providerPart(input.providerCreditReversals),
  });
  const captured = await loadCapture(unit, input.captureId);
  const existing = await findByReference(
    unit,
    'Refund',
    input.referenceId,
    { parentId: input.captureId, fingerprint },
    (id) => loadV1Refund(unit, id),
    (found) => found.captureId,
  );
  if (existing) return existing;
  const earlier = await unit.tx.v1Refunds.listByCapture(unit.scope, captured.id);
  const simulation = parseV1Simulation('Refund', input.sellerNote, unit.scope.environment);
  const made = newV1Refund(
    captured,
    earlier,
    { ...input, id: childId(captured.orderReferenceId, 'R', unit.random.digits(6)), fingerprint },
    simulation,
    unit.now,
  );
  const created = await reverseOnRefund(unit, made, input.providerCreditReversals ?? []);
  await unit.tx.v1Refunds.insert(created);
  await recordReference(unit, 'Refund', input.referenceId, created.id);
  const next = recordRefundId(captured, created, unit.now);
  await unit.tx.v1Captures.update(next);
  await captureChanged(unit, captured, next);
  await refundChanged(unit, null, created);
  return created;
}

export const getRefund = loadV1Refund;
