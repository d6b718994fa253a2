import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiError, withIdempotencyKey } from './amazon-pay-clients.js';
import { PLANS } from './catalogue.js';
import { languageOf } from './html.js';
import { formatAmount, t } from './i18n.js';
import type { ChargeOutcome } from './saved-wallet-billing.js';
import { field, redirectWith, type ShopContext } from './shop-context.js';
import { accountPage, plansPage } from './subscription-pages.js';
import type { Charge, ChargePermission, CheckoutSession, Subscription } from './subscriptions.js';

/**
 * Seed 004, the buyer's side: a coffee subscription on a Saved Wallet (v2 Checkout API).
 *
 * 1. GET /subscriptions: each plan has an Amazon Pay button (checkout.js) with a signed Saved
 *    Wallet set-up payload; Amazon Pay creates the Checkout Session when the buyer clicks, and
 *    the buyer signs in, picks a card and consents there.
 * 2. GET /subscriptions/wallet-ready: Complete Checkout Session answers the Charge Permission;
 *    charge the first month at once (CITR, the buyer is present).
 * 3. A 202 sends the buyer to amazonPayRedirectUrl; GET /subscriptions/charge-result confirms
 *    with Complete Checkout Session, or restarts the checkout with seed 004's message.
 * 4. /account: renewals (MITR) and their declines, the payment-method update link, cancelling.
 */
