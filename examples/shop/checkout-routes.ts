import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  MwsError,
  type AuthorizeResult,
  type CaptureResult,
  type OrderReferenceResult,
  type ValidateBillingAgreementResult,
} from './amazon-pay-clients.js';
import { PRODUCTS } from './catalogue.js';
import {
  addressAndPaymentPage,
  cartPage,
  homePage,
  reviewPage,
  SELLER_NOTE_SIMULATIONS,
} from './checkout-pages.js';
import { html, languageOf, page } from './html.js';
import { formatAmount, t } from './i18n.js';
import type { PendingOrder } from './session.js';
import { signInButton } from './sign-in-and-shipping.js';
import { field, redirectWith, type ShopContext } from './shop-context.js';

/**
 * Seed 000, "Strong Customer Authentication for customer-initiated transactions", as a one-off
 * purchase on the buyer's billing agreement (v1 MWS API, `amazon-payments` client):
 *
 * 1. /cart: the Amazon Pay button (Login with Amazon), or "continue" for a buyer with an agreement.
 * 2. /checkout: AddressBook, Wallet and Consent widgets create the billing agreement;
 *    POST /checkout/continue confirms it and creates a child order reference
 *    (CreateOrderReferenceForId, without ConfirmNow: the buyer is present).
 * 3. /review: Buy now → initConfirmationFlow → POST /place-order: SetOrderAttributes and
 *    ConfirmOrderReference with SuccessUrl, FailureUrl and AuthorizationAmount; 200 or an error.
 * 4. /order-confirmed (SuccessUrl): AuthenticationStatus=Success → ValidateBillingAgreement,
 *    Authorize, Capture. /order-failed (FailureUrl): ErrorCode, or AuthenticationStatus Failure
 *    (cancel, sign out, back to the cart) or Abandoned (choose another payment method).
 */
