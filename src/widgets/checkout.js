/*
 * localpay's checkout.js: the v2 front end Amazon serves at
 * https://static-{na,eu,fe}.payments-amazon.com/checkout.js, as merchants use it (Amazon Pay
 * checkout guides, "Add the Amazon Pay button", "Amazon Sign-in", "Decoupled button",
 * "Update checkout details"): amazon.Pay.renderButton, the button's onClick and initCheckout,
 * amazon.Pay.initCheckout, amazon.Pay.bindChangeAction and amazon.Pay.signout.
 *
 * The script only checks the options' shape and carries them to localpay: the signed payload is
 * verified, validated and turned into a Checkout Session (or a sign-in) by localpay's server, at
 * POST /checkout/button, which then shows the hosted page. Served with browser-shared.js (LOCALPAY).
 */
var CONFIG = /*LOCALPAY_CONFIG*/ {}; /*LOCALPAY_CONFIG*/
void CONFIG;

var PRODUCT_TYPES = ['PayAndShip', 'PayOnly', 'SignIn'];
var PLACEMENTS = ['Home', 'Product', 'Cart', 'Checkout', 'Other'];
var COLORS = {
  Gold: { background: '#FFD814', color: '#0F1111', border: '#FCD200' },
  LightGray: { background: '#E7E9EC', color: '#0F1111', border: '#ADB1B8' },
  DarkGray: { background: '#232F3E', color: '#FFFFFF', border: '#232F3E' },
};
var LANGUAGES = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'it_IT', 'es_ES', 'ja_JP'];
var LABELS = {
  SignIn: {
    en: 'Sign in with Amazon',
    de: 'Mit Amazon anmelden',
    fr: 'Se connecter avec Amazon',
    it: 'Accedi con Amazon',
    es: 'Iniciar sesión con Amazon',
    ja: 'Amazonでサインイン',
  },
  Pay: {
    en: 'Amazon Pay',
    de: 'Amazon Pay',
    fr: 'Amazon Pay',
    it: 'Amazon Pay',
    es: 'Amazon Pay',
    ja: 'Amazon Pay',
  },
};

function fail(message) {
  var error = new Error('Amazon Pay checkout.js (localpay): ' + message);
  if (window.console) window.console.error(error.message);
  return error;
}

function oneOf(value, allowed, name, fallback) {
  if (value === undefined || value === null) return fallback;
  if (allowed.indexOf(value) < 0)
    throw fail(name + " '" + value + "' is not one of " + allowed.join(', ') + '.');
  return value;
}

function checkPrice(price, name) {
  if (price === undefined || price === null) return undefined;
  if (
    typeof price !== 'object' ||
    typeof price.amount !== 'string' ||
    !/^\d+(\.\d{1,2})?$/.test(price.amount) ||
    !/^[A-Z]{3}$/.test(String(price.currencyCode))
  )
    throw fail(name + " must look like { amount: '99.00', currencyCode: 'EUR' }.");
  return price;
}

/** The payload and its signature, as the merchant's server produced them (generateButtonSignature). */
function checkSignedConfig(config, name) {
  if (!config || typeof config !== 'object') throw fail(name + ' is required.');
  var payload = config.payloadJSON;
  // The payload is signed as the exact string; an object is sent as JSON.stringify makes it, as
  // the SDKs sign objects.
  if (payload !== undefined && typeof payload !== 'string') payload = JSON.stringify(payload);
  if (typeof payload !== 'string' || payload === '') throw fail(name + '.payloadJSON is required.');
  if (typeof config.signature !== 'string' || config.signature === '')
    throw fail(name + '.signature is required.');
  return {
    payloadJSON: payload,
    signature: config.signature,
    publicKeyId: config.publicKeyId,
    algorithm: config.algorithm,
  };
}

/** Every option of renderButton / initCheckout, checked once (the documented names and values). */
function readOptions(options) {
  if (!options || typeof options !== 'object') throw fail('options are required.');
  if (typeof options.merchantId !== 'string' || options.merchantId === '')
    throw fail('merchantId is required.');
  var productType = oneOf(options.productType, PRODUCT_TYPES, 'productType', 'PayAndShip');
  if (
    productType !== 'SignIn' &&
    (typeof options.ledgerCurrency !== 'string' || !/^[A-Z]{3}$/.test(options.ledgerCurrency))
  )
    throw fail('ledgerCurrency is required (USD, EUR, GBP or JPY).');
  return {
    merchantId: options.merchantId,
    publicKeyId: options.publicKeyId,
    ledgerCurrency: options.ledgerCurrency,
    checkoutLanguage: oneOf(options.checkoutLanguage, LANGUAGES, 'checkoutLanguage', undefined),
    productType: productType,
    placement: oneOf(options.placement, PLACEMENTS, 'placement', 'Other'),
    buttonColor: oneOf(options.buttonColor, Object.keys(COLORS), 'buttonColor', 'Gold'),
    estimatedOrderAmount: checkPrice(options.estimatedOrderAmount, 'estimatedOrderAmount'),
    // Environment-specific keys (SANDBOX-…, LIVE-…) name their environment; legacy keys need it.
    sandbox:
      options.sandbox === undefined
        ? undefined
        : options.sandbox === true || options.sandbox === 'true',
    createCheckoutSessionConfig: options.createCheckoutSessionConfig,
    signInConfig: options.signInConfig,
  };
}

