import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import { recordBaAuthentication } from '../../domain/billing-agreement/billing-agreement-operations.js';
import {
  amountToAuthenticate,
  recordAuthentication as recordOroAuthentication,
} from '../../domain/order-reference/order-reference-operations.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import {
  answerAuthentication,
  settleAuthentication,
  type AuthenticationOutcome,
  type PaymentAuthentication,
} from '../../domain/order-reference/payment-authentication.js';
import { v1ContractKind } from '../../domain/order-reference/v1-ids.js';
import type { Merchant } from '../../domain/merchant/merchant.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Money } from '../../domain/shared/money.js';
import type { AppDependencies, Scope } from '../ports.js';
import { recordAuthentication } from '../sca-authentication.js';
import { inMerchantUnit, type Unit } from '../unit-of-work.js';
import {
  loadBillingAgreement,
  loadOrderReference,
  saveBillingAgreement,
  saveOrderReference,
} from './v1-loaders.js';

/**
 * The SCA Confirmation Flow (seed 000, spec v1 §7.4): Widgets.js's confirmationFlow.success()
 * opens localpay's hosted page with the seller id and the order reference (or billing agreement)
 * id. The page shows the issuer's challenge when the contract's SCA decision asks for one, then
 * sends the buyer to SuccessUrl or FailureUrl with AuthenticationStatus, or with an ErrorCode.
 * Where there is no URL to send the buyer to, or the seller and id do not match, it shows one of
 * the two troubleshooting pages of seed 000 instead.
 */
export type TroubleshootingPage = 'DidNotWork' | 'ProblemConnecting';

export const FLOW_ERROR_CODES = [
  'InvalidSellerId',
  'InvalidIdStatus',
  'InternalServerError',
] as const;
export type FlowErrorCode = (typeof FLOW_ERROR_CODES)[number];

export interface ChallengeView {
  readonly contractId: string;
  readonly merchant: Merchant;
  readonly amount: Money | null;
  readonly card: string | null;
  readonly code: string;
  readonly simulated: 'Failure' | 'Abandoned' | null;
}

export type FlowStep =
  | { readonly kind: 'problem'; readonly page: TroubleshootingPage; readonly reason: string }
  | { readonly kind: 'redirect'; readonly url: string }
  | { readonly kind: 'challenge'; readonly view: ChallengeView };

type Contract =
  | { readonly kind: 'OrderReference'; readonly value: OrderReference }
  | { readonly kind: 'BillingAgreement'; readonly value: BillingAgreement };

interface Urls {
  readonly successUrl: string;
  readonly failureUrl: string | null;
}

function urlsOf(contract: Contract): Urls | null {
  const c = contract.value.confirmation;
  return c === null || c.successUrl === null
    ? null
    : { successUrl: c.successUrl, failureUrl: c.failureUrl };
}

/** SuccessUrl, or FailureUrl (SuccessUrl when none was set), with one query parameter added. */
export function returnUrl(
  urls: Urls,
  parameter: { AuthenticationStatus: AuthenticationOutcome } | { ErrorCode: FlowErrorCode },
): string {
  const success =
    'AuthenticationStatus' in parameter && parameter.AuthenticationStatus === 'Success';
  const url = new URL(success ? urls.successUrl : (urls.failureUrl ?? urls.successUrl));
  for (const [name, value] of Object.entries(parameter)) url.searchParams.set(name, value);
  return url.toString();
}

const problem = (page: TroubleshootingPage, reason: string): FlowStep => ({
  kind: 'problem',
  page,
  reason,
});

/** Whose contract this is, found by its id alone (the hosted page has no credentials). */
async function scopeOf(deps: AppDependencies, id: string): Promise<Scope | undefined> {
  const kind = v1ContractKind(id);
  if (kind === null) return undefined;
  return deps.store.transaction((tx) =>
    kind === 'OrderReference' ? tx.orderReferences.scopeOf(id) : tx.billingAgreements.scopeOf(id),
  );
}

async function loadContract(unit: Unit, id: string): Promise<Contract> {
  return v1ContractKind(id) === 'OrderReference'
    ? { kind: 'OrderReference', value: await loadOrderReference(unit, id) }
    : { kind: 'BillingAgreement', value: await loadBillingAgreement(unit, id) };
}

function amountOf(contract: Contract): Money | null {
  return contract.kind === 'OrderReference'
    ? amountToAuthenticate(contract.value)
    : contract.value.subscriptionAmount;
}

function stepFor(unit: Unit, contract: Contract): FlowStep {
  const urls = urlsOf(contract);
  if (urls === null)
    return problem(
      'DidNotWork',
      'The contract was not confirmed with a SuccessUrl (ConfirmOrderReference or ConfirmBillingAgreement).',
    );
  if (contract.value.state !== 'Open')
    return { kind: 'redirect', url: returnUrl(urls, { ErrorCode: 'InvalidIdStatus' }) };
  const auth = contract.value.authentication;
  if (auth?.simulatedError === 'InternalServerError')
    return { kind: 'redirect', url: returnUrl(urls, { ErrorCode: 'InternalServerError' }) };
  if (auth === null || auth.status === 'NotRequired')
    return { kind: 'redirect', url: returnUrl(urls, { AuthenticationStatus: 'Success' }) };
  if (auth.status !== 'Required')
    return { kind: 'redirect', url: returnUrl(urls, { AuthenticationStatus: auth.status }) };
  const instrument = contract.value.selection.instrument;
  return {
    kind: 'challenge',
    view: {
      contractId: contract.value.id,
      merchant: unit.merchant,
      amount: amountOf(contract),
      card: instrument?.descriptor ?? null,
      code: auth.code,
      simulated: auth.simulated,
    },
  };
}

