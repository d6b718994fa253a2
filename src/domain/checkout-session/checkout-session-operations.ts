import type { Address, BuyerDetails, PaymentInstrument } from '../shared/buyer.js';
import { checkMaximumAmount } from '../shared/amount-maximum.js';
import { checkCreateOnlyFields, checkLedgerCurrency } from './checkout-currency.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import { DomainError, invalidParameter, missingParameter } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import {
  EMPTY_MERCHANT_METADATA,
  mergeMerchantMetadata,
  type MerchantMetadataPatch,
} from '../shared/merchant-metadata.js';
import { equals, formatAmount, type CurrencyCode, type Money } from '../shared/money.js';
import { DAY, type Instant } from '../shared/time.js';
import { validateReturnUrl, type SandboxHttpHosts } from '../shared/urls.js';
import {
  constraintsOf,
  isSetupOnly,
  type ChargePermissionType,
  type CheckoutSession,
  type CheckoutSessionCancelReason,
  type PaymentDetails,
  type PaymentIntent,
  type ProductType,
  type RecurringMetadata,
  type Scope,
  type WebCheckoutDetails,
} from './checkout-session.js';
import { CHECKOUT_SESSION_TRANSITIONS } from './checkout-session-lifecycle.js';

/** Open sessions expire 24 hours after creation (spec §7.1). */
export const CHECKOUT_SESSION_LIFETIME = DAY;

/** softDescriptor: at most 16 characters (spec §5.3). */
export const MAX_SOFT_DESCRIPTOR = 16;

type Patch<T> = { readonly [K in keyof T]?: T[K] | undefined };

export interface CheckoutSessionChanges {
  readonly webCheckoutDetails?: Patch<WebCheckoutDetails> | undefined;
  readonly paymentDetails?: Patch<PaymentDetails> | undefined;
  readonly chargePermissionType?: ChargePermissionType | undefined;
  readonly recurringMetadata?: RecurringMetadata | null | undefined;
  readonly merchantMetadata?: MerchantMetadataPatch | undefined;
  readonly platformId?: string | null | undefined;
  readonly providerReferenceId?: string | null | undefined;
  readonly supplementaryData?: string | null | undefined;
}

export interface CreateCheckoutSessionInput extends CheckoutSessionChanges {
  readonly storeId: string;
  readonly productType?: ProductType | undefined;
  readonly paymentMethodOnFileMetadata?: { readonly setupOnly: boolean } | undefined;
  readonly scopes?: readonly Scope[] | undefined;
  readonly deliverySpecifications?: unknown;
  readonly addressDetails?: Address | undefined;
  readonly chargePermissionId?: string | undefined;
}

export interface NewCheckoutSessionContext {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly now: Instant;
  /** Which hosts may use plain http return URLs in Sandbox (urls.ts). */
  readonly sandboxHttp?: SandboxHttpHosts | undefined;
}

const EMPTY_PAYMENT_DETAILS: PaymentDetails = {
  paymentIntent: null,
  canHandlePendingAuthorization: false,
  chargeAmount: null,
  totalOrderAmount: null,
  softDescriptor: null,
  presentmentCurrency: null,
  allowOvercharge: false,
  extendExpiration: false,
};

const EMPTY_WEB_CHECKOUT_DETAILS: WebCheckoutDetails = {
  checkoutReviewReturnUrl: null,
  checkoutResultReturnUrl: null,
  checkoutCancelUrl: null,
  checkoutMode: null,
};

/** Copies the keys that were sent (even as null) and keeps the rest: PATCH merge semantics. */
function merge<T extends object>(current: T, patch: Patch<T> | undefined): T {
  if (!patch) return current;
  const next = { ...current } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) next[key] = value;
  return next as T;
}

function checkWebCheckoutDetails(
  details: WebCheckoutDetails,
  environment: ReleaseEnvironment,
  sandboxHttp: SandboxHttpHosts,
): void {
  const urls = ['checkoutReviewReturnUrl', 'checkoutResultReturnUrl', 'checkoutCancelUrl'] as const;
  for (const key of urls) {
    const value = details[key];
    if (value !== null)
      validateReturnUrl(value, `webCheckoutDetails.${key}`, environment, sandboxHttp);
  }
}

