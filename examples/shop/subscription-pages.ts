import type { FastifyRequest } from 'fastify';
import { PLANS } from './catalogue.js';
import { amazonPayButton, checkoutJs, type SignedButton } from './amazon-pay-button.js';
import { html, languageOf, page, scriptValue } from './html.js';
import { formatAmount, t, type Language, type MessageKey } from './i18n.js';
import type { ShopConfig } from './shop-config.js';
import { field } from './shop-context.js';
import type { Subscription, SubscriptionStatus, SubscriptionStore } from './subscriptions.js';

/** The pages of the subscriptions (v2, seed 004): the plans, and the buyer's account. */

/** What the buyer reads for each status (nothing while checking out, or after a failed checkout). */
const STATUS_TEXT: Record<SubscriptionStatus, MessageKey | null> = {
  CheckingOut: null,
  Active: 'status.Active',
  PaymentMethodUpdateNeeded: 'status.PaymentMethodUpdateNeeded',
  PaymentRetryLater: 'status.PaymentRetryLater',
  Canceled: 'status.Canceled',
  Failed: null,
};

const CHARGE_TEXT: Readonly<Record<string, MessageKey>> = {
  Captured: 'charge.Captured',
  Declined: 'charge.Declined',
};

const statusText = (lang: Language, status: SubscriptionStatus): string => {
  const key = STATUS_TEXT[status];
  return key ? t(lang, key) : '…';
};

const chargeText = (lang: Language, state: string): string => {
  const key = CHARGE_TEXT[state];
  return key ? t(lang, key) : state;
};

export function plansPage(
  request: FastifyRequest,
  config: ShopConfig,
  buttonFor: (planId: string) => SignedButton,
): string {
  const account = config.amazonPay;
  const lang = languageOf(request);
  const chosen = field(request.query, 'plan');
  const plans = Object.values(PLANS);
  const body = html`<p>${t(lang, 'subs.intro')}</p>
    ${plans.map(
      (plan) =>
        html`<section class="card" data-testid="plan-${plan.id}">
          <h2>${t(lang, plan.name)}${plan.id === chosen ? ' ★' : ''}</h2>
          <p>
            ${t(lang, 'plan.perMonth', { amount: formatAmount(lang, plan.monthly, account.currency) })}
          </p>
          <p>${t(lang, 'subs.subscribe')}:</p>
          <div id="AmazonPayButton-${plan.id}"></div>
        </section>`,
    )}
    ${checkoutJs(account)}
    ${plans.map((plan) =>
      amazonPayButton(account, lang, {
        id: `AmazonPayButton-${plan.id}`,
        productType: 'PayAndShip',
        placement: 'Product',
        signed: buttonFor(plan.id),
      }),
    )}`;
  return page(request, { title: 'subs.title', body });
}

export function accountPage(
  request: FastifyRequest,
  config: ShopConfig,
  subscriptions: SubscriptionStore,
): string {
  const account = config.amazonPay;
  const lang = languageOf(request);
  const mine = request.session.subscriptionIds
    .map((id) => subscriptions.get(id))
    .filter((s): s is Subscription => s !== undefined && s.chargePermissionId !== null)
    .filter((s) => s.status !== 'Failed');
  const money = (amount: string) => formatAmount(lang, amount, account.currency);
  const cards = mine.map(
    (s) =>
      html`<section
        class="card"
        data-testid="subscription"
        data-id="${s.id}"
        data-status="${s.status}"
        data-charge-permission-id="${s.chargePermissionId}"
      >
        <h2>
          ${t(lang, PLANS[s.planId]?.name ?? 'plan.filter')} ·
          ${t(lang, 'plan.perMonth', { amount: money(s.amount) })}
        </h2>
        <p class="status" data-testid="subscription-status">${statusText(lang, s.status)}</p>
        <p>${t(lang, 'account.paymentMethod')}: ${s.paymentDescriptor ?? '—'}</p>
        ${
          s.status === 'PaymentMethodUpdateNeeded'
            ? html`<div class="alert error" role="alert" data-testid="update-needed">
                ${t(lang, 'account.updateNeeded', { amount: money(s.amountDue ?? s.amount) })}
                <a
                  data-testid="update-payment-method"
                  href="${account.buyerPages.walletUpdateUrl(s.chargePermissionId ?? '')}"
                  >${t(lang, 'account.updateLink')}</a
                >
              </div>`
            : ''
        }
        <h3>${t(lang, 'account.payments')}</h3>
        <table>
          ${s.charges.map(
            (c) =>
              html`<tr data-testid="charge" data-state="${c.state}">
                <td>${money(c.amount)}</td>
                <td>${chargeText(lang, c.state)}</td>
                <td>${c.reasonCode ?? ''}</td>
              </tr>`,
          )}
        </table>
        <div class="actions">
          ${
            s.status === 'Active' || s.status === 'PaymentRetryLater'
              ? html`<form method="post" action="/account/renew">
                  <input type="hidden" name="subscription" value="${s.id}" />
                  ${
                    config.sandbox
                      ? html`<label
                          >${t(lang, 'sandbox.title')}
                          <select name="simulation" data-testid="renewal-simulation">
                            <option value="">${t(lang, 'sandbox.none')}</option>
                            ${['SoftDeclined', 'ProcessingFailure', 'HardDeclined'].map((code) => html`<option>${code}</option>`)}
                          </select></label
                        >`
                      : ''
                  }
                  <button data-testid="renew">${t(lang, 'account.renew')}</button>
                </form>`
              : ''
          }
          ${
            s.status !== 'Canceled'
              ? html`<form method="post" action="/account/cancel">
                  <input type="hidden" name="subscription" value="${s.id}" />
                  <button class="secondary" data-testid="cancel-subscription">
                    ${t(lang, 'account.cancel')}
                  </button>
                </form>`
              : ''
          }
        </div>
      </section>`,
  );
  // While the shop waits for Amazon Pay's IPN, the page reloads itself when a status changes.
  const waiting = mine.filter((s) => s.status === 'PaymentMethodUpdateNeeded');
  const watch =
    waiting.length === 0
      ? ''
      : html`<script>
          (function () {
            var ids = ${scriptValue(waiting.map((s) => s.id))};
            setInterval(function () {
              fetch('/account/status', { credentials: 'same-origin' })
                .then(function (r) {
                  return r.json();
                })
                .then(function (statuses) {
                  if (
                    ids.some(function (id) {
                      return statuses[id] !== 'PaymentMethodUpdateNeeded';
                    })
                  )
                    location.reload();
                });
            }, 1000);
          })();
        </script>`;
  const body = html`${mine.length === 0 ? html`<p>${t(lang, 'account.none')}</p>` : cards}${watch}`;
  return page(request, { title: 'account.title', body });
}
