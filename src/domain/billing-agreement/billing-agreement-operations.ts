import type { Address, BuyerDetails, PaymentInstrument } from '../shared/buyer.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import { DomainError } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import { requireCurrency, type CurrencyCode, type Money } from '../shared/money.js';
import { ledgerCurrencyOf } from '../charge-permission/charge-permission-operations.js';
import type { Instant } from '../shared/time.js';
import { parseV1Simulation } from '../simulation/v1-simulations.js';
import { v1CardBehaviour } from '../simulation/v1-test-cards.js';
import type { PaymentAuthentication } from '../order-reference/payment-authentication.js';
import { checkText, NO_SELECTION, type ConfirmationUrls } from '../order-reference/v1-contract.js';
import {
  BILLING_AGREEMENT_CONSTRAINTS,
  BILLING_AGREEMENT_DRAFT_LIFETIME,
  type BillingAgreement,
  type BillingAgreementConstraint,
  type BillingAgreementReasonCode,
  type BillingAgreementState,
  type BillingAgreementType,
  type SellerBillingAgreementAttributes,
} from './billing-agreement.js';
import { BILLING_AGREEMENT_TRANSITIONS } from './billing-agreement-lifecycle.js';

const REASON_TEXT = {
  InvalidPaymentMethod: 'There has been a problem with the selected payment method.',
  Stale: 'The billing agreement was not confirmed within 3 hours.',
  AmazonCanceled: 'Amazon canceled the billing agreement.',
  SellerClosed: 'The seller closed the billing agreement.',
  BuyerClosed: 'The buyer closed the billing agreement.',
  AmazonClosed: 'Amazon closed the billing agreement.',
} as const satisfies Record<BillingAgreementReasonCode, string>;

function move(
  ba: BillingAgreement,
  to: BillingAgreementState,
  reasonCode: BillingAgreementReasonCode | null,
  now: Instant,
  changes: Partial<BillingAgreement> = {},
): BillingAgreement {
  assertTransition(
    BILLING_AGREEMENT_TRANSITIONS,
    'BillingAgreement',
    ba.id,
    ba.state,
    to,
    'InvalidBillingAgreementStatus',
  );
  return {
    ...ba,
    ...changes,
    state: to,
    reasonCode,
    reasonDescription: reasonCode === null ? null : REASON_TEXT[reasonCode],
    lastUpdatedAt: now,
  };
}

const wrongState = (ba: BillingAgreement, operation: string): DomainError =>
  new DomainError(
    'InvalidBillingAgreementStatus',
    `BillingAgreement ${ba.id} is in state ${ba.state}; ${operation} is not allowed in that state.`,
  );

export function newBillingAgreement(
  input: {
    readonly id: string;
    readonly merchantId: string;
    readonly environment: ReleaseEnvironment;
    readonly region: Region;
    readonly buyer: BuyerDetails | null;
  },
  now: Instant,
): BillingAgreement {
  return {
    ...input,
    state: 'Draft',
    reasonCode: null,
    reasonDescription: null,
    createdAt: now,
    lastUpdatedAt: now,
    sellerNote: null,
    platformId: null,
    sellerAttributes: { sellerBillingAgreementId: null, storeName: null, customInformation: null },
    billingAgreementType: 'CustomerInitiatedTransaction',
    subscriptionAmount: null,
    consent: false,
    selection: { ...NO_SELECTION, buyer: input.buyer },
    simulation: null,
    confirmation: null,
    authentication: null,
    orderReferenceCount: 0,
    suspendedAt: null,
  };
}

export interface BillingAgreementPatch {
  readonly sellerNote?: string | undefined;
  readonly platformId?: string | undefined;
  readonly sellerAttributes?:
    | {
        readonly [K in keyof SellerBillingAgreementAttributes]?:
          SellerBillingAgreementAttributes[K] | undefined;
      }
    | undefined;
  readonly billingAgreementType?: BillingAgreementType | undefined;
  readonly subscriptionAmount?: Money | undefined;
}

/**
 * The currency a billing agreement is charged in: its SubscriptionAmount's, else the merchant's
 * ledger currency. Amazon Pay "Adding multi-currency functionality to an existing automatic
 * payments integration": the AuthorizeOnBillingAgreement and CreateOrderReferenceForId amounts
 * must match the agreement's presentmentCurrency, otherwise CurrencyMismatch; without
 * multi-currency ("Multi-currency integration") buyers are charged in the ledger currency.
 * localpay's Wallet widget takes no presentmentCurrency, so the SubscriptionAmount names it.
 */
export const billingAgreementCurrency = (ba: BillingAgreement): CurrencyCode =>
  ba.subscriptionAmount?.currency ?? ledgerCurrencyOf(ba.region);