export function checkoutRoutes(app: FastifyInstance, shop: ShopContext): void {
  const { config, v1, log } = shop;
  const currency = config.amazonPay.currency;
  const html200 = (reply: FastifyReply, body: string) => reply.type('text/html').send(body);

  app.get('/', (request, reply) => html200(reply, homePage(request, config, signInButton(shop))));

  app.post('/cart', (request, reply) => {
    const sku = field(request.body, 'sku');
    if (PRODUCTS[sku]) request.session.cart = { sku };
    return reply.redirect('/cart', 303);
  });

  app.get('/cart', (request, reply) => html200(reply, cartPage(request, config)));

  // Login with Amazon returns here with ?access_token=… (Widgets.js keeps it for the widgets).
  app.get('/checkout', (request, reply) =>
    request.session.cart
      ? html200(reply, addressAndPaymentPage(request, config))
      : reply.redirect('/cart', 303),
  );

  app.post('/checkout/continue', async (request, reply) => {
    const { session } = request;
    const product = PRODUCTS[session.cart?.sku ?? ''];
    if (!product) return reply.redirect('/cart', 303);
    const chosen = field(request.body, 'billingAgreementId');
    if (chosen) {
      try {
        await v1.call('SetBillingAgreementDetails', {
          AmazonBillingAgreementId: chosen,
          BillingAgreementAttributes: {
            SellerNote: 'Localpay Coffee one-click purchases',
            SellerBillingAgreementAttributes: { StoreName: t('en', 'shop.name') },
          },
        });
        // No SuccessUrl: the buyer authenticates on the first purchase's Confirmation Flow,
        // which also authenticates the agreement (ValidateBillingAgreement checks it).
        await v1.call('ConfirmBillingAgreement', { AmazonBillingAgreementId: chosen });
      } catch (error) {
        if (!(error instanceof MwsError)) throw error;
        log(`Billing agreement ${chosen}: ${error.message}`);
        return redirectWith(request, reply, '/cart', { kind: 'error', key: 'checkout.incomplete' });
      }
      session.v1.billingAgreementId = chosen;
    }
    const billingAgreementId = session.v1.billingAgreementId;
    if (!billingAgreementId) return reply.redirect('/cart', 303);
    if (!session.v1.order) {
      // Seed 000: a child order reference, not confirmed now: the buyer is present and the
      // bank may want to authenticate them.
      const created = await v1.call<OrderReferenceResult>('CreateOrderReferenceForId', {
        Id: billingAgreementId,
        IdType: 'BillingAgreement',
        InheritShippingAddress: true,
        ConfirmNow: false,
      });
      session.v1.order = {
        number: `LC-${randomBytes(4).toString('hex').toUpperCase()}`,
        orderReferenceId: created.OrderReferenceDetails.AmazonOrderReferenceId,
        amount: product.price,
        confirmed: false,
        authorizations: 0,
      };
    }
    return reply.redirect('/review', 303);
  });

  app.get('/review', (request, reply) =>
    request.session.v1.order
      ? html200(reply, reviewPage(request, config))
      : reply.redirect('/cart', 303),
  );

  /** "your endpoint" of seed 000's placeOrder: answers 200 only if the order reference is confirmed. */
  app.post('/place-order', async (request, reply) => {
    const order = request.session.v1.order;
    const lang = languageOf(request);
    if (!order) return reply.code(409).send({ message: t(lang, 'review.orderFailed') });
    const amount = { Amount: order.amount, CurrencyCode: currency };
    const simulation = config.sandbox
      ? SELLER_NOTE_SIMULATIONS[field(request.body, 'simulation')]
      : undefined;
    const note = simulation ?? `Localpay Coffee order ${order.number}`;
    try {
      await v1.call('SetOrderAttributes', {
        AmazonOrderReferenceId: order.orderReferenceId,
        // Once confirmed the OrderTotal is fixed; a second confirm (after Abandoned) only
        // refreshes the note (which also clears an earlier simulation).
        OrderAttributes: order.confirmed
          ? { SellerNote: note }
          : {
              OrderTotal: amount,
              SellerNote: note,
              SellerOrderAttributes: {
                SellerOrderId: order.number,
                StoreName: t('en', 'shop.name'),
              },
            },
      });
      await v1.call('ConfirmOrderReference', {
        AmazonOrderReferenceId: order.orderReferenceId,
        SuccessUrl: `${config.shopUrl}/order-confirmed`,
        FailureUrl: `${config.shopUrl}/order-failed`,
        AuthorizationAmount: amount,
      });
    } catch (error) {
      if (!(error instanceof MwsError)) throw error;
      log(`Order ${order.number}: ${error.message}`);
      // Any non-2xx makes the page call confirmationFlow.error().
      return reply.code(409).send({ message: t(lang, 'review.orderFailed'), code: error.code });
    }
    order.confirmed = true;
    return { ok: true };
  });

  /** SuccessUrl: the buyer passed the challenge (or none was needed). */
  app.get('/order-confirmed', async (request, reply) => {
    const { session } = request;
    const order = session.v1.order;
    if (!order) return reply.redirect('/cart', 303);
    // Without a FailureUrl Amazon Pay sends every outcome here: check before charging.
    if (field(request.query, 'AuthenticationStatus') !== 'Success')
      return orderFailed(request, reply, order);
    const validation = await v1.call<ValidateBillingAgreementResult>('ValidateBillingAgreement', {
      AmazonBillingAgreementId: session.v1.billingAgreementId,
    });
    if (validation.ValidationResult !== 'Success') return choosePaymentMethod(request, reply);
    order.authorizations += 1;
    const authorized = await v1.call<AuthorizeResult>('Authorize', {
      AmazonOrderReferenceId: order.orderReferenceId,
      AuthorizationReferenceId: `${order.number}-A${order.authorizations}`,
      AuthorizationAmount: { Amount: order.amount, CurrencyCode: currency },
      TransactionTimeout: 0, // synchronous: Open or Declined now
    });
    const authorization = authorized.AuthorizationDetails;
    const status = authorization.AuthorizationStatus;
    if (status.State !== 'Open') {
      if (status.ReasonCode === 'InvalidPaymentMethod') return choosePaymentMethod(request, reply);
      await cancel(order, `Authorization ${status.ReasonCode ?? status.State}`);
      session.v1.order = null;
      return redirectWith(request, reply, '/cart', { kind: 'error', key: 'error.tryAgain' });
    }
    const captured = await v1.call<CaptureResult>('Capture', {
      AmazonAuthorizationId: authorization.AmazonAuthorizationId,
      CaptureReferenceId: `${order.number}-C${order.authorizations}`,
      CaptureAmount: { Amount: order.amount, CurrencyCode: currency },
    });
    await v1.call('CloseOrderReference', {
      AmazonOrderReferenceId: order.orderReferenceId,
      ClosureReason: 'Paid in full',
    });
    session.orders.push({
      number: order.number,
      amount: order.amount,
      orderReferenceId: order.orderReferenceId,
      captureId: captured.CaptureDetails.AmazonCaptureId,
    });
    session.v1.order = null;
    session.cart = null;
    return reply.redirect(`/thank-you?order=${order.number}`, 303);
  });

  /** FailureUrl. */
  app.get('/order-failed', (request, reply) => {
    const order = request.session.v1.order;
    return order ? orderFailed(request, reply, order) : reply.redirect('/cart', 303);
  });

  async function orderFailed(request: FastifyRequest, reply: FastifyReply, order: PendingOrder) {
    const { session } = request;
    const errorCode = field(request.query, 'ErrorCode');
    if (errorCode) {
      // Seed 000's error codes: all are "check and retry" for the buyer.
      log(`Confirmation Flow of ${order.orderReferenceId}: ErrorCode ${errorCode}`);
      if (errorCode === 'InvalidIdStatus') {
        const details = await v1.call<OrderReferenceResult>('GetOrderReferenceDetails', {
          AmazonOrderReferenceId: order.orderReferenceId,
        });
        const state = details.OrderReferenceDetails.OrderReferenceStatus.State;
        // No longer Open (canceled, closed): the next Continue starts a new order reference.
        if (state !== 'Open' && state !== 'Draft') session.v1.order = null;
        return redirectWith(request, reply, '/cart', { kind: 'error', key: 'error.tryAgain' });
      }
      // InvalidSellerId (check the shop's SellerId configuration), InternalServerError, others.
      return redirectWith(request, reply, '/review', { kind: 'error', key: 'error.tryAgain' });
    }
    const status = field(request.query, 'AuthenticationStatus');
    if (status === 'Failure') {
      // Seed 000: cancel the order reference, sign out of Amazon Pay, back to the cart.
      await cancel(order, 'The buyer failed the SCA challenge');
      session.v1 = { billingAgreementId: null, order: null, signOut: true };
      return redirectWith(request, reply, '/cart', { kind: 'error', key: 'mfa.Failure' });
    }
    if (status === 'Abandoned') return choosePaymentMethod(request, reply);
    return reply.redirect('/review', 303);
  }

  /** Seed 000: Abandoned is handled like an InvalidPaymentMethod decline: choose another card. */
  function choosePaymentMethod(request: FastifyRequest, reply: FastifyReply) {
    return redirectWith(request, reply, '/review', { kind: 'error', key: 'mfa.Abandoned' });
  }

  async function cancel(order: PendingOrder, reason: string): Promise<void> {
    await v1.call('CancelOrderReference', {
      AmazonOrderReferenceId: order.orderReferenceId,
      CancelationReason: reason,
    });
  }

  app.get('/thank-you', (request, reply) => {
    const lang = languageOf(request);
    const placed = request.session.orders.find((o) => o.number === field(request.query, 'order'));
    if (!placed) return reply.redirect('/', 303);
    const shipped = placed.shipment;
    const body = html`<p data-testid="thank-you">
        ${t(lang, 'thanks.body', {
          order: placed.number,
          amount: formatAmount(lang, placed.amount, currency),
        })}
      </p>
      ${
        shipped
          ? html`<p data-testid="shipped">
              ${t(lang, 'thanks.shipped', {
                carrier: shipped.carrierCode,
                tracking: shipped.trackingNumber,
              })}
            </p>`
          : html`<form method="post" action="/orders/ship">
              <input type="hidden" name="order" value="${placed.number}" />
              <button data-testid="ship-order">${t(lang, 'thanks.ship')}</button>
            </form>`
      }`;
    return html200(reply, page(request, { title: 'thanks.title', body }));
  });
}
