import type { Address, BuyerDetails, PaymentInstrument } from '../shared/buyer.js';
import { DomainError } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import {
  add,
  compare,
  equals,
  exceeds,
  formatAmount,
  requireCurrency,
  zero,
  type Money,
} from '../shared/money.js';
import { DAY, MINUTE, type Instant } from '../shared/time.js';
import { maximumRefundable } from '../refund/refund-operations.js';
import { parseV1Simulation } from '../simulation/v1-simulations.js';
import { v1CardBehaviour } from '../simulation/v1-test-cards.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import {
  EMPTY_SELLER_ORDER_ATTRIBUTES,
  ORDER_REFERENCE_CONSTRAINTS,
  type OrderReference,
  type OrderReferenceConfirmation,
  type OrderReferenceConstraint,
  type OrderReferenceReasonCode,
  type OrderReferenceState,
  type SellerOrderAttributes,
} from './order-reference.js';
import { ORDER_REFERENCE_TRANSITIONS } from './order-reference-lifecycle.js';
import type { PaymentAuthentication } from './payment-authentication.js';
import { checkText, minimumAmount, NO_SELECTION, type BuyerSelection } from './v1-contract.js';

/** 180 days from creation to Closed/Expired (spec v1 §2.3). */
export const ORDER_REFERENCE_LIFETIME = 180 * DAY;
/** An order reference takes at most ten captured authorizations (spec v1 §3.1). */
export const MAX_CAPTURED_AUTHORIZATIONS = 10;

const REASON_TEXT = {
  InvalidPaymentMethod: 'There has been a problem with the selected payment method.',
  SellerCanceled: 'The seller canceled the order reference.',
  Stale: 'The order reference was not confirmed within 3 hours.',
  AmazonCanceled: 'Amazon canceled the order reference.',
  Expired: 'The order reference expired 180 days after it was created.',
  MaxAmountCharged: 'The order reference amount plus the allowed tolerance has been captured.',
  MaxAuthorizationsCaptured: 'Ten authorizations of this order reference have been captured.',
  AmazonClosed: 'Amazon closed the order reference.',
  SellerClosed: 'The seller closed the order reference.',
} as const satisfies Record<OrderReferenceReasonCode, string>;

function move(
  oro: OrderReference,
  to: OrderReferenceState,
  reasonCode: OrderReferenceReasonCode | null,
  now: Instant,
  changes: Partial<OrderReference> = {},
  reasonDescription?: string | null,
): OrderReference {
  assertTransition(
    ORDER_REFERENCE_TRANSITIONS,
    'OrderReference',
    oro.id,
    oro.state,
    to,
    'InvalidOrderReferenceStatus',
  );
  return {
    ...oro,
    ...changes,
    state: to,
    reasonCode,
    reasonDescription: reasonDescription ?? (reasonCode === null ? null : REASON_TEXT[reasonCode]),
    lastUpdatedAt: now,
  };
}

const wrongState = (oro: OrderReference, operation: string): DomainError =>
  new DomainError(
    'InvalidOrderReferenceStatus',
    `OrderReference ${oro.id} is in state ${oro.state}; ${operation} is not allowed in that state.`,
  );

export interface NewOrderReferenceInput {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly buyer: BuyerDetails | null;
  readonly parentBillingAgreementId?: string | null;
  readonly selection?: BuyerSelection;
}

/** A Draft order reference: made by the widgets, or by CreateOrderReferenceForId (spec v1 §7.3). */
export function newOrderReference(input: NewOrderReferenceInput, now: Instant): OrderReference {
  return {
    id: input.id,
    merchantId: input.merchantId,
    environment: input.environment,
    region: input.region,
    state: 'Draft',
    reasonCode: null,
    reasonDescription: null,
    createdAt: now,
    lastUpdatedAt: now,
    expiresAt: now + ORDER_REFERENCE_LIFETIME,
    orderTotal: null,
    sellerNote: null,
    platformId: null,
    sellerOrderAttributes: EMPTY_SELLER_ORDER_ATTRIBUTES,
    requestPaymentAuthorization: null,
    paymentServiceProvider: null,
    selection: input.selection ?? { ...NO_SELECTION, buyer: input.buyer },
    simulation: null,
    parentBillingAgreementId: input.parentBillingAgreementId ?? null,
    confirmation: null,
    authentication: null,
    authorizationIds: [],
    capturedTotal: null,
    capturedAuthorizations: 0,
    resumesAt: null,
    suspendedAt: null,
  };
}