/** Amounts charged on the agreement (authorizations, child order totals) are in its currency. */
export function requireBillingAgreementCurrency(
  ba: BillingAgreement,
  amount: Money,
  field: string,
): void {
  requireCurrency(amount, billingAgreementCurrency(ba), field, `BillingAgreement ${ba.id}`);
}

/**
 * SetBillingAgreementDetails: only in Draft (405 BillingAgreementNotModifiable), except that the
 * SCA attributes BillingAgreementType and SubscriptionAmount may be set on an Open agreement
 * created before the SCA upgrade (spec v1 §8).
 */
export function setBillingAgreementDetails(
  ba: BillingAgreement,
  patch: BillingAgreementPatch,
  now: Instant,
): BillingAgreement {
  const scaOnly =
    patch.sellerNote === undefined &&
    patch.platformId === undefined &&
    patch.sellerAttributes === undefined;
  if (ba.state !== 'Draft' && !(ba.state === 'Open' && scaOnly))
    throw new DomainError(
      'BillingAgreementNotModifiable',
      `BillingAgreement ${ba.id} is not in draft state and cannot be modified with the request submitted by you.`,
    );
  // Once Open, the agreement has been charged in its currency; a SubscriptionAmount set then
  // cannot move it to another one (issue 10).
  if (ba.state === 'Open' && patch.subscriptionAmount !== undefined)
    requireCurrency(
      patch.subscriptionAmount,
      billingAgreementCurrency(ba),
      'BillingAgreementAttributes.SubscriptionAmount',
      `BillingAgreement ${ba.id}`,
    );
  checkText('SellerNote', patch.sellerNote);
  checkText('PlatformId', patch.platformId);
  checkText(
    'SellerBillingAgreementId',
    patch.sellerAttributes?.sellerBillingAgreementId,
    'SellerBillingAgreementAttributes.SellerBillingAgreementId',
  );
  checkText(
    'StoreName',
    patch.sellerAttributes?.storeName,
    'SellerBillingAgreementAttributes.StoreName',
  );
  checkText(
    'CustomInformation',
    patch.sellerAttributes?.customInformation,
    'SellerBillingAgreementAttributes.CustomInformation',
  );
  const pick = <T>(value: T | undefined, fallback: T): T =>
    value === undefined ? fallback : value;
  return {
    ...ba,
    sellerNote: pick(patch.sellerNote, ba.sellerNote),
    platformId: pick(patch.platformId, ba.platformId),
    sellerAttributes: {
      sellerBillingAgreementId: pick(
        patch.sellerAttributes?.sellerBillingAgreementId,
        ba.sellerAttributes.sellerBillingAgreementId,
      ),
      storeName: pick(patch.sellerAttributes?.storeName, ba.sellerAttributes.storeName),
      customInformation: pick(
        patch.sellerAttributes?.customInformation,
        ba.sellerAttributes.customInformation,
      ),
    },
    billingAgreementType: pick(patch.billingAgreementType, ba.billingAgreementType),
    subscriptionAmount: pick(patch.subscriptionAmount, ba.subscriptionAmount),
    simulation:
      patch.sellerNote === undefined
        ? ba.simulation
        : parseV1Simulation('BillingAgreement', patch.sellerNote, ba.environment),
    lastUpdatedAt: now,
  };
}

export function constraintsOf(ba: BillingAgreement): BillingAgreementConstraint[] {
  if (ba.state !== 'Draft' && ba.state !== 'Suspended') return [];
  const found: BillingAgreementConstraint[] = [];
  if (!ba.consent) found.push('BuyerConsentNotSet');
  if (ba.selection.destination === null) found.push('ShippingAddressNotSet');
  if (ba.selection.instrument === null) found.push('PaymentPlanNotSet');
  else if (
    v1CardBehaviour(ba.selection.instrument) === 'PaymentMethodNotAllowed' ||
    ba.simulation?.kind === 'Constraint'
  )
    found.push('PaymentMethodNotAllowed');
  return found;
}

export const baConstraintDescription = (c: BillingAgreementConstraint): string =>
  BILLING_AGREEMENT_CONSTRAINTS[c];

export function selectBaAddress(
  ba: BillingAgreement,
  address: Address,
  now: Instant,
): BillingAgreement {
  if (ba.state !== 'Draft' && ba.state !== 'Open' && ba.state !== 'Suspended')
    throw wrongState(ba, 'changing the address');
  return { ...ba, selection: { ...ba.selection, destination: address }, lastUpdatedAt: now };
}

export function selectBaPaymentMethod(
  ba: BillingAgreement,
  instrument: PaymentInstrument,
  billingAddress: Address | null,
  now: Instant,
): BillingAgreement {
  if (ba.state !== 'Draft' && ba.state !== 'Open' && ba.state !== 'Suspended')
    throw wrongState(ba, 'changing the payment method');
  return {
    ...ba,
    selection: { ...ba.selection, instrument, billingAddress, instrumentChangedAt: now },
    lastUpdatedAt: now,
  };
}

