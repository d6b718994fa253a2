import type { FastifyRequest } from 'fastify';
import { GRINDER, PRODUCTS } from './catalogue.js';
import { html, js, languageOf, page, scriptValue, type Html } from './html.js';
import { formatAmount, t } from './i18n.js';
import { amazonPayButton, checkoutJs, type SignedButton } from './amazon-pay-button.js';
import type { ShopConfig } from './shop-config.js';

/**
 * The pages of the one-off purchase (v1, seed 000): cart, address and payment choice, review with
 * the Buy now button. Amazon Pay's Widgets.js draws the button and the widgets into the divs.
 */
const SCOPE = 'profile payments:widget payments:shipping_address';

/** Sandbox SellerNote simulations of seed 000 ("Testing payment authentications"), plus localpay's. */
export const SELLER_NOTE_SIMULATIONS: Readonly<Record<string, string>> = {
  Failure: '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":"Failure"}}}',
  Abandoned: '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":"Abandoned"}}}',
  InternalServerError:
    '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"ErrorCode":"InternalServerError"}}}',
};

/**
 * Widgets.js calls window.onAmazonLoginReady and window.onAmazonPaymentsReady once it has loaded,
 * so both are defined first and the script tag comes last.
 */
function widgets(config: ShopConfig, onPaymentsReady: Html, signOut = false): Html {
  return html`<script>
      window.onAmazonLoginReady = function () {
        amazon.Login.setClientId(${scriptValue(config.amazonPay.storeId)});
        amazon.Login.setUseCookie(true);
        // Seed 000, AuthenticationStatus=Failure: sign the buyer out of Amazon Pay.
        if (${scriptValue(signOut)}) amazon.Login.logout();
      };
      window.onAmazonPaymentsReady = function () {
        var sellerId = ${scriptValue(config.amazonPay.merchantId)};
        ${onPaymentsReady};
      };
    </script>
    <script async src="${config.amazonPay.v1.widgetsJsUrl}"></script>`;
}

/** The shop front: the grinder (v1, seed 000) and a link to the subscriptions (v2, seed 004). */
export function homePage(
  request: FastifyRequest,
  config: ShopConfig,
  signIn: SignedButton,
): string {
  const lang = languageOf(request);
  const account = config.amazonPay;
  const buyer = request.session.buyer;
  const body = html`${
      buyer
        ? html`<p data-testid="signed-in-buyer">${buyer.name} (${buyer.email})</p>`
        : html`<section class="card" data-testid="amazon-sign-in">
            <p>${t(lang, 'home.signIn')}</p>
            <div id="AmazonSignInButton"></div>
            ${checkoutJs(account)}
            ${amazonPayButton(account, lang, {
              id: 'AmazonSignInButton',
              productType: 'SignIn',
              placement: 'Home',
              signed: signIn,
            })}
          </section>`
    }
    <h2>${t(lang, 'home.oneOff')}</h2>
    <section class="card" data-testid="product-grinder">
      <p>
        ${t(lang, GRINDER.name)} · ${formatAmount(lang, GRINDER.price, config.amazonPay.currency)}
      </p>
      <form method="post" action="/cart">
        <input type="hidden" name="sku" value="${GRINDER.sku}" />
        <button data-testid="add-to-cart">${t(lang, 'home.addToCart')}</button>
      </form>
    </section>
    <h2>${t(lang, 'home.subscribe')}</h2>
    <p>
      ${t(lang, 'subs.intro')}
      <a href="/subscriptions" data-testid="see-plans">${t(lang, 'home.seePlans')}</a>
    </p>`;
  return page(request, { title: 'home.title', body });
}

function cartLine(request: FastifyRequest, currency: string): Html {
  const lang = languageOf(request);
  const product = PRODUCTS[request.session.cart?.sku ?? ''];
  if (!product) return html`<p data-testid="cart-empty">${t(lang, 'cart.empty')}</p>`;
  const price = formatAmount(lang, product.price, currency);
  return html`<section class="card" data-testid="cart">
    <p>${t(lang, product.name)} <span style="float:right">${price}</span></p>
    <p>
      <strong>${t(lang, 'cart.total')}</strong>
      <strong style="float:right" data-testid="total">${price}</strong>
    </p>
  </section>`;
}

export function cartPage(request: FastifyRequest, config: ShopConfig): string {
  const lang = languageOf(request);
  const { cart, v1 } = request.session;
  const signOut = v1.signOut;
  v1.signOut = false;
  let action: Html = html``;
  if (cart && v1.billingAgreementId)
    // A returning buyer: the billing agreement is on file, no new sign-in needed.
    action = html`<form method="post" action="/checkout/continue">
      <button data-testid="continue-saved">${t(lang, 'cart.continueSaved')}</button>
    </form>`;
  else if (cart)
    action = html`<p>${t(lang, 'cart.payWith')}</p>
      <div id="AmazonPayButton"></div>
      ${widgets(
        config,
        js`OffAmazonPayments.Button('AmazonPayButton', sellerId, {
            type: 'PwA',
            authorization: function () {
              amazon.Login.authorize(
                { scope: ${scriptValue(SCOPE)}, popup: false },
                ${scriptValue(`${config.shopUrl}/checkout`)},
              );
            },
          });`,
        signOut,
      )}`;
  return page(request, {
    title: 'cart.title',
    body: html`${cartLine(request, config.amazonPay.currency)}${action}`,
  });
}