/**
 * The hosted page opened (seed 000, "Troubleshooting"): no or unknown id, or a contract confirmed
 * without a SuccessUrl → "Hmmm...that didn't work"; a seller id of another merchant → "Problem
 * connecting"; an unknown seller id → FailureUrl with ErrorCode=InvalidSellerId; a contract that
 * is not Open → ErrorCode=InvalidIdStatus.
 */
export async function startConfirmationFlow(
  deps: AppDependencies,
  sellerId: string,
  contractId: string,
): Promise<FlowStep> {
  if (contractId === '')
    return problem(
      'DidNotWork',
      'No AmazonOrderReference id was passed as the Id of initConfirmationFlow.',
    );
  const scope = await scopeOf(deps, contractId);
  if (scope === undefined)
    return problem('DidNotWork', `There is no order reference or billing agreement ${contractId}.`);
  const otherMerchant =
    sellerId !== scope.merchantId &&
    sellerId !== '' &&
    (await deps.store.transaction((tx) => tx.merchants.find(sellerId))) !== undefined;
  if (otherMerchant)
    return problem(
      'ProblemConnecting',
      `The seller id ${sellerId} does not match the seller of ${contractId}.`,
    );
  return inMerchantUnit(deps, scope, async (unit) => {
    const contract = await loadContract(unit, contractId);
    if (sellerId !== scope.merchantId) {
      const urls = urlsOf(contract);
      return urls === null
        ? problem('DidNotWork', `The seller id '${sellerId}' is not valid.`)
        : { kind: 'redirect', url: returnUrl(urls, { ErrorCode: 'InvalidSellerId' }) };
    }
    return stepFor(unit, contract);
  });
}

async function saveAuthentication(
  unit: Unit,
  contract: Contract,
  next: PaymentAuthentication,
): Promise<void> {
  if (next.status === 'Success') {
    const selection = contract.value.selection;
    await recordAuthentication(
      unit,
      selection.buyer?.buyerId ?? null,
      selection.instrument?.instrumentId ?? null,
    );
  }
  if (contract.kind === 'BillingAgreement') {
    await saveBillingAgreement(
      unit,
      contract.value,
      recordBaAuthentication(contract.value, next, unit.now),
    );
    return;
  }
  await saveOrderReference(
    unit,
    contract.value,
    recordOroAuthentication(contract.value, next, unit.now),
  );
  // The buyer authenticated the agreement's card in a purchase on it: its mandate is authenticated too.
  const parentId = contract.value.parentBillingAgreementId;
  if (next.status === 'Success' && parentId !== null) {
    const ba = await loadBillingAgreement(unit, parentId);
    if (
      ba.authentication !== null &&
      ba.authentication.status !== 'Success' &&
      ba.authentication.status !== 'NotRequired'
    )
      await saveBillingAgreement(
        unit,
        ba,
        recordBaAuthentication(
          ba,
          { ...ba.authentication, status: 'Success', answeredAt: unit.now },
          unit.now,
        ),
      );
  }
}

export type FlowAnswer =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'abandon' }
  | { readonly kind: 'outcome'; readonly outcome: AuthenticationOutcome };

/** Records the buyer's answer once and answers where the browser goes (or a troubleshooting page). */
export async function answerConfirmationChallenge(
  deps: AppDependencies,
  contractId: string,
  answer: FlowAnswer,
): Promise<FlowStep> {
  const scope = await scopeOf(deps, contractId);
  if (scope === undefined)
    return problem('DidNotWork', `There is no order reference or billing agreement ${contractId}.`);
  return inMerchantUnit(deps, scope, async (unit) => {
    const contract = await loadContract(unit, contractId);
    const auth = contract.value.authentication;
    if (auth?.status === 'Required' && contract.value.state === 'Open') {
      const next =
        answer.kind === 'outcome'
          ? settleAuthentication(auth, answer.outcome, unit.now)
          : answerAuthentication(
              auth,
              answer.kind === 'abandon' ? { abandon: true } : { abandon: false, code: answer.code },
              unit.now,
            );
      await saveAuthentication(unit, contract, next);
      return stepFor(unit, await loadContract(unit, contractId));
    }
    return stepFor(unit, contract);
  });
}

/** Headless control (admin API, CLI, tests): pass, fail or abandon a contract's pending challenge. */
export async function settleConfirmationChallenge(
  deps: AppDependencies,
  contractId: string,
  outcome: AuthenticationOutcome,
): Promise<string> {
  const step = await answerConfirmationChallenge(deps, contractId, { kind: 'outcome', outcome });
  if (step.kind === 'redirect') return step.url;
  throw new DomainError(
    'InvalidRequest',
    step.kind === 'problem' ? step.reason : `${contractId} still waits for its challenge.`,
  );
}

/**
 * After an unexpected failure on the hosted page: the buyer goes back to the merchant with
 * ErrorCode=InternalServerError (seed 000) when the contract's URLs can still be read; else null.
 */
export async function internalErrorReturn(
  deps: AppDependencies,
  contractId: string,
): Promise<string | null> {
  try {
    const scope = await scopeOf(deps, contractId);
    if (scope === undefined) return null;
    return await inMerchantUnit(deps, scope, async (unit) => {
      const urls = urlsOf(await loadContract(unit, contractId));
      return urls === null ? null : returnUrl(urls, { ErrorCode: 'InternalServerError' });
    });
  } catch {
    return null;
  }
}
