import type { BuyerCheckoutView } from '../../app/buyer-checkout.js';
import { needsConsent } from '../../app/buyer-checkout.js';
import type { CheckoutSession } from '../../domain/checkout-session/checkout-session.js';
import type { Address } from '../../domain/shared/buyer.js';
import type { TestBuyer } from '../../domain/simulation/test-buyers.js';
import type { MessageKey, Translator } from './i18n/catalogue.js';
import type { Language } from './i18n/languages.js';
import { instrumentLabel } from './instrument-label.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './layout.js';
import { formatMoney } from './page-context.js';

/**
 * The hosted checkout (spec §12.1, issue point 2): the button's page. The buyer is a test buyer
 * (no password), picks an address and a payment method, and, for Saved Wallet or Recurring
 * checkouts, consents to keep the card on file. The same page serves the hosted Update flow of an
 * existing Saved Wallet (spec §12.3): PayAndShip asks for an address too, PayOnly does not need one.
 */
export interface CheckoutStartModel {
  readonly view: BuyerCheckoutView;
  /** The signed-in test buyer (the first one unless the buyer switched). */
  readonly buyer: TestBuyer | undefined;
  readonly csrfToken: string;
  /** The Update flow's current payment method, to show what will change. */
  readonly currentMethod: string | null;
  /** A refused choice to explain, and what the buyer had picked. */
  readonly error: Extract<MessageKey, `checkout.error${string}`> | null;
  readonly picked?: { readonly addressIndex: number; readonly instrumentId: string } | undefined;
}

const isUpdate = (session: CheckoutSession): boolean => session.existingChargePermissionId !== null;

function consentKey(
  session: CheckoutSession,
): 'checkout.consentUpdate' | 'checkout.consentRecurring' | 'checkout.consentSavedWallet' {
  if (isUpdate(session)) return 'checkout.consentUpdate';
  return session.chargePermissionType === 'Recurring'
    ? 'checkout.consentRecurring'
    : 'checkout.consentSavedWallet';
}

const addressLine = (address: Address): string =>
  [
    address.name,
    address.addressLine1,
    address.addressLine2,
    address.addressLine3,
    [address.postalCode, address.city].filter(Boolean).join(' '),
    address.stateOrRegion,
    address.countryCode,
  ]
    .filter((part): part is string => Boolean(part))
    .join(', ');

function buyerSwitcher(t: Translator, model: CheckoutStartModel): SafeHtml | string {
  const { buyers, session } = model.view;
  if (buyers.length < 2) return '';
  return html`<form method="get" action="/checkout/start">
    <input type="hidden" name="amazonCheckoutSessionId" value="${session.id}" />
    <fieldset>
      <legend>${t.text('checkout.buyerLegend')}</legend>
      ${buyers.map(
        (buyer, index) =>
          html`<label
            ><input
              type="radio"
              name="buyerId"
              value="${buyer.details.buyerId}"
              data-testid="buyer-${index}"
              ${buyer === model.buyer ? html` checked` : ''}
            />${buyer.details.name} (${buyer.details.email})</label
          >`,
      )}
      <button type="submit" class="secondary" data-testid="switch-buyer">
        ${t.text('checkout.useBuyer')}
      </button>
    </fieldset>
  </form>`;
}

function choices(t: Translator, model: CheckoutStartModel, buyer: TestBuyer): SafeHtml {
  const { session } = model.view;
  const addressIndex = model.picked?.addressIndex ?? 0;
  const instrumentId = model.picked?.instrumentId ?? buyer.instruments[0]?.instrumentId;
  const legend: MessageKey =
    session.productType === 'PayOnly' ? 'checkout.billingLegend' : 'checkout.shippingLegend';
  return html`<fieldset>
      <legend>${t.text(legend)}</legend>
      ${buyer.addresses.map(
        (address, index) =>
          html`<label
            ><input
              type="radio"
              name="addressIndex"
              value="${index}"
              data-testid="address-${index}"
              ${index === addressIndex ? html` checked` : ''}
            />${addressLine(address)}</label
          >`,
      )}
    </fieldset>
    <fieldset>
      <legend>${t.text('checkout.paymentLegend')}</legend>
      ${buyer.instruments.map(
        (instrument) =>
          html`<label
            ><input
              type="radio"
              name="instrumentId"
              value="${instrument.instrumentId}"
              data-testid="instrument-${instrument.cardEnding}"
              ${instrument.instrumentId === instrumentId ? html` checked` : ''}
            />${instrument.descriptor}${instrumentLabel(t, instrument, session.environment)}</label
          >`,
      )}
    </fieldset>
    ${
      needsConsent(session)
        ? html`<p>
            <label
              ><input
                type="checkbox"
                name="consent"
                value="yes"
                required
                data-testid="consent"
              />${t.text(consentKey(session), { merchant: model.view.merchant.name })}</label
            >
          </p>`
        : ''
    }`;
}

export function renderCheckoutStart(
  t: Translator,
  model: CheckoutStartModel,
  languageHref: (lang: Language) => string,
): string {
  const { session, merchant } = model.view;
  const { buyer } = model;
  const amount = session.paymentDetails.chargeAmount;
  const storeName = session.merchantMetadata.merchantStoreName;
  const note = session.merchantMetadata.noteToBuyer;
  const title = t.text(isUpdate(session) ? 'checkout.updateTitle' : 'checkout.title');
  const body = html`<h1>${title}</h1>
    <p data-testid="merchant">
      ${t.text('checkout.merchant', { merchant: storeName ? `${merchant.name} – ${storeName}` : merchant.name })}
    </p>
    ${amount ? html`<p data-testid="amount">${t.text('checkout.amount', { amount: formatMoney(amount, t.lang) })}</p>` : ''}
    ${note ? html`<p class="note" data-testid="note-to-buyer">${t.text('checkout.noteToBuyer', { note })}</p>` : ''}
    ${model.currentMethod ? html`<p data-testid="current-method">${t.text('checkout.currentMethod', { method: model.currentMethod })}</p>` : ''}
    ${model.error ? html`<p class="error" role="alert" data-testid="error">${t.text(model.error)}</p>` : ''}
    ${buyer ? html`<p data-testid="signed-in-as">${t.text('checkout.signedInAs', { name: buyer.details.name })}</p>` : ''}
    ${buyerSwitcher(t, model)}
    <form method="post" action="/checkout/start">
      <input type="hidden" name="amazonCheckoutSessionId" value="${session.id}" />
      <input type="hidden" name="csrf" value="${model.csrfToken}" />
      <input type="hidden" name="buyerId" value="${buyer?.details.buyerId ?? ''}" />
      ${buyer ? choices(t, model, buyer) : ''}
      <div class="actions">
        <button type="submit" data-testid="continue">${t.text('checkout.continue')}</button>
        <button
          type="submit"
          class="secondary"
          formaction="/checkout/cancel"
          formnovalidate
          data-testid="cancel"
        >
          ${t.text('checkout.cancel')}
        </button>
      </div>
    </form>`;
  return renderPage({ t, title, body, languageHref });
}