/** What Set…Details and SetOrderAttributes may change; undefined leaves a field as it is. */
export interface OrderAttributesPatch {
  readonly orderTotal?: Money | undefined;
  readonly sellerNote?: string | undefined;
  readonly platformId?: string | undefined;
  readonly sellerOrderAttributes?:
    | { readonly [K in keyof SellerOrderAttributes]?: SellerOrderAttributes[K] | undefined }
    | undefined;
  readonly requestPaymentAuthorization?: boolean | undefined;
  readonly paymentServiceProvider?:
    { readonly id: string | null; readonly orderId: string | null } | undefined;
}

function applyPatch(
  oro: OrderReference,
  patch: OrderAttributesPatch,
  now: Instant,
): OrderReference {
  checkText('SellerNote', patch.sellerNote, 'SellerNote');
  checkText('PlatformId', patch.platformId, 'PlatformId');
  const attrs = patch.sellerOrderAttributes;
  checkText('SellerOrderId', attrs?.sellerOrderId, 'SellerOrderAttributes.SellerOrderId');
  checkText('StoreName', attrs?.storeName, 'SellerOrderAttributes.StoreName');
  checkText(
    'CustomInformation',
    attrs?.customInformation,
    'SellerOrderAttributes.CustomInformation',
  );
  checkText(
    'SupplementaryData',
    attrs?.supplementaryData,
    'SellerOrderAttributes.SupplementaryData',
  );
  if (patch.orderTotal !== undefined && patch.orderTotal.minor < minimumAmount(oro))
    throw new DomainError(
      'InvalidParameterValue',
      oro.parentBillingAgreementId === null
        ? 'OrderTotal.Amount must be greater than zero.'
        : 'OrderTotal.Amount must not be negative.',
    );
  const simulation =
    patch.sellerNote === undefined
      ? oro.simulation
      : parseV1Simulation('OrderReference', patch.sellerNote, oro.environment);
  const defined = <T>(value: T | undefined, fallback: T): T =>
    value === undefined ? fallback : value;
  return {
    ...oro,
    orderTotal: defined(patch.orderTotal, oro.orderTotal),
    sellerNote: defined(patch.sellerNote, oro.sellerNote),
    platformId: defined(patch.platformId, oro.platformId),
    sellerOrderAttributes: {
      sellerOrderId: defined(attrs?.sellerOrderId, oro.sellerOrderAttributes.sellerOrderId),
      storeName: defined(attrs?.storeName, oro.sellerOrderAttributes.storeName),
      customInformation: defined(
        attrs?.customInformation,
        oro.sellerOrderAttributes.customInformation,
      ),
      supplementaryData: defined(
        attrs?.supplementaryData,
        oro.sellerOrderAttributes.supplementaryData,
      ),
      orderItemCategories: defined(
        attrs?.orderItemCategories,
        oro.sellerOrderAttributes.orderItemCategories,
      ),
    },
    requestPaymentAuthorization: defined(
      patch.requestPaymentAuthorization,
      oro.requestPaymentAuthorization,
    ),
    paymentServiceProvider: defined(patch.paymentServiceProvider, oro.paymentServiceProvider),
    simulation,
    lastUpdatedAt: now,
  };
}

/** SetOrderReferenceDetails: only while Draft (405 OrderReferenceNotModifiable, spec v1 §2.6). */
export function setOrderReferenceDetails(
  oro: OrderReference,
  patch: OrderAttributesPatch,
  now: Instant,
): OrderReference {
  if (oro.state !== 'Draft')
    throw new DomainError(
      'OrderReferenceNotModifiable',
      `OrderReference ${oro.id} is not in draft state and cannot be modified with the request submitted by you.`,
    );
  return applyPatch(oro, patch, now);
}

/**
 * SetOrderAttributes: everything while Draft; once confirmed, only the seller's own attributes
 * (order id, store name, custom information, note, categories) while Open or Suspended, never
 * the amount or currency (spec v1 §2.6, "typical understanding").
 */
