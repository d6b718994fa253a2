import type { ProviderAmount } from '../../domain/provider-credit/provider-credit.js';
import {
  billingAgreementCurrency,
  closeBillingAgreement as closeRule,
  confirmBillingAgreement as confirmRule,
  countOrderReference,
  requireBillingAgreementCurrency,
  requireOrderable,
  setBillingAgreementDetails as setDetailsRule,
  suspendBillingAgreement,
  type BillingAgreementPatch,
} from '../../domain/billing-agreement/billing-agreement-operations.js';
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import { calendarMonth, monthlyLimit } from '../../domain/charge/monthly-limits.js';
import { ledgerCurrencyOf } from '../../domain/charge-permission/charge-permission-operations.js';
import {
  confirmOrderReference as confirmOrderRule,
  newOrderReference,
  setOrderReferenceDetails as setDetailsOrderRule,
  type OrderAttributesPatch,
} from '../../domain/order-reference/order-reference-operations.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import { authenticationPassed } from '../../domain/order-reference/payment-authentication.js';
import { checkText, type ConfirmationUrls } from '../../domain/order-reference/v1-contract.js';
import { newV1ContractId } from '../../domain/order-reference/v1-ids.js';
import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import { subtract, zero, type Money } from '../../domain/shared/money.js';
import { validateReturnUrl } from '../../domain/shared/urls.js';
import { parseV1Simulation } from '../../domain/simulation/v1-simulations.js';
import { decideV1Authorization } from '../../domain/v1-payments/authorization-decision.js';
import type { V1Authorization } from '../../domain/v1-payments/v1-payments.js';
import type { Unit } from '../unit-of-work.js';
import { tokenReveals } from './v1-access-tokens.js';
import { decideContractAuthentication } from './v1-authentication.js';
import type { BillingAgreementLimitsView } from './v1-details.js';
import { billingAgreementMandateLapsed } from './mandate-renewal.js';
import { loadBillingAgreement, saveBillingAgreement } from './v1-loaders.js';
import { billingAgreementChanged } from './v1-notifications.js';
import { authorize, billingAgreementUsage } from './v1-payment-operations.js';
import type { TokenInput } from './v1-order-reference-operations.js';

/** The agreement's limit this calendar month in the merchant's currency (spec v1 §2.2; monthly-limits.ts). */
export async function billingAgreementLimits(
  unit: Unit,
  ba: BillingAgreement,
): Promise<BillingAgreementLimitsView | null> {
  const currency = billingAgreementCurrency(ba);
  const limit = monthlyLimit('Recurring', ba.region, currency);
  if (limit === null) return null;
  const { start, end } = calendarMonth(unit.now);
  const left = subtract(limit, await billingAgreementUsage(unit, ba.id, currency));
  return {
    limit,
    remaining: left.minor > 0 ? left : zero(currency),
    periodStart: start,
    periodEnd: end,
  };
}

export async function getBillingAgreementDetails(
  unit: Unit,
  id: string,
  tokens: TokenInput,
): Promise<{
  readonly billingAgreement: BillingAgreement;
  readonly limits: BillingAgreementLimitsView | null;
  readonly reveal: boolean;
}> {
  const billingAgreement = await loadBillingAgreement(unit, id);
  const reveal = await tokenReveals(
    unit,
    tokens,
    billingAgreement.selection.buyer?.buyerId ?? null,
  );
  return { billingAgreement, limits: await billingAgreementLimits(unit, billingAgreement), reveal };
}

async function change(
  unit: Unit,
  id: string,
  rule: (ba: BillingAgreement) => BillingAgreement | Promise<BillingAgreement>,
): Promise<BillingAgreement> {
  const before = await loadBillingAgreement(unit, id);
  const after = await rule(before);
  await saveBillingAgreement(unit, before, after);
  return after;
}

export const setBillingAgreementDetails = (
  unit: Unit,
  id: string,
  patch: BillingAgreementPatch,
): Promise<BillingAgreement> => change(unit, id, (ba) => setDetailsRule(ba, patch, unit.now));

/**
 * ConfirmBillingAgreement (spec v1 §2.7, §8): setting up the agreement sets up a mandate for later
 * merchant-initiated payments, so in the EU and UK the buyer authenticates on the Confirmation
 * Flow, exactly as a v2 Saved Wallet checkout is challenged.
 */
