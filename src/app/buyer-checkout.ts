import { processCheckout } from '../domain/checkout-session/checkout-processing.js';
import { ledgerCurrencyOf } from '../domain/charge-permission/charge-permission-operations.js';
import { requireCheckoutChallenge } from '../domain/checkout-session/charge-challenge.js';
import {
  associateBuyer,
  cancelCheckoutSession,
  requireReadyForProcessing,
} from '../domain/checkout-session/checkout-session-operations.js';
import {
  constraintsOf,
  type CheckoutSession,
} from '../domain/checkout-session/checkout-session.js';
import type { Merchant } from '../domain/merchant/merchant.js';
import { DomainError, invalidParameter } from '../domain/shared/errors.js';
import { zero } from '../domain/shared/money.js';
import type { TestBuyer } from '../domain/simulation/test-buyers.js';
import { inObjectScope } from './in-object-scope.js';
import { loadCheckoutSession } from './load-aggregates.js';
import type { AppDependencies } from './ports.js';
import { decidePaymentAuthentication } from './sca-authentication.js';

/**
 * The buyer's side of checkout (spec §12.1): sign in as a test buyer, choose an address and a
 * payment method, then come back through `amazonPayRedirectUrl` where the payment is processed.
 * Each step answers where the browser goes next; only URLs registered on the session are used.
 */
export interface BuyerCheckoutView {
  readonly session: CheckoutSession;
  readonly merchant: Merchant;
  readonly buyers: readonly TestBuyer[];
}

const withSessionId = (url: string, sessionId: string): string => {
  const target = new URL(url);
  target.searchParams.set('amazonCheckoutSessionId', sessionId);
  return target.toString();
};

const sessions = (deps: AppDependencies) => ({
  run: <T>(id: string, work: Parameters<typeof inObjectScope<T>>[4]) =>
    inObjectScope(deps, (tx) => tx.checkoutSessions, 'Checkout Session', id, work),
});

export function viewBuyerCheckout(
  deps: AppDependencies,
  sessionId: string,
): Promise<BuyerCheckoutView> {
  return sessions(deps).run(sessionId, async (unit) => ({
    session: await loadCheckoutSession(unit, sessionId),
    merchant: unit.merchant,
    buyers: await unit.tx.testBuyers.listByMerchant(unit.merchant.merchantId),
  }));
}

export interface PaymentMethodChoice {
  readonly buyerId: string;
  readonly addressIndex: number;
  readonly instrumentId: string;
  /** Saved Wallet and Recurring checkouts need the buyer's explicit consent. */
  readonly consentGiven: boolean;
}

export const needsConsent = (session: CheckoutSession): boolean =>
  session.chargePermissionType !== 'OneTime';

/** Where the browser goes once the processing step has run: always the result URL. */
function resultRedirect(session: CheckoutSession): string {
  const url =
    session.webCheckoutDetails.checkoutResultReturnUrl ??
    session.webCheckoutDetails.checkoutReviewReturnUrl;
  if (url === null)
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      'The Checkout Session has no return URL.',
    );
  return withSessionId(url, session.id);
}

/**
 * The buyer chose. ProcessOrder sessions (and sessions that need no review step because only a
 * result URL was given) go straight to processing; the rest go to the merchant's review page.
 */
