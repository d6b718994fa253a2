import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiError } from './amazon-pay-clients.js';
import { field, redirectWith, type ShopContext } from './shop-context.js';

/**
 * Two v2 calls around the orders:
 *
 * - Amazon Sign-in (Amazon Pay "Amazon Sign-in" guide): the home page's Sign in with Amazon button
 *   (checkout.js, productType SignIn) carries a payload the shop signs; Amazon Pay returns the
 *   buyer to /signed-in with a buyerToken, and Get Buyer answers the scoped fields.
 * - Delivery notifications ("Setting up delivery notifications"): when an order ships, Create
 *   Delivery Tracker with its order reference, the carrier and the tracking number.
 */
export const SIGN_IN_SCOPES = ['name', 'email', 'postalCode'] as const;

/** Where Amazon Pay sends the buyer back; must be one of the store's Allowed Return URLs. */
export const signInReturnUrl = (shopUrl: string): string => `${shopUrl}/signed-in`;

/** The signed Sign-in payload for the button. */
export function signInButton(context: ShopContext): { payloadJSON: string; signature: string } {
  const payloadJSON = JSON.stringify({
    signInReturnUrl: signInReturnUrl(context.config.shopUrl),
    storeId: context.config.amazonPay.storeId,
    signInScopes: SIGN_IN_SCOPES,
  });
  return { payloadJSON, signature: context.v2.generateButtonSignature(payloadJSON) };
}

/** A sandbox carrier and a tracking number the shop's (pretend) warehouse would print. */
const CARRIER = 'DHL';
const trackingNumberOf = (orderNumber: string): string =>
  `JD0146000${orderNumber.replace(/\D/g, '')}`;

export function signInAndShippingRoutes(app: FastifyInstance, context: ShopContext): void {
  const { v2, log } = context;

  app.get('/signed-in', async (request: FastifyRequest, reply) => {
    const buyerToken = field(request.query, 'buyerToken');
    if (buyerToken === '') return reply.redirect('/', 303);
    try {
      const buyer = (await v2.getBuyer(buyerToken)).data as {
        buyerId: string;
        name: string | null;
        email: string | null;
      };
      request.session.buyer = {
        buyerId: buyer.buyerId,
        name: buyer.name ?? '',
        email: buyer.email ?? '',
      };
      return await redirectWith(request, reply, '/', {
        kind: 'info',
        key: 'flash.signedIn',
        values: { name: buyer.name ?? '', email: buyer.email ?? '' },
      });
    } catch (error) {
      const failure = apiError(error);
      if (!failure) throw error;
      log(`Get Buyer failed: ${failure.reasonCode} ${failure.message}`);
      return redirectWith(request, reply, '/', { kind: 'error', key: 'error.tryAgain' });
    }
  });

  app.post('/orders/ship', async (request, reply) => {
    const placed = request.session.orders.find((o) => o.number === field(request.body, 'order'));
    if (!placed) return reply.redirect('/', 303);
    if (!placed.shipment) {
      const shipment = { carrierCode: CARRIER, trackingNumber: trackingNumberOf(placed.number) };
      await v2.deliveryTrackers({
        amazonOrderReferenceId: placed.orderReferenceId,
        deliveryDetails: [shipment],
      });
      placed.shipment = shipment;
    }
    return reply.redirect(`/thank-you?order=${placed.number}`, 303);
  });
}