export async function confirmBillingAgreement(
  unit: Unit,
  id: string,
  urls: { successUrl: string | null; failureUrl: string | null },
): Promise<BillingAgreement> {
  const environment = unit.scope.environment;
  if (urls.successUrl !== null)
    validateReturnUrl(urls.successUrl, 'SuccessUrl', environment, unit.sandboxHttp);
  if (urls.failureUrl !== null)
    validateReturnUrl(urls.failureUrl, 'FailureUrl', environment, unit.sandboxHttp);
  if (urls.failureUrl !== null && urls.successUrl === null)
    throw invalidParameter('FailureUrl', 'it can only be given together with a SuccessUrl.');
  const confirmation: ConfirmationUrls | null =
    urls.successUrl === null ? null : { successUrl: urls.successUrl, failureUrl: urls.failureUrl };
  return change(unit, id, async (ba) => {
    const amount = ba.subscriptionAmount ?? zero(ledgerCurrencyOf(ba.region));
    const authentication = await decideContractAuthentication(unit, ba, {
      amount,
      setsUpMandate: true,
    });
    const lapsed = await billingAgreementMandateLapsed(unit, ba);
    return confirmRule(ba, confirmation, authentication, unit.now, { mandateLapsed: lapsed });
  });
}

export interface ValidationOutcome {
  readonly billingAgreement: BillingAgreement;
  readonly result: 'Success' | 'Failure';
  readonly failureReasonCode: string | null;
}

/**
 * ValidateBillingAgreement (spec v1 §2.7): can the agreement be charged now? Not when Suspended,
 * not when its mandate's authentication was required and not passed (seed 000: validate after
 * AuthenticationStatus=Success), and not when the payment method declines (the shared decision) —
 * which suspends an Open agreement.
 */
export async function validateBillingAgreement(unit: Unit, id: string): Promise<ValidationOutcome> {
  const ba = await loadBillingAgreement(unit, id);
  if (ba.state !== 'Open' && ba.state !== 'Suspended')
    throw new DomainError(
      'InvalidBillingAgreementStatus',
      `BillingAgreement ${ba.id} is ${ba.state} and cannot be validated.`,
    );
  const failure = (billingAgreement: BillingAgreement, code: string): ValidationOutcome => ({
    billingAgreement,
    result: 'Failure',
    failureReasonCode: code,
  });
  if (ba.state === 'Suspended') return failure(ba, 'InvalidPaymentMethod');
  if (!authenticationPassed(ba.authentication)) return failure(ba, 'InvalidPaymentMethod');
  // Seed 000: the authentication lapsed without a capture (or €0 placeholder) within 30 days; the
  // merchant must run the Confirmation Flow again (ConfirmBillingAgreement with a SuccessUrl).
  if (await billingAgreementMandateLapsed(unit, ba)) return failure(ba, 'InvalidPaymentMethod');
  const decision = decideV1Authorization({
    instrument: ba.selection.instrument,
    simulation: null,
    synchronous: true,
    captureNow: false,
    authenticated: true,
  });
  if (decision.final.kind === 'Declined') {
    if (decision.final.reason !== 'InvalidPaymentMethod') return failure(ba, decision.final.reason);
    const suspended = suspendBillingAgreement(ba, unit.now);
    await saveBillingAgreement(unit, ba, suspended);
    return failure(suspended, 'InvalidPaymentMethod');
  }
  return { billingAgreement: ba, result: 'Success', failureReasonCode: null };
}

export function closeBillingAgreement(
  unit: Unit,
  id: string,
  closureReason: string | null,
): Promise<BillingAgreement> {
  checkText('ClosureReason', closureReason);
  const simulation = parseV1Simulation('Closure', closureReason, unit.scope.environment);
  return change(unit, id, (ba) => closeRule(ba, simulation !== null, unit.now));
}

export interface CreateOrderReferenceForIdInput {
  readonly billingAgreementId: string;
  readonly inheritShippingAddress: boolean;
  readonly confirmNow: boolean;
  readonly attributes: OrderAttributesPatch;
}

/**
 * CreateOrderReferenceForId (spec v1 §2.7): a child order reference with the agreement's buyer and
 * payment method. ConfirmNow=true confirms it at once for a merchant-initiated payment (no SCA);
 * without it the buyer is present and the merchant confirms it with the Confirmation Flow (seed 000).
 */