/** After sign-in: address, payment method and consent for a billing agreement. */
export function addressAndPaymentPage(request: FastifyRequest, config: ShopConfig): string {
  const lang = languageOf(request);
  const body = html`${cartLine(request, config.amazonPay.currency)}
    <div id="addressBookWidgetDiv"></div>
    <div id="walletWidgetDiv"></div>
    <div id="consentWidgetDiv"></div>
    <form method="post" action="/checkout/continue">
      <input type="hidden" name="billingAgreementId" id="billingAgreementId" />
      <button id="continue" data-testid="continue" disabled>${t(lang, 'checkout.continue')}</button>
    </form>
    ${widgets(
      config,
      js`var chosen = { address: false, payment: false, consent: false };
        function update() {
          document.getElementById('continue').disabled =
            !(chosen.address && chosen.payment && chosen.consent);
        }
        function fail(error) {
          console.error(error.getErrorCode(), error.getErrorMessage());
        }
        // The AddressBook creates the billing agreement; Wallet and Consent then bind to its id.
        new OffAmazonPayments.Widgets.AddressBook({
          sellerId: sellerId,
          agreementType: 'BillingAgreement',
          onReady: function (billingAgreement) {
            var id = billingAgreement.getAmazonBillingAgreementId();
            document.getElementById('billingAgreementId').value = id;
            new OffAmazonPayments.Widgets.Wallet({
              sellerId: sellerId,
              amazonBillingAgreementId: id,
              onPaymentSelect: function () { chosen.payment = true; update(); },
              onError: fail,
            }).bind('walletWidgetDiv');
            new OffAmazonPayments.Widgets.Consent({
              sellerId: sellerId,
              amazonBillingAgreementId: id,
              onReady: function (consent) {
                chosen.consent = consent.getConsentStatus() === 'true';
                update();
              },
              onConsent: function (consent) {
                chosen.consent = consent.getConsentStatus() === 'true';
                update();
              },
              onError: fail,
            }).bind('consentWidgetDiv');
          },
          onAddressSelect: function () { chosen.address = true; update(); },
          onError: fail,
        }).bind('addressBookWidgetDiv');`,
    )}`;
  return page(request, { title: 'checkout.title', body });
}

/**
 * The review page with seed 000's Buy now: OffAmazonPayments.initConfirmationFlow is the first
 * call of the click handler; placeOrder asks the shop's endpoint to confirm the order reference
 * and then calls confirmationFlow.success() (on to Amazon Pay) or confirmationFlow.error().
 */
export function reviewPage(request: FastifyRequest, config: ShopConfig): string {
  const lang = languageOf(request);
  const { v1 } = request.session;
  const order = v1.order;
  const sandbox = config.sandbox
    ? html`<details data-testid="sandbox">
        <summary>${t(lang, 'sandbox.title')}</summary>
        <label
          >SellerNote
          <select id="simulation" data-testid="simulation">
            <option value="">${t(lang, 'sandbox.none')}</option>
            ${Object.keys(SELLER_NOTE_SIMULATIONS).map((name) => html`<option>${name}</option>`)}
          </select></label
        >
      </details>`
    : '';
  const body = html`${cartLine(request, config.amazonPay.currency)}
    <div id="addressBookWidgetDiv"></div>
    <div id="walletWidgetDiv"></div>
    <div class="alert error" role="alert" id="order-error" data-testid="order-error" hidden></div>
    <p><button id="buy-now" data-testid="buy-now">${t(lang, 'review.buyNow')}</button></p>
    ${sandbox}
    <script>
      var sellerId = ${scriptValue(config.amazonPay.merchantId)};
      var id = ${scriptValue(order?.orderReferenceId)}; // the one ConfirmOrderReference confirms
      var buyNowBtn = document.getElementById('buy-now');
      buyNowBtn.addEventListener('click', function () {
        OffAmazonPayments.initConfirmationFlow(sellerId, id, function (confirmationFlow) {
          placeOrder(confirmationFlow);
        });
      });
      function showError(message) {
        var box = document.getElementById('order-error');
        box.textContent = message;
        box.hidden = false;
      }
      // Seed 000 uses jQuery's $.ajax; fetch with an AbortController timeout does the same.
      function placeOrder(confirmationFlow) {
        var simulation = document.getElementById('simulation');
        var controller = new AbortController();
        var timeout = setTimeout(function () {
          controller.abort();
        }, 15000);
        fetch('/place-order', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ simulation: simulation ? simulation.value : '' }),
          signal: controller.signal,
        })
          .then(function (response) {
            clearTimeout(timeout);
            if (response.ok) return confirmationFlow.success(); // on to Amazon Pay's hosted page
            return response.json().then(function (data) {
              confirmationFlow.error(); // abort the Confirmation Flow, stay on this page
              showError(data.message);
            });
          })
          .catch(function () {
            confirmationFlow.error();
            showError(${scriptValue(t(lang, 'review.orderFailed'))});
          });
      }
    </script>
    ${widgets(
      config,
      js`new OffAmazonPayments.Widgets.AddressBook({
          sellerId: sellerId,
          displayMode: 'Read',
          amazonBillingAgreementId: ${scriptValue(v1.billingAgreementId)},
        }).bind('addressBookWidgetDiv');
        // Editable: the buyer may pay this order with another card, and must after Abandoned
        // (seed 000: handled like an InvalidPaymentMethod decline).
        new OffAmazonPayments.Widgets.Wallet({
          sellerId: sellerId,
          amazonOrderReferenceId: ${scriptValue(order?.orderReferenceId)},
        }).bind('walletWidgetDiv');`,
    )}`;
  return page(request, { title: 'review.title', body });
}