export function setOrderAttributes(
  oro: OrderReference,
  patch: OrderAttributesPatch,
  now: Instant,
): OrderReference {
  if (oro.state === 'Draft') return applyPatch(oro, patch, now);
  if (oro.state !== 'Open' && oro.state !== 'Suspended')
    throw wrongState(oro, 'SetOrderAttributes');
  if (
    patch.orderTotal !== undefined &&
    (oro.orderTotal === null || !equals(patch.orderTotal, oro.orderTotal))
  )
    throw new DomainError(
      'OrderReferenceNotModifiable',
      `OrderReference ${oro.id} is not in draft state: its OrderTotal cannot be changed.`,
    );
  return applyPatch(oro, { ...patch, orderTotal: undefined }, now);
}

/** Why a Draft cannot be confirmed yet (spec v1 §2.3, §5: card 4545 and the Constraint simulation). */
export function constraintsOf(oro: OrderReference): OrderReferenceConstraint[] {
  if (oro.state !== 'Draft' && oro.state !== 'Suspended') return [];
  const found: OrderReferenceConstraint[] = [];
  if (oro.orderTotal === null) found.push('AmountNotSet');
  if (oro.selection.destination === null && oro.parentBillingAgreementId === null)
    found.push('ShippingAddressNotSet');
  if (oro.selection.instrument === null) found.push('PaymentPlanNotSet');
  else if (v1CardBehaviour(oro.selection.instrument) === 'PaymentMethodNotAllowed')
    found.push('PaymentMethodNotAllowed');
  if (oro.simulation?.kind === 'Constraint' && !found.includes('PaymentMethodNotAllowed'))
    found.push('PaymentMethodNotAllowed');
  return found;
}

export const constraintDescription = (c: OrderReferenceConstraint): string =>
  ORDER_REFERENCE_CONSTRAINTS[c];

/** The buyer picked an address in the AddressBook widget (Draft only: the order is not placed yet). */
export function selectAddress(oro: OrderReference, address: Address, now: Instant): OrderReference {
  if (oro.state !== 'Draft') throw wrongState(oro, 'changing the shipping address');
  return { ...oro, selection: { ...oro.selection, destination: address }, lastUpdatedAt: now };
}

/**
 * The buyer picked a payment method in the Wallet widget: in Draft, and again after an abandoned
 * challenge or a decline (Open, Suspended) so the seller can confirm once more (spec v1 §3.1).
 */
export function selectPaymentMethod(
  oro: OrderReference,
  instrument: PaymentInstrument,
  billingAddress: Address | null,
  now: Instant,
): OrderReference {
  if (oro.state !== 'Draft' && oro.state !== 'Open' && oro.state !== 'Suspended')
    throw wrongState(oro, 'changing the payment method');
  return {
    ...oro,
    selection: { ...oro.selection, instrument, billingAddress, instrumentChangedAt: now },
    lastUpdatedAt: now,
  };
}

/** The buyer signed in (or the contract inherits the billing agreement's buyer). */
export const attachBuyer = (
  oro: OrderReference,
  buyer: BuyerDetails,
  now: Instant,
): OrderReference =>
  oro.selection.buyer?.buyerId === buyer.buyerId
    ? oro
    : { ...oro, selection: { ...oro.selection, buyer }, lastUpdatedAt: now };

export interface ConfirmInput {
  readonly successUrl: string | null;
  readonly failureUrl: string | null;
  readonly authorizationAmount: Money | null;
  readonly expectImmediateAuthorization: boolean;
}

/**
 * ConfirmOrderReference (spec v1 §2.6, seed 000): Draft → Open when no constraint remains; a
 * Suspended one only after the buyer picked a new payment method (PaymentMethodNotUpdated); an
 * Open one again while nothing has been authorized and its challenge was not passed (the buyer
 * abandoned it and chose another card). The SCA decision is made by the caller and stored here.
 */