export async function createOrderReferenceForId(
  unit: Unit,
  input: CreateOrderReferenceForIdInput,
): Promise<OrderReference> {
  const ba = await loadBillingAgreement(unit, input.billingAgreementId);
  requireOrderable(ba, input.confirmNow);
  if (input.attributes.orderTotal !== undefined)
    requireBillingAgreementCurrency(
      ba,
      input.attributes.orderTotal,
      'OrderReferenceAttributes.OrderTotal',
    );
  if (input.confirmNow && input.attributes.orderTotal === undefined)
    throw new DomainError(
      'InvalidParameterValue',
      'OrderReferenceAttributes.OrderTotal.Amount is required when ConfirmNow is true.',
    );
  const fresh = newOrderReference(
    {
      id: newV1ContractId(
        unit.random,
        'OrderReference',
        unit.scope.environment,
        unit.merchant.region,
      ),
      merchantId: unit.merchant.merchantId,
      environment: unit.scope.environment,
      region: unit.merchant.region,
      buyer: ba.selection.buyer,
      parentBillingAgreementId: ba.id,
      selection: {
        ...ba.selection,
        destination: input.inheritShippingAddress ? ba.selection.destination : null,
        instrumentChangedAt: unit.now,
      },
    },
    unit.now,
  );
  let oro = setDetailsOrderRule(fresh, input.attributes, unit.now);
  if (input.confirmNow)
    oro = confirmOrderRule(
      oro,
      {
        successUrl: null,
        failureUrl: null,
        authorizationAmount: null,
        expectImmediateAuthorization: false,
      },
      null,
      false,
      unit.now,
    );
  await unit.tx.orderReferences.insert(oro);
  const counted = countOrderReference(ba, unit.now);
  await unit.tx.billingAgreements.update(counted);
  await billingAgreementChanged(unit, ba, counted);
  return oro;
}

export interface AuthorizeOnBillingAgreementInput {
  readonly billingAgreementId: string;
  readonly referenceId: string;
  readonly amount: Money;
  readonly sellerAuthorizationNote: string | null;
  readonly softDescriptor: string | null;
  readonly captureNow: boolean;
  readonly transactionTimeout: number;
  readonly inheritShippingAddress: boolean;
  readonly attributes: OrderAttributesPatch;
  /** ProviderCreditList (spec v1 §2.7, JAVA 3.6.3): as on Authorize, only with CaptureNow. */
  readonly providerCredits?: readonly ProviderAmount[];
}

/**
 * AuthorizeOnBillingAgreement (spec v1 §2.7): CreateOrderReferenceForId with ConfirmNow plus
 * Authorize, in one transaction. Merchant-initiated: no challenge, but the agreement's mandate
 * must have been authenticated where one was required. A repeated AuthorizationReferenceId with
 * the same parameters answers the first authorization.
 */
export async function authorizeOnBillingAgreement(
  unit: Unit,
  input: AuthorizeOnBillingAgreementInput,
): Promise<{ readonly authorization: V1Authorization; readonly orderReferenceId: string }> {
  // Lock the agreement before looking the reference up, so a concurrent twin is seen (v1-payment-operations.ts).
  const ba = await loadBillingAgreement(unit, input.billingAgreementId);
  const record = await unit.tx.v1References.find(unit.scope, 'Authorization', input.referenceId);
  if (record !== undefined) {
    const first = await unit.tx.v1Authorizations.find(unit.scope, record.objectId);
    if (first !== undefined && first.billingAgreementId === input.billingAgreementId) {
      const authorization = await authorize(unit, authorizeInput(first.orderReferenceId, input));
      return { authorization, orderReferenceId: first.orderReferenceId };
    }
    throw new DomainError(
      'DuplicateReferenceId',
      `The AuthorizationReferenceId ${input.referenceId} has already been used for another request.`,
    );
  }
  requireBillingAgreementCurrency(ba, input.amount, 'AuthorizationAmount');
  const oro = await createOrderReferenceForId(unit, {
    billingAgreementId: input.billingAgreementId,
    inheritShippingAddress: input.inheritShippingAddress,
    confirmNow: true,
    attributes: { ...input.attributes, orderTotal: input.attributes.orderTotal ?? input.amount },
  });
  const authorization = await authorize(unit, authorizeInput(oro.id, input), oro);
  return { authorization, orderReferenceId: oro.id };
}

const authorizeInput = (orderReferenceId: string, input: AuthorizeOnBillingAgreementInput) => ({
  orderReferenceId,
  referenceId: input.referenceId,
  amount: input.amount,
  sellerNote: input.sellerAuthorizationNote,
  softDescriptor: input.softDescriptor,
  captureNow: input.captureNow,
  transactionTimeout: input.transactionTimeout,
  ...(input.providerCredits === undefined ? {} : { providerCredits: input.providerCredits }),
});