export function giveConsent(
  ba: BillingAgreement,
  consent: boolean,
  now: Instant,
): BillingAgreement {
  if (ba.state === 'Canceled' || ba.state === 'Closed') throw wrongState(ba, 'consent');
  return { ...ba, consent, lastUpdatedAt: now };
}

/**
 * ConfirmBillingAgreement: Draft → Open without constraints (400 BillingAgreementConstraintsExist);
 * also re-confirms an Open or Suspended agreement after the buyer changed their choices (spec v1 §2.7).
 */
export function confirmBillingAgreement(
  ba: BillingAgreement,
  urls: ConfirmationUrls | null,
  authentication: PaymentAuthentication | null,
  now: Instant,
  options: { readonly mandateLapsed?: boolean } = {},
): BillingAgreement {
  if (ba.state !== 'Draft' && ba.state !== 'Open' && ba.state !== 'Suspended')
    throw wrongState(ba, 'ConfirmBillingAgreement');
  const constraints = constraintsOf(ba);
  if (constraints.length > 0)
    throw new DomainError(
      'BillingAgreementConstraintsExist',
      `BillingAgreement ${ba.id} has constraints ${constraints.join(', ')} and cannot be confirmed.`,
    );
  const changes = {
    confirmation: urls === null ? ba.confirmation : { ...urls, confirmedAt: now },
    // A passed mandate authentication survives a re-confirm unless the payment method changed or
    // it lapsed (seed 000: the Confirmation Flow is run again, mandate-renewal.ts).
    authentication:
      ba.authentication?.status === 'Success' &&
      options.mandateLapsed !== true &&
      (ba.selection.instrumentChangedAt ?? 0) <= ba.authentication.decidedAt
        ? ba.authentication
        : authentication,
    suspendedAt: null,
  };
  return ba.state === 'Open'
    ? { ...ba, ...changes, lastUpdatedAt: now }
    : move(ba, 'Open', null, now, changes);
}

/** CreateOrderReferenceForId and AuthorizeOnBillingAgreement need an Open agreement (a Draft allows one order reference). */
export function requireOrderable(ba: BillingAgreement, confirmNow: boolean): void {
  if (ba.state === 'Open') return;
  if (ba.state === 'Draft' && !confirmNow) {
    if (ba.orderReferenceCount >= 1)
      throw new DomainError(
        'OrderReferenceCountExceeded',
        `BillingAgreement ${ba.id} is in Draft and already has an order reference; confirm it first.`,
      );
    return;
  }
  throw wrongState(ba, 'creating an order reference');
}

export const countOrderReference = (ba: BillingAgreement, now: Instant): BillingAgreement => ({
  ...ba,
  orderReferenceCount: ba.orderReferenceCount + 1,
  lastUpdatedAt: now,
});

/** A declined authorization with InvalidPaymentMethod suspends the agreement; other declines leave it Open. */
export function applyBaDecline(
  ba: BillingAgreement,
  reason: string,
  now: Instant,
): BillingAgreement {
  if (ba.state !== 'Open' || reason !== 'InvalidPaymentMethod') return ba;
  return move(ba, 'Suspended', 'InvalidPaymentMethod', now, { suspendedAt: now });
}

/** CloseBillingAgreement from Draft, Open or Suspended (400 InvalidCloseAttempt otherwise). */
export function closeBillingAgreement(
  ba: BillingAgreement,
  amazonClosed: boolean,
  now: Instant,
): BillingAgreement {
  if (ba.state !== 'Draft' && ba.state !== 'Open' && ba.state !== 'Suspended')
    throw new DomainError(
      'InvalidCloseAttempt',
      `BillingAgreement ${ba.id} is ${ba.state} and cannot be closed.`,
    );
  return move(ba, 'Closed', amazonClosed ? 'AmazonClosed' : 'SellerClosed', now);
}

export const recordBaAuthentication = (
  ba: BillingAgreement,
  authentication: PaymentAuthentication,
  now: Instant,
): BillingAgreement => ({
  ...ba,
  authentication,
  lastUpdatedAt: now,
});

/** Validation found the payment method unusable: an Open agreement is suspended. */
export const suspendBillingAgreement = (ba: BillingAgreement, now: Instant): BillingAgreement =>
  ba.state === 'Open'
    ? move(ba, 'Suspended', 'InvalidPaymentMethod', now, { suspendedAt: now })
    : ba;

/** A Draft agreement not confirmed in 3 hours is Canceled/Stale. */
export function settleBillingAgreementTimers(ba: BillingAgreement, now: Instant): BillingAgreement {
  const deadline = ba.createdAt + BILLING_AGREEMENT_DRAFT_LIFETIME;
  return ba.state === 'Draft' && now >= deadline ? move(ba, 'Canceled', 'Stale', deadline) : ba;
}