export function confirmOrderReference(
  oro: OrderReference,
  input: ConfirmInput,
  authentication: PaymentAuthentication | null,
  hasAuthorizations: boolean,
  now: Instant,
): OrderReference {
  const reconfirmOpen =
    oro.state === 'Open' && !hasAuthorizations && oro.authentication?.status !== 'Success';
  if (oro.state !== 'Draft' && oro.state !== 'Suspended' && !reconfirmOpen)
    throw wrongState(oro, 'ConfirmOrderReference');
  const constraints = constraintsOf(oro);
  if (constraints.length > 0)
    throw new DomainError(
      'ConstraintsExist',
      `OrderReference ${oro.id} has constraints ${constraints.join(', ')} and cannot be confirmed.`,
    );
  if (oro.state === 'Suspended') {
    const changed = oro.selection.instrumentChangedAt;
    if (changed === null || oro.suspendedAt === null || changed < oro.suspendedAt)
      throw new DomainError(
        'PaymentMethodNotUpdated',
        `The buyer has not selected a new payment method for OrderReference ${oro.id} since it was suspended.`,
      );
  }
  const total = oro.orderTotal;
  if (
    input.authorizationAmount !== null &&
    total !== null &&
    input.authorizationAmount.currency !== total.currency
  )
    throw new DomainError(
      'CurrencyMismatch',
      `AuthorizationAmount must be in ${total.currency}, the OrderTotal's currency.`,
    );
  const confirmation: OrderReferenceConfirmation = {
    successUrl: input.successUrl,
    failureUrl: input.failureUrl,
    authorizationAmount: input.authorizationAmount,
    expectImmediateAuthorization: input.expectImmediateAuthorization,
    confirmedAt: now,
  };
  const changes = { confirmation, authentication, resumesAt: null, suspendedAt: null };
  return oro.state === 'Open'
    ? { ...oro, ...changes, lastUpdatedAt: now }
    : move(oro, 'Open', null, now, changes);
}

/** The amount the buyer authenticates on the hosted page (seed 000: AuthorizationAmount, else OrderTotal). */
export const amountToAuthenticate = (oro: OrderReference): Money | null =>
  oro.confirmation?.authorizationAmount ?? oro.orderTotal;

/** CancelOrderReference: only while nothing is captured (400 InvalidCancelAttempt, spec v1 §2.6). */
export function cancelOrderReference(oro: OrderReference, now: Instant): OrderReference {
  if (oro.state !== 'Draft' && oro.state !== 'Open' && oro.state !== 'Suspended')
    throw wrongState(oro, 'CancelOrderReference');
  if (oro.capturedTotal !== null && oro.capturedTotal.minor > 0)
    throw new DomainError(
      'InvalidCancelAttempt',
      `OrderReference ${oro.id} has captured funds and cannot be canceled; close it instead.`,
    );
  return move(oro, 'Canceled', 'SellerCanceled', now, { resumesAt: null });
}

/** CloseOrderReference from Open or Suspended; a ClosureReason simulation closes it AmazonClosed. */
export function closeOrderReference(
  oro: OrderReference,
  amazonClosed: boolean,
  now: Instant,
): OrderReference {
  if (oro.state !== 'Open' && oro.state !== 'Suspended')
    throw wrongState(oro, 'CloseOrderReference');
  return move(oro, 'Closed', amazonClosed ? 'AmazonClosed' : 'SellerClosed', now, {
    resumesAt: null,
  });
}

/** Authorize needs an Open order reference (405 InvalidOrderReferenceStatus). */
export function requireAuthorizable(oro: OrderReference): void {
  if (oro.state !== 'Open') throw wrongState(oro, 'Authorize');
}

/** The most an order reference may be authorized or captured: its total plus min(15 %, 75). */
export const authorizationCeiling = (oro: OrderReference): Money | null =>
  oro.orderTotal === null ? null : maximumRefundable(oro.orderTotal);

export const recordAuthorizationId = (
  oro: OrderReference,
  id: string,
  now: Instant,
): OrderReference => ({
  ...oro,
  authorizationIds: [...oro.authorizationIds, id],
  lastUpdatedAt: now,
});

/**
 * What a declined authorization does to its order reference (spec v1 §3.1, DOC-EU handle-decline):
 * InvalidPaymentMethod suspends it (a simulation may let the buyer "update" after N minutes),
 * AmazonRejected closes it, TransactionTimedOut and ProcessingFailure leave it Open.
 */
