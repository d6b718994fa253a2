import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { connectV1, connectV2 } from './amazon-pay-clients.js';
import { checkoutRoutes } from './checkout-routes.js';
import { isLanguage } from './i18n.js';
import { ipnRoutes } from './ipn-routes.js';
import { savedWalletBilling } from './saved-wallet-billing.js';
import { sessions } from './session.js';
import type { ShopConfig } from './shop-config.js';
import type { ShopContext } from './shop-context.js';
import { signInAndShippingRoutes } from './sign-in-and-shipping.js';
import { subscriptionRoutes } from './subscription-routes.js';
import { SubscriptionStore } from './subscriptions.js';

/**
 * The shop as a Fastify app: sessions, the language switch, the one-off checkout (v1, seed 000),
 * subscriptions (v2, seed 004) and the IPN endpoint.
 */
export interface ShopOptions {
  /** One line per notable event (IPNs, declines); silent by default. */
  readonly log?: (line: string) => void;
}

export async function buildShop(
  config: ShopConfig,
  options: ShopOptions = {},
): Promise<FastifyInstance> {
  const log = options.log ?? (() => undefined);
  // Stopping must not wait for kept-alive connections (browsers, Amazon Pay's IPN deliveries).
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(fastifyCookie, { secret: config.cookieSecret });
  await app.register(fastifyFormbody);
  sessions(app);
  // ?lang=de on any page switches the language for the rest of the visit.
  app.addHook('preHandler', (request, _reply, done) => {
    const lang = (request.query as Record<string, unknown> | undefined)?.lang;
    if (isLanguage(lang)) request.session.language = lang;
    done();
  });
  app.setErrorHandler((error, request, reply) => {
    log(`${request.method} ${request.url} failed: ${String(error)}`);
    return reply.code(500).type('text/plain').send('Something went wrong.');
  });

  const v2 = connectV2(config.amazonPay, config.sandbox);
  const subscriptions = new SubscriptionStore();
  const context: ShopContext = {
    config,
    v2,
    v1: connectV1(config.amazonPay),
    subscriptions,
    billing: savedWalletBilling(v2, subscriptions, log),
    log,
  };
  checkoutRoutes(app, context);
  subscriptionRoutes(app, context);
  signInAndShippingRoutes(app, context);
  ipnRoutes(app, context);
  return app;
}
