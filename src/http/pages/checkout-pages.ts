import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answerChallenge, viewChallenge } from '../../app/buyer-challenge.js';
import {
  cancelBuyerCheckout,
  choosePaymentMethod,
  needsConsent,
  processBuyerCheckout,
  viewBuyerCheckout,
  type BuyerCheckoutView,
} from '../../app/buyer-checkout.js';
import { viewWallet } from '../../app/buyer-wallet.js';
import type { AppDependencies } from '../../app/ports.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { BuyerLinks } from '../buyer-links.js';
import { challengeModelOf, renderChallenge } from './challenge-page.js';
import { renderCheckoutStart, type CheckoutStartModel } from './checkout-start-page.js';
import type { Csrf } from './csrf.js';
import { formField, problemPage } from './page-helpers.js';
import { pageHref, pageTranslator, sendPage } from './page-context.js';
import { renderProblem } from './problem-page.js';

export interface PageOptions {
  readonly deps: AppDependencies;
  readonly links: BuyerLinks;
  readonly csrf: Csrf;
}

const sessionIdOf = (request: FastifyRequest): string =>
  formField(request.query, 'amazonCheckoutSessionId') ??
  formField(request.body, 'amazonCheckoutSessionId') ??
  '';

/** The signed-in test buyer: the one asked for, else the Saved Wallet's own buyer, else the first. */
function signedInBuyer(view: BuyerCheckoutView, wanted: string | null | undefined) {
  return view.buyers.find((buyer) => buyer.details.buyerId === wanted) ?? view.buyers[0];
}

/**
 * The buyer's checkout pages (spec §12.1): the hosted checkout, cancel, and amazonPayRedirectUrl,
 * which processes the payment or shows the SCA challenge. Every redirect goes to a URL registered
 * on the Checkout Session, chosen by app/; no query parameter or form field names a destination.
 */
export function checkoutPages(app: FastifyInstance, options: PageOptions): void {
  const { deps, links, csrf } = options;

  const showStart = async (
    request: FastifyRequest,
    reply: FastifyReply,
    refused: Pick<CheckoutStartModel, 'error' | 'picked'> & { buyerId?: string | undefined },
  ) => {
    const t = pageTranslator(request, reply);
    const id = sessionIdOf(request);
    const view = await viewBuyerCheckout(deps, id);
    // A session waiting on an SCA challenge is past this page: the buyer answers the challenge.
    if (view.session.state === 'Open' && view.session.challenge !== null)
      return reply.redirect(links.checkoutProcessing(id), 303);
    if (view.session.state !== 'Open')
      return sendPage(
        reply,
        409,
        renderProblem(t, t.text('checkout.endedTitle'), t.text('checkout.endedBody')),
      );
    const walletId = view.session.existingChargePermissionId;
    const wallet = walletId === null ? null : await viewWallet(deps, walletId);
    const asked = refused.buyerId ?? formField(request.query, 'buyerId');
    const buyer = signedInBuyer(view, asked ?? wallet?.permission.buyer?.buyerId);
    const model: CheckoutStartModel = {
      view,
      buyer,
      csrfToken: csrf.issue(request, reply, id),
      currentMethod: wallet?.permission.paymentInstrument?.descriptor ?? null,
      error: refused.error,
      picked: refused.picked,
    };
    const languageHref = (lang: string) =>
      pageHref('/checkout/start', {
        amazonCheckoutSessionId: id,
        buyerId: asked && buyer ? buyer.details.buyerId : null,
        lang,
      });
    return sendPage(reply, refused.error ? 400 : 200, renderCheckoutStart(t, model, languageHref));
  };

  app.get('/checkout/start', async (request, reply) => {
    try {
      return await showStart(request, reply, { error: null });
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  app.post('/checkout/start', async (request, reply) => {
    const id = sessionIdOf(request);
    const body = request.body;
    const buyerId = formField(body, 'buyerId') ?? '';
    const instrumentId = formField(body, 'instrumentId') ?? '';
    const addressIndex = Number(formField(body, 'addressIndex') ?? '0');
    const consentGiven = formField(body, 'consent') === 'yes';
    try {
      csrf.verify(request, id, formField(body, 'csrf'));
      const { session } = await viewBuyerCheckout(deps, id);
      if (session.state === 'Open' && session.challenge !== null)
        return await reply.redirect(links.checkoutProcessing(id), 303);
      const target = await choosePaymentMethod(
        deps,
        id,
        { buyerId, instrumentId, addressIndex, consentGiven },
        (sessionId) => links.checkoutProcessing(sessionId),
      );
      return await reply.redirect(target, 303);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'InvalidParameterValue'))
        return problemPage(request, reply, error);
      try {
        const { session } = await viewBuyerCheckout(deps, id);
        return await showStart(request, reply, {
          error:
            needsConsent(session) && !consentGiven
              ? 'checkout.errorConsent'
              : 'checkout.errorChoice',
          picked: { addressIndex, instrumentId },
          buyerId,
        });
      } catch (again) {
        return problemPage(request, reply, again);
      }
    }
  });

  app.post('/checkout/cancel', async (request, reply) => {
    const id = sessionIdOf(request);
    try {
      csrf.verify(request, id, formField(request.body, 'csrf'));
      return await reply.redirect(await cancelBuyerCheckout(deps, id), 303);
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  // amazonPayRedirectUrl: a browser navigation. A pending challenge is shown; otherwise the payment
  // is processed (once) and the buyer goes on to the result URL.
  app.get('/checkout/processing', async (request, reply) => {
    const id = sessionIdOf(request);
    try {
      const step = await processBuyerCheckout(deps, id);
      if (step.kind === 'redirect') return await reply.redirect(step.url, 303);
      const challenge = await viewChallenge(deps, id);
      if (challenge?.open) {
        const t = pageTranslator(request, reply);
        const model = challengeModelOf(challenge, csrf.issue(request, reply, id));
        const languageHref = (lang: string) =>
          pageHref('/checkout/processing', { amazonCheckoutSessionId: id, lang });
        return sendPage(reply, 200, renderChallenge(t, model, languageHref));
      }
      // The challenge is over (its charge moved on): the buyer goes back to the merchant.
      if (challenge) return await reply.redirect(challenge.returnUrl, 303);
      throw new Error(`Checkout Session ${id} has a challenge that cannot be shown.`);
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  app.post('/checkout/challenge', async (request, reply) => {
    const id = sessionIdOf(request);
    try {
      csrf.verify(request, id, formField(request.body, 'csrf'));
      const abandon = formField(request.body, 'action') === 'abandon';
      const target = await answerChallenge(
        deps,
        id,
        abandon
          ? { kind: 'outcome', outcome: 'Abandoned' }
          : { kind: 'code', code: formField(request.body, 'code') ?? '' },
      );
      return await reply.redirect(target, 303);
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });
}