function checkPaymentDetails(details: PaymentDetails, presentment: CurrencyCode | null): void {
  const { chargeAmount, totalOrderAmount, softDescriptor, paymentIntent } = details;
  if (softDescriptor !== null) {
    if (softDescriptor.length > MAX_SOFT_DESCRIPTOR)
      throw invalidParameter(
        'paymentDetails.softDescriptor',
        `it is longer than ${MAX_SOFT_DESCRIPTOR} characters.`,
      );
    if (paymentIntent !== null && paymentIntent !== 'AuthorizeWithCapture')
      throw new DomainError(
        'InvalidParameterCombination',
        'paymentDetails.softDescriptor can only be used with paymentIntent AuthorizeWithCapture.',
      );
  }
  if (chargeAmount) checkMaximumAmount('paymentDetails.chargeAmount', chargeAmount);
  if (chargeAmount && totalOrderAmount && chargeAmount.currency !== totalOrderAmount.currency)
    throw new DomainError(
      'CurrencyMismatch',
      'chargeAmount and totalOrderAmount use different currencies.',
    );
  if (chargeAmount && totalOrderAmount && chargeAmount.minor > totalOrderAmount.minor)
    throw invalidParameter('paymentDetails.chargeAmount', 'it is larger than totalOrderAmount.');
  if (presentment !== null && chargeAmount && chargeAmount.currency !== presentment)
    throw new DomainError('CurrencyMismatch', 'chargeAmount does not use the presentmentCurrency.');
  if (presentment !== null && totalOrderAmount && totalOrderAmount.currency !== presentment)
    throw new DomainError(
      'CurrencyMismatch',
      'totalOrderAmount does not use the presentmentCurrency.',
    );
}

/**
 * Update Checkout Session's chargeAmount sets the buyer's currency: "If the currency value is
 * different from the presentmentCurrency previously set, it will also automatically update the
 * presentmentCurrency" (Amazon Pay "Multi-currency integration", step 2). That steers which
 * payment instruments the buyer may choose, so it holds until a buyer has chosen one; after that
 * (and on Finalize) the currency stays, and another one is CurrencyMismatch.
 */
function followChargeCurrency(
  session: CheckoutSession,
  patch: CheckoutSessionChanges['paymentDetails'],
): PaymentDetails {
  const current = session.paymentDetails;
  const merged = merge(current, patch);
  const amount = patch?.chargeAmount;
  if (
    amount == null ||
    current.presentmentCurrency === null ||
    patch?.presentmentCurrency != null ||
    session.buyerProgress !== 'NotAssociated'
  )
    return merged;
  return { ...merged, presentmentCurrency: amount.currency };
}

/** The shape checks, with the Sandbox http leniency the caller runs under (urls.ts). */
const shapeChecker =
  (sandboxHttp: SandboxHttpHosts = 'localhost') =>
  (session: CheckoutSession): CheckoutSession =>
    checkShape(session, sandboxHttp);

function checkShape(session: CheckoutSession, sandboxHttp: SandboxHttpHosts): CheckoutSession {
  checkWebCheckoutDetails(session.webCheckoutDetails, session.environment, sandboxHttp);
  checkLedgerCurrency(session);
  checkPaymentDetails(session.paymentDetails, session.paymentDetails.presentmentCurrency);
  if (session.paymentMethodOnFileMetadata && session.chargePermissionType !== 'PaymentMethodOnFile')
    throw new DomainError(
      'InvalidParameterCombination',
      'paymentMethodOnFileMetadata can only be used with chargePermissionType PaymentMethodOnFile.',
    );
  if (
    session.existingChargePermissionId !== null &&
    session.chargePermissionType !== 'PaymentMethodOnFile'
  )
    throw new DomainError(
      'InvalidParameterCombination',
      'chargePermissionId (the hosted Update flow) needs chargePermissionType PaymentMethodOnFile.',
    );
  if (session.webCheckoutDetails.checkoutMode === 'ProcessOrder') {
    if (session.paymentDetails.paymentIntent === null)
      throw missingParameter('paymentDetails.paymentIntent');
    if (session.productType === 'PayAndShip' && session.addressDetails === null)
      throw missingParameter('addressDetails');
  }
  return session;
}

