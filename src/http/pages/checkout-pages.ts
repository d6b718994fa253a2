import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answerChallenge, viewChallenge } from '../../app/buyer-challenge.js';
import {
  cancelBuyerCheckout,
  choosePaymentMethod,
  processBuyerCheckout,
  viewBuyerCheckout,
} from '../../app/buyer-checkout.js';
import type { AppDependencies } from '../../app/ports.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { BuyerLinks } from '../buyer-links.js';
import { renderChallenge } from './challenge-page.js';
import { renderCheckoutStart, renderProblem } from './checkout-start-page.js';
import type { Csrf } from './csrf.js';
import { formField, problemPage } from './page-helpers.js';

export interface PageOptions {
  readonly deps: AppDependencies;
  readonly links: BuyerLinks;
  readonly csrf: Csrf;
}

const sessionIdOf = (request: FastifyRequest): string =>
  formField(request.query, 'amazonCheckoutSessionId') ??
  formField(request.body, 'amazonCheckoutSessionId') ??
  '';

const HTML = 'text/html; charset=utf-8';

/**
 * The buyer's checkout pages (spec §12.1): sign-in and choice, cancel, and amazonPayRedirectUrl,
 * which processes the payment or, for a charge that needs SCA, shows the challenge (seed 004).
 */
export function checkoutPages(app: FastifyInstance, options: PageOptions): void {
  const { deps, links, csrf } = options;

  const showStart = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error: string | null,
    status = 200,
  ) => {
    const id = sessionIdOf(request);
    const view = await viewBuyerCheckout(deps, id);
    if (view.session.state !== 'Open')
      return reply
        .code(409)
        .type(HTML)
        .send(renderProblem('This checkout has ended', `The checkout is ${view.session.state}.`));
    const token = csrf.issue(request, reply, id);
    return reply
      .code(status)
      .type(HTML)
      .send(renderCheckoutStart(view, token, error));
  };

  app.get('/checkout/start', async (request, reply) => {
    try {
      return await showStart(request, reply, null);
    } catch (error) {
      return problemPage(reply, error);
    }
  });

  app.post('/checkout/start', async (request, reply) => {
    const id = sessionIdOf(request);
    try {
      csrf.verify(request, id, formField(request.body, 'csrf'));
      const [buyerId = '', instrumentId = ''] = (formField(request.body, 'choice') ?? '').split(
        '|',
      );
      const target = await choosePaymentMethod(
        deps,
        id,
        {
          buyerId,
          instrumentId,
          addressIndex: Number(formField(request.body, 'addressIndex') ?? 0),
          consentGiven: formField(request.body, 'consent') === 'yes',
        },
        (sessionId) => links.checkoutProcessing(sessionId),
      );
      return await reply.redirect(target, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'InvalidParameterValue')
        return showStart(request, reply, error.message, 400);
      return problemPage(reply, error);
    }
  });

  app.post('/checkout/cancel', async (request, reply) => {
    const id = sessionIdOf(request);
    try {
      csrf.verify(request, id, formField(request.body, 'csrf'));
      return await reply.redirect(await cancelBuyerCheckout(deps, id), 303);
    } catch (error) {
      return problemPage(reply, error);
    }
  });

  // amazonPayRedirectUrl: a browser navigation. A pending challenge is shown; otherwise the payment
  // is processed (once) and the buyer goes on to the result URL.
  app.get('/checkout/processing', async (request, reply) => {
    const id = sessionIdOf(request);
    try {
      const challenge = await viewChallenge(deps, id);
      if (challenge?.open)
        return await reply
          .type(HTML)
          .send(renderChallenge(challenge, csrf.issue(request, reply, id)));
      if (challenge) return await reply.redirect(challenge.returnUrl, 303);
      return await reply.redirect(await processBuyerCheckout(deps, id), 303);
    } catch (error) {
      return problemPage(reply, error);
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
      return problemPage(reply, error);
    }
  });
}