export function subscriptionRoutes(app: FastifyInstance, shop: ShopContext): void {
  const { config, v2, subscriptions, billing } = shop;
  const account = config.amazonPay;

  /** The buyer's own subscription named by a form or query field, or undefined. */
  const owned = (request: FastifyRequest, id: string): Subscription | undefined =>
    request.session.subscriptionIds.includes(id) ? subscriptions.get(id) : undefined;

  const amountOf = (request: FastifyRequest, subscription: Subscription): string =>
    formatAmount(languageOf(request), subscription.amount, subscription.currency);

  /** Seed 004: "Redirect the buyer to the start of checkout" with its message. */
  async function restartCheckout(
    request: FastifyRequest,
    reply: FastifyReply,
    subscription: Subscription,
  ): Promise<FastifyReply> {
    if (subscription.chargePermissionId)
      await billing.cancel(subscription, 'The first payment failed; the buyer starts again');
    subscription.status = 'Failed';
    return redirectWith(request, reply, `/subscriptions?plan=${subscription.planId}`, {
      kind: 'error',
      key: 'payment.notSuccessful',
    });
  }

  /** Where the buyer goes after a Create Charge made while they are on the site. */
  async function afterFirstCharge(
    request: FastifyRequest,
    reply: FastifyReply,
    subscription: Subscription,
    outcome: ChargeOutcome,
  ): Promise<FastifyReply> {
    switch (outcome.kind) {
      case 'Paid':
        return redirectWith(request, reply, '/account', {
          kind: 'info',
          key: 'flash.subscribed',
          values: { amount: amountOf(request, subscription) },
        });
      case 'BuyerActionRequired':
        // 202: Amazon Pay shows the issuer's challenge, then returns to charge-result.
        return reply.redirect(outcome.amazonPayRedirectUrl, 303);
      case 'PaymentMethodUpdateNeeded':
        return reply.redirect('/account', 303);
      case 'Declined':
        return restartCheckout(request, reply, subscription);
    }
  }

  /**
   * Step 1, the Amazon Pay button (checkout.js): the shop signs a Saved Wallet set-up payload
   * (PaymentMethodOnFile, setupOnly: no payment now, the buyer agrees to future charges) with the
   * SDK's generateButtonSignature; the click takes the buyer to Amazon Pay with it.
   */
  const buttonFor = (request: FastifyRequest) => (planId: string) => {
    const plan = PLANS[planId];
    const lang = languageOf(request);
    const payloadJSON = JSON.stringify({
      webCheckoutDetails: {
        checkoutResultReturnUrl: `${config.shopUrl}/subscriptions/wallet-ready?plan=${planId}`,
        checkoutCancelUrl: `${config.shopUrl}/subscriptions?plan=${planId}`,
      },
      storeId: account.storeId,
      chargePermissionType: 'PaymentMethodOnFile',
      paymentMethodOnFileMetadata: { setupOnly: true },
      paymentDetails: { paymentIntent: 'Confirm' },
      merchantMetadata: {
        merchantStoreName: t('en', 'shop.name'),
        noteToBuyer: plan
          ? `${t(lang, plan.name)}: ${t(lang, 'plan.perMonth', { amount: formatAmount(lang, plan.monthly, account.currency) })}`
          : null,
      },
    });
    return { payloadJSON, signature: v2.generateButtonSignature(payloadJSON) };
  };

  app.get('/subscriptions', (request, reply) =>
    reply.type('text/html').send(plansPage(request, config, buttonFor(request))),
  );

  app.get('/subscriptions/wallet-ready', async (request, reply) => {
    const plan = PLANS[field(request.query, 'plan')];
    const sessionId = field(request.query, 'amazonCheckoutSessionId');
    if (!plan || sessionId === '') return reply.redirect('/subscriptions', 303);
    // A reload of this page: the checkout already belongs to one of the buyer's subscriptions.
    const known = request.session.subscriptionIds
      .map((id) => subscriptions.get(id))
      .find((s) => s?.checkoutSessionId === sessionId);
    if (known) return reply.redirect(known.chargePermissionId ? '/account' : '/subscriptions', 303);
    const subscription = subscriptions.create(plan.id, plan.monthly, account.currency);
    request.session.subscriptionIds.push(subscription.id);
    subscription.checkoutSessionId = sessionId;
    try {
      const completed = await v2.completeCheckoutSession(sessionId, {}, withIdempotencyKey());
      subscription.chargePermissionId = (
        completed.data as unknown as CheckoutSession
      ).chargePermissionId;
    } catch (error) {
      if (!apiError(error)) throw error;
      // The buyer failed the set-up challenge or the payment method was declined.
      return restartCheckout(request, reply, subscription);
    }
    const permission = (await v2.getChargePermission(subscription.chargePermissionId ?? ''))
      .data as unknown as ChargePermission;
    subscription.paymentDescriptor = permission.paymentPreferences?.[0]?.paymentDescriptor ?? null;
    // The first month, while the buyer is here: customer-initiated, first of a series (CITR).
    const outcome = await billing.charge(subscription, {
      initiator: 'CITR',
      checkoutResultReturnUrl: `${config.shopUrl}/subscriptions/charge-result?subscription=${subscription.id}`,
    });
    return afterFirstCharge(request, reply, subscription, outcome);
  });

  app.get('/subscriptions/charge-result', async (request, reply) => {
    const subscription = owned(request, field(request.query, 'subscription'));
    if (!subscription) return reply.redirect('/subscriptions', 303);
    if (subscription.status !== 'CheckingOut') return reply.redirect('/account', 303);
    let chargeId: string;
    try {
      // Seed 004: Amazon Pay finalizes the charge only once the shop confirms the return.
      const completed = await v2.completeCheckoutSession(
        field(request.query, 'amazonCheckoutSessionId'),
        { chargeAmount: { amount: subscription.amount, currencyCode: subscription.currency } },
        withIdempotencyKey(),
      );
      chargeId = (completed.data as unknown as CheckoutSession).chargeId ?? '';
    } catch (error) {
      if (!apiError(error)) throw error;
      // Failed or abandoned challenge: seed 004's message, and back to the start of checkout.
      return restartCheckout(request, reply, subscription);
    }
    await billing.onCharge((await v2.getCharge(chargeId)).data as unknown as Charge);
    subscription.status = 'Active';
    return redirectWith(request, reply, '/account', {
      kind: 'info',
      key: 'flash.subscribed',
      values: { amount: amountOf(request, subscription) },
    });
  });

  app.get('/account', (request, reply) =>
    reply.type('text/html').send(accountPage(request, config, subscriptions)),
  );

  app.get('/account/status', (request) =>
    Object.fromEntries(
      request.session.subscriptionIds.map((id) => [id, subscriptions.get(id)?.status ?? null]),
    ),
  );

  app.post('/account/renew', async (request, reply) => {
    const subscription = owned(request, field(request.body, 'subscription'));
    if (!subscription || !['Active', 'PaymentRetryLater'].includes(subscription.status))
      return reply.redirect('/account', 303);
    // A real shop runs renewals from a scheduler, once a month: merchant-initiated (MITR).
    const simulation = config.sandbox ? field(request.body, 'simulation') : '';
    const outcome = await billing.charge(subscription, {
      initiator: 'MITR',
      ...(simulation ? { simulationCode: simulation } : {}),
    });
    if (outcome.kind === 'Paid')
      return redirectWith(request, reply, '/account', {
        kind: 'info',
        key: 'flash.renewed',
        values: { amount: amountOf(request, subscription) },
      });
    if (outcome.kind === 'Declined')
      return redirectWith(request, reply, '/account', {
        kind: 'error',
        key: 'flash.renewalFailed',
      });
    return reply.redirect('/account', 303); // HardDeclined: the page shows the update link
  });

  app.post('/account/cancel', async (request, reply) => {
    const subscription = owned(request, field(request.body, 'subscription'));
    if (!subscription?.chargePermissionId || subscription.status === 'Canceled')
      return reply.redirect('/account', 303);
    // Seed 004: Close Charge Permission when the buyer cancels; no more charges on it.
    await billing.cancel(subscription, 'Subscription canceled by the buyer');
    return redirectWith(request, reply, '/account', { kind: 'info', key: 'flash.canceled' });
  });
}