/** Sends the buyer to localpay with the signed payload; localpay verifies it and shows the page. */
function start(base, request) {
  var signIn = base.productType === 'SignIn';
  var productType =
    request.productType !== undefined
      ? oneOf(request.productType, PRODUCT_TYPES, 'productType')
      : base.productType;
  var signed = checkSignedConfig(
    signIn
      ? request.signInConfig || base.signInConfig
      : request.createCheckoutSessionConfig || base.createCheckoutSessionConfig,
    signIn ? 'signInConfig' : 'createCheckoutSessionConfig',
  );
  var amount =
    checkPrice(request.estimatedOrderAmount, 'estimatedOrderAmount') || base.estimatedOrderAmount;
  LOCALPAY.navigate('/checkout/button', {
    merchantId: base.merchantId,
    // The key id sits on the options (environment-specific keys) or in the config (older docs).
    publicKeyId: signed.publicKeyId || base.publicKeyId || '',
    ledgerCurrency: base.ledgerCurrency,
    checkoutLanguage: base.checkoutLanguage,
    productType: productType,
    placement: base.placement,
    sandbox: base.sandbox === undefined ? undefined : String(base.sandbox),
    estimatedOrderAmount: amount ? JSON.stringify(amount) : undefined,
    payloadJSON: signed.payloadJSON,
    signature: signed.signature,
    algorithm: signed.algorithm,
  });
}

function renderButton(selector, options) {
  var settings = readOptions(options);
  var container = typeof selector === 'string' ? document.querySelector(selector) : selector;
  if (!container) throw fail('no element matches ' + String(selector) + '.');
  var colors = COLORS[settings.buttonColor];
  var lang = (settings.checkoutLanguage || 'en_US').slice(0, 2);
  var label = LABELS[settings.productType === 'SignIn' ? 'SignIn' : 'Pay'][lang];
  var button = LOCALPAY.element(
    'button',
    {
      type: 'button',
      class: 'localpay-amazon-pay-button',
      'data-testid':
        settings.productType === 'SignIn' ? 'amazon-sign-in-button' : 'amazon-pay-button',
      'data-product-type': settings.productType,
      'data-placement': settings.placement,
      'aria-label': label,
    },
    label,
  );
  button.style.cssText =
    'display:block;width:100%;min-width:150px;min-height:45px;border-radius:8px;cursor:pointer;font:600 16px/1.2 Arial,sans-serif;' +
    'background:' +
    colors.background +
    ';color:' +
    colors.color +
    ';border:1px solid ' +
    colors.border +
    ';';
  var clickHandler = null;
  var handle = {
    // The decoupled flow: the merchant's code runs on click and calls initCheckout itself.
    onClick: function (callback) {
      if (typeof callback !== 'function') throw fail('onClick takes a function.');
      clickHandler = callback;
    },
    initCheckout: function (requestConfig) {
      start(settings, requestConfig || {});
    },
  };
  button.addEventListener('click', function () {
    if (clickHandler) clickHandler();
    else start(settings, {});
  });
  container.innerHTML = '';
  container.appendChild(button);
  return handle;
}

function initCheckout(options) {
  start(readOptions(options), {});
}

/** Change links on the merchant's review page open the hosted page again for that session. */
function bindChangeAction(selector, options) {
  if (
    !options ||
    typeof options.amazonCheckoutSessionId !== 'string' ||
    options.amazonCheckoutSessionId === ''
  )
    throw fail('bindChangeAction needs amazonCheckoutSessionId.');
  var action = oneOf(options.changeAction, ['changeAddress', 'changePayment'], 'changeAction');
  if (action === undefined)
    throw fail('bindChangeAction needs changeAction (changeAddress or changePayment).');
  var elements = document.querySelectorAll(selector);
  if (elements.length === 0) throw fail('no element matches ' + String(selector) + '.');
  Array.prototype.forEach.call(elements, function (el) {
    el.addEventListener('click', function (event) {
      if (event && event.preventDefault) event.preventDefault();
      window.location.assign(
        LOCALPAY.base +
          '/checkout/start?' +
          new URLSearchParams({
            amazonCheckoutSessionId: options.amazonCheckoutSessionId,
            changeAction: action,
          }).toString(),
      );
    });
  });
}

/**
 * Amazon ends the buyer's Amazon session. localpay keeps none (the buyer picks a test buyer on
 * each hosted page), so there is nothing to end; the promise resolves for code that waits on it.
 */
function signout() {
  return Promise.resolve();
}

window.amazon = window.amazon || {};
window.amazon.Pay = {
  renderButton: renderButton,
  initCheckout: initCheckout,
  bindChangeAction: bindChangeAction,
  signout: signout,
};