export function choosePaymentMethod(
  deps: AppDependencies,
  sessionId: string,
  choice: PaymentMethodChoice,
  processingUrl: (sessionId: string) => string,
): Promise<string> {
  return sessions(deps).run(sessionId, async (unit) => {
    const session = await loadCheckoutSession(unit, sessionId);
    const buyer = await unit.tx.testBuyers.find(unit.merchant.merchantId, choice.buyerId);
    if (!buyer) throw invalidParameter('buyer', 'choose one of the listed test buyers.');
    const instrument = buyer.instruments.find((i) => i.instrumentId === choice.instrumentId);
    if (!instrument)
      throw invalidParameter('paymentMethod', "choose one of the buyer's payment methods.");
    const address = buyer.addresses[choice.addressIndex];
    if (!address) throw invalidParameter('address', "choose one of the buyer's addresses.");
    if (needsConsent(session) && !choice.consentGiven)
      throw invalidParameter(
        'consent',
        'the buyer must agree to save the payment method for future charges.',
      );
    const next = associateBuyer(
      session,
      {
        buyer: buyer.details,
        shippingAddress: address,
        billingAddress: address,
        paymentInstrument: instrument,
      },
      unit.now,
    );
    const review = next.webCheckoutDetails.checkoutReviewReturnUrl;
    const skipReview = next.webCheckoutDetails.checkoutMode === 'ProcessOrder' || review === null;
    await unit.tx.checkoutSessions.update(next);
    // Without a review step the buyer goes straight on to processing (and any SCA challenge).
    if (skipReview && constraintsOf(next).length === 0) return processingUrl(next.id);
    if (review !== null) return withSessionId(review, next.id);
    return processingUrl(next.id);
  });
}

/** The buyer backed out: the session is Canceled/BuyerCanceled and the browser goes to the cancel URL. */
export function cancelBuyerCheckout(deps: AppDependencies, sessionId: string): Promise<string> {
  return sessions(deps).run(sessionId, async (unit) => {
    const session = await loadCheckoutSession(unit, sessionId);
    const canceled = cancelCheckoutSession(
      session,
      'BuyerCanceled',
      'The buyer canceled the checkout.',
      unit.now,
    );
    await unit.tx.checkoutSessions.update(canceled);
    const web = canceled.webCheckoutDetails;
    const target =
      web.checkoutCancelUrl ?? web.checkoutReviewReturnUrl ?? web.checkoutResultReturnUrl;
    if (target === null)
      throw new DomainError(
        'InvalidCheckoutSessionStatus',
        'The Checkout Session has no return URL.',
      );
    return withSessionId(target, canceled.id);
  });
}

/** What the processing page does next: send the buyer on, or show the SCA challenge. */
export type ProcessingStep =
  { readonly kind: 'redirect'; readonly url: string } | { readonly kind: 'challenge' };

/**
 * The buyer arrived at `amazonPayRedirectUrl`. First the SCA policy decides, once, whether this
 * checkout needs the buyer to authenticate (PSD2; a Saved Wallet or Recurring checkout sets up a
 * mandate and always does in the EU and UK); if so the challenge is shown, and the payment is
 * processed after it. Otherwise the payment is processed at once and the buyer returns to the
 * result URL.
 */
export function processBuyerCheckout(
  deps: AppDependencies,
  sessionId: string,
): Promise<ProcessingStep> {
  return sessions(deps).run(sessionId, async (unit) => {
    const session = await loadCheckoutSession(unit, sessionId);
    if (session.state !== 'Open' || session.buyerProgress === 'Processed')
      return { kind: 'redirect', url: resultRedirect(session) };
    if (session.challenge?.outcome === 'Pending') return { kind: 'challenge' };
    requireReadyForProcessing(session);
    let next = session;
    if (next.scaDecision == null) {
      const decision = await decidePaymentAuthentication(unit, {
        initiator: next.chargePermissionType === 'OneTime' ? 'CITU' : 'CITR',
        amount: next.paymentDetails.chargeAmount ?? zero(ledgerCurrencyOf(next.region)),
        forced: null,
        setsUpMandate: next.chargePermissionType !== 'OneTime',
        buyerId: next.buyer?.buyerId ?? null,
        instrumentId: next.paymentInstrument?.instrumentId ?? null,
        authenticatedSeriesAmount: null,
      });
      next = { ...next, scaDecision: decision };
      if (decision.outcome === 'Challenge') {
        next = requireCheckoutChallenge(next, unit.random.digits(6), unit.now);
        await unit.tx.checkoutSessions.update(next);
        return { kind: 'challenge' };
      }
    }
    next = processCheckout(next, unit.now);
    await unit.tx.checkoutSessions.update(next);
    return { kind: 'redirect', url: resultRedirect(next) };
  });
}