export function newCheckoutSession(
  input: CreateCheckoutSessionInput,
  context: NewCheckoutSessionContext,
): CheckoutSession {
  const web = merge(EMPTY_WEB_CHECKOUT_DETAILS, input.webCheckoutDetails);
  if (web.checkoutReviewReturnUrl === null && web.checkoutResultReturnUrl === null)
    throw missingParameter('webCheckoutDetails.checkoutReviewReturnUrl');
  return shapeChecker(context.sandboxHttp)({
    id: context.id,
    merchantId: context.merchantId,
    environment: context.environment,
    region: context.region,
    storeId: input.storeId,
    webCheckoutDetails: web,
    productType: input.productType ?? 'PayAndShip',
    paymentDetails: merge(EMPTY_PAYMENT_DETAILS, input.paymentDetails),
    chargePermissionType: input.chargePermissionType ?? 'OneTime',
    recurringMetadata: input.recurringMetadata ?? null,
    paymentMethodOnFileMetadata: input.paymentMethodOnFileMetadata ?? null,
    merchantMetadata: mergeMerchantMetadata(EMPTY_MERCHANT_METADATA, input.merchantMetadata),
    platformId: input.platformId ?? null,
    providerReferenceId: input.providerReferenceId ?? null,
    supplementaryData: input.supplementaryData ?? null,
    scopes: input.scopes ?? null,
    deliverySpecifications: input.deliverySpecifications ?? null,
    addressDetails: input.addressDetails ?? null,
    existingChargePermissionId: input.chargePermissionId ?? null,
    simulation: null,
    challenge: null,
    buyer: null,
    shippingAddress: null,
    billingAddress: null,
    paymentInstrument: null,
    buyerProgress: 'NotAssociated',
    state: 'Open',
    reasonCode: null,
    reasonDescription: null,
    lastUpdatedAt: context.now,
    chargePermissionId: null,
    chargeId: null,
    createdAt: context.now,
    expiresAt: context.now + CHECKOUT_SESSION_LIFETIME,
  });
}

function requireOpen(session: CheckoutSession, operation: string): void {
  if (session.state !== 'Open')
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      `The Checkout Session ${session.id} is ${session.state}; ${operation} needs it to be Open.`,
    );
}

/** Update Checkout Session: merge semantics, only while Open (spec §8.3). */
export function updateCheckoutSession(
  session: CheckoutSession,
  changes: CheckoutSessionChanges,
  now: Instant,
  sandboxHttp: SandboxHttpHosts = 'localhost',
): CheckoutSession {
  requireOpen(session, 'Update Checkout Session');
  if (session.buyerProgress === 'Processed')
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      `The Checkout Session ${session.id} has already been processed; call Complete Checkout Session.`,
    );
  checkCreateOnlyFields(session.paymentDetails, changes.paymentDetails);
  return shapeChecker(sandboxHttp)({
    ...session,
    webCheckoutDetails: merge(session.webCheckoutDetails, changes.webCheckoutDetails),
    paymentDetails: followChargeCurrency(session, changes.paymentDetails),
    chargePermissionType: changes.chargePermissionType ?? session.chargePermissionType,
    recurringMetadata:
      changes.recurringMetadata === undefined
        ? session.recurringMetadata
        : changes.recurringMetadata,
    merchantMetadata: mergeMerchantMetadata(session.merchantMetadata, changes.merchantMetadata),
    platformId: changes.platformId === undefined ? session.platformId : changes.platformId,
    providerReferenceId:
      changes.providerReferenceId === undefined
        ? session.providerReferenceId
        : changes.providerReferenceId,
    supplementaryData:
      changes.supplementaryData === undefined
        ? session.supplementaryData
        : changes.supplementaryData,
    lastUpdatedAt: now,
  });
}

export interface BuyerSelection {
  readonly buyer: BuyerDetails;
  readonly shippingAddress: Address | null;
  readonly billingAddress: Address | null;
  readonly paymentInstrument: PaymentInstrument;
}

/** The buyer signed in on the hosted page and chose an address and a payment method. */
export function associateBuyer(
  session: CheckoutSession,
  selection: BuyerSelection,
  now: Instant,
): CheckoutSession {
  requireOpen(session, 'choosing a payment method');
  if (session.buyerProgress === 'Processed')
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      `The Checkout Session ${session.id} was already processed.`,
    );
  // Once the issuer asked for authentication, the card being authenticated cannot be swapped.
  if (session.challenge !== null)
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      `The Checkout Session ${session.id} is waiting for the buyer's authentication.`,
    );
  const shipping = session.productType === 'PayOnly' ? null : selection.shippingAddress;
  return {
    ...session,
    buyer: selection.buyer,
    shippingAddress: shipping,
    billingAddress: selection.billingAddress,
    paymentInstrument: selection.paymentInstrument,
    buyerProgress: 'Associated',
    lastUpdatedAt: now,
  };
}

