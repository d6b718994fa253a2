import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  cancelBuyerCheckout,
  choosePaymentMethod,
  processBuyerCheckout,
  viewBuyerCheckout,
} from '../../app/buyer-checkout.js';
import type { AppDependencies } from '../../app/ports.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { BuyerLinks } from '../buyer-links.js';
import { renderCheckoutStart, renderProblem } from './checkout-start-page.js';
import type { Csrf } from './csrf.js';

export interface PageOptions {
  readonly deps: AppDependencies;
  readonly links: BuyerLinks;
  readonly csrf: Csrf;
}

const field = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

const sessionIdOf = (request: FastifyRequest): string =>
  field(request.query, 'amazonCheckoutSessionId') ??
  field(request.body, 'amazonCheckoutSessionId') ??
  '';

const PROBLEM_STATUS: Partial<Record<DomainError['code'], number>> = { ResourceNotFound: 404 };

/** Domain errors become a readable page; anything else is left to the server's 500 handler. */
function problem(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof DomainError)) throw error;
  return reply
    .code(PROBLEM_STATUS[error.code] ?? 400)
    .type('text/html; charset=utf-8')
    .send(renderProblem("Hmmm...that didn't work", error.message));
}

/** The buyer's checkout pages (spec §12.1): sign-in and choice, cancel, and amazonPayRedirectUrl. */
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
        .type('text/html; charset=utf-8')
        .send(renderProblem('This checkout has ended', `The checkout is ${view.session.state}.`));
    const token = csrf.issue(request, reply, id);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderCheckoutStart(view, token, error));
  };

  app.get('/checkout/start', async (request, reply) => {
    try {
      return await showStart(request, reply, null);
    } catch (error) {
      return problem(reply, error);
    }
  });

  app.post('/checkout/start', async (request, reply) => {
    const id = sessionIdOf(request);
    try {
      csrf.verify(request, id, field(request.body, 'csrf'));
      const [buyerId = '', instrumentId = ''] = (field(request.body, 'choice') ?? '').split('|');
      const target = await choosePaymentMethod(
        deps,
        id,
        {
          buyerId,
          instrumentId,
          addressIndex: Number(field(request.body, 'addressIndex') ?? 0),
          consentGiven: field(request.body, 'consent') === 'yes',
        },
        (sessionId) => links.checkoutProcessing(sessionId),
      );
      return await reply.redirect(target, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'InvalidParameterValue')
        return showStart(request, reply, error.message, 400);
      return problem(reply, error);
    }
  });

  app.post('/checkout/cancel', async (request, reply) => {
    const id = sessionIdOf(request);
    try {
      csrf.verify(request, id, field(request.body, 'csrf'));
      return await reply.redirect(await cancelBuyerCheckout(deps, id), 303);
    } catch (error) {
      return problem(reply, error);
    }
  });

  // amazonPayRedirectUrl: a browser navigation, so the payment is processed on GET, once.
  app.get('/checkout/processing', async (request, reply) => {
    try {
      return await reply.redirect(await processBuyerCheckout(deps, sessionIdOf(request)), 303);
    } catch (error) {
      return problem(reply, error);
    }
  });
}