export function applyAuthorizationDecline(
  oro: OrderReference,
  reason: 'InvalidPaymentMethod' | 'AmazonRejected' | 'TransactionTimedOut' | 'ProcessingFailure',
  resumeAfterMinutes: number | null,
  now: Instant,
): OrderReference {
  if (oro.state !== 'Open') return oro;
  switch (reason) {
    case 'InvalidPaymentMethod':
      return move(oro, 'Suspended', 'InvalidPaymentMethod', now, {
        suspendedAt: now,
        resumesAt: resumeAfterMinutes === null ? null : now + resumeAfterMinutes * MINUTE,
      });
    case 'AmazonRejected':
      return move(
        oro,
        'Closed',
        'AmazonClosed',
        now,
        {},
        'Amazon rejected an authorization and closed the order reference.',
      );
    case 'TransactionTimedOut':
    case 'ProcessingFailure':
      return oro;
  }
}

/**
 * A capture completed: the captured total grows; past the total plus its tolerance the order is
 * Closed/MaxAmountCharged, at ten captured authorizations Closed/MaxAuthorizationsCaptured.
 */
export function recordCapture(oro: OrderReference, amount: Money, now: Instant): OrderReference {
  const capturedTotal = add(oro.capturedTotal ?? zero(amount.currency), amount);
  const next = {
    ...oro,
    capturedTotal,
    capturedAuthorizations: oro.capturedAuthorizations + 1,
    lastUpdatedAt: now,
  };
  if (next.state !== 'Open' && next.state !== 'Suspended') return next;
  const ceiling = authorizationCeiling(oro);
  if (ceiling !== null && compare(capturedTotal, ceiling) >= 0)
    return move(next, 'Closed', 'MaxAmountCharged', now, { resumesAt: null });
  if (next.capturedAuthorizations >= MAX_CAPTURED_AUTHORIZATIONS)
    return move(next, 'Closed', 'MaxAuthorizationsCaptured', now, { resumesAt: null });
  return next;
}

/** Captures may not take the order past its total plus the tolerance (TransactionAmountExceeded). */
export function checkCaptureFits(oro: OrderReference, amount: Money): void {
  const ceiling = authorizationCeiling(oro);
  if (ceiling === null) return;
  // A capture in another currency than the order is refused, never waved through (issue 10).
  requireCurrency(amount, ceiling.currency, 'CaptureAmount', `OrderReference ${oro.id}`);
  const already = oro.capturedTotal ?? zero(ceiling.currency);
  if (exceeds(add(already, amount), ceiling))
    throw new DomainError(
      'TransactionAmountExceeded',
      `Captures on OrderReference ${oro.id} may total at most ${formatAmount(ceiling)} ${ceiling.currency}.`,
    );
}

/** The buyer answered the hosted challenge (or a test settled it). */
export const recordAuthentication = (
  oro: OrderReference,
  authentication: PaymentAuthentication,
  now: Instant,
): OrderReference => ({
  ...oro,
  authentication,
  lastUpdatedAt: now,
});

/** The timers (spec v1 §3.1): Stale after 3 h in Draft, Expired at 180 d, simulated resume, immediate-authorization window. */
export function settleOrderReferenceTimers(oro: OrderReference, now: Instant): OrderReference {
  switch (oro.state) {
    case 'Draft':
      return now >= oro.createdAt + 3 * 60 * MINUTE
        ? move(oro, 'Canceled', 'Stale', oro.createdAt + 3 * 60 * MINUTE)
        : oro;
    case 'Open': {
      if (now >= oro.expiresAt) return move(oro, 'Closed', 'Expired', oro.expiresAt);
      const c = oro.confirmation;
      if (
        c?.expectImmediateAuthorization === true &&
        oro.authorizationIds.length === 0 &&
        now >= c.confirmedAt + 60 * MINUTE
      )
        return move(
          oro,
          'Closed',
          'AmazonClosed',
          c.confirmedAt + 60 * MINUTE,
          {},
          'No authorization was requested within 60 minutes of confirmation (ExpectImmediateAuthorization).',
        );
      return oro;
    }
    case 'Suspended':
      if (now >= oro.expiresAt) return move(oro, 'Closed', 'Expired', oro.expiresAt);
      if (oro.resumesAt !== null && now >= oro.resumesAt)
        return move(oro, 'Open', null, oro.resumesAt, {
          resumesAt: null,
          suspendedAt: null,
          selection: { ...oro.selection, instrumentChangedAt: oro.resumesAt },
        });
      return oro;
    case 'Canceled':
    case 'Closed':
      return oro;
  }
}