export function cancelCheckoutSession(
  session: CheckoutSession,
  reason: CheckoutSessionCancelReason,
  description: string,
  now: Instant,
): CheckoutSession {
  assertTransition(
    CHECKOUT_SESSION_TRANSITIONS,
    'Checkout Session',
    session.id,
    session.state,
    'Canceled',
    'InvalidCheckoutSessionStatus',
  );
  return {
    ...session,
    state: 'Canceled',
    reasonCode: reason,
    reasonDescription: description,
    lastUpdatedAt: now,
  };
}

/** The timer: an Open session is canceled 24 h after creation (spec §7.1). */
export function expireCheckoutSession(session: CheckoutSession, now: Instant): CheckoutSession {
  if (session.state !== 'Open' || now < session.expiresAt) return session;
  return cancelCheckoutSession(
    session,
    'Expired',
    'The Checkout Session expired.',
    session.expiresAt,
  );
}

/** The buyer reached `amazonPayRedirectUrl`; processing needs every constraint satisfied. */
export function requireReadyForProcessing(session: CheckoutSession): void {
  requireOpen(session, 'processing');
  const blocking = constraintsOf(session);
  if (blocking.length > 0)
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      `The Checkout Session ${session.id} cannot be processed yet: ${blocking.map((c) => c.constraintId).join(', ')}.`,
    );
}

export const markProcessed = (session: CheckoutSession, now: Instant): CheckoutSession => ({
  ...session,
  buyerProgress: 'Processed',
  lastUpdatedAt: now,
});

export interface CompleteCheckoutSessionInput {
  readonly chargeAmount?: Money | undefined;
  readonly totalOrderAmount?: Money | undefined;
}

/**
 * Checks a Complete Checkout Session request against the session (spec §8.4, §7.2) and answers
 * what must be created. The caller creates the charge permission (and charge) and then calls
 * `markCompleted`.
 */
export function checkCompletion(
  session: CheckoutSession,
  input: CompleteCheckoutSessionInput,
): void {
  // An expired session is in a state where Complete is not allowed (Amazon Checkout Session page,
  // InvalidCheckoutSessionStatus); a declined or buyer-canceled checkout is CheckoutSessionCanceled.
  if (session.state === 'Canceled' && session.reasonCode === 'Expired')
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      `The Checkout Session ${session.id} expired (Canceled/Expired, 24 hours after creation); it cannot be completed.`,
    );
  if (session.state === 'Canceled')
    throw new DomainError(
      'CheckoutSessionCanceled',
      `The Checkout Session ${session.id} was canceled (${session.reasonCode ?? 'unknown'}). Get the Checkout Session for details.`,
    );
  requireOpen(session, 'Complete Checkout Session');
  if (session.buyerProgress !== 'Processed')
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      `The buyer has not returned from amazonPayRedirectUrl for Checkout Session ${session.id} yet.`,
    );
  const expected = session.paymentDetails.chargeAmount;
  if (expected !== null && !isSetupOnly(session)) {
    // A challenge session only confirms the buyer's return (seed 004); its amount is optional.
    if (input.chargeAmount === undefined) {
      if (session.challenge !== null) return;
      throw missingParameter('chargeAmount');
    }
    if (!equals(input.chargeAmount, expected))
      throw new DomainError(
        'AmountMismatch',
        `chargeAmount ${formatAmount(input.chargeAmount)} ${input.chargeAmount.currency} does not match the Checkout Session's ${formatAmount(expected)} ${expected.currency}.`,
      );
  }
  const total = session.paymentDetails.totalOrderAmount;
  if (total === null) return;
  // "You must also specify totalOrderAmount if one was provided for the Checkout Session" (Amazon
  // Complete Checkout Session, checkout-session.html; spec §7.2).
  if (input.totalOrderAmount === undefined) throw missingParameter('totalOrderAmount');
  if (!equals(input.totalOrderAmount, total))
    throw new DomainError(
      'AmountMismatch',
      'totalOrderAmount does not match the Checkout Session.',
    );
}

export function markCompleted(
  session: CheckoutSession,
  chargePermissionId: string,
  chargeId: string | null,
  now: Instant,
): CheckoutSession {
  assertTransition(
    CHECKOUT_SESSION_TRANSITIONS,
    'Checkout Session',
    session.id,
    session.state,
    'Completed',
    'InvalidCheckoutSessionStatus',
  );
  return { ...session, state: 'Completed', chargePermissionId, chargeId, lastUpdatedAt: now };
}

/** The payment the session asks for once completed: none for Confirm (spec §4.1). */
export const chargeIntentOf = (
  session: CheckoutSession,
): Exclude<PaymentIntent, 'Confirm'> | null =>
  session.paymentDetails.paymentIntent === 'Confirm' ? null : session.paymentDetails.paymentIntent;
