/*
 * localpay's Widgets.js (spec amazon-pay-v1.md §7.2, §7.4; seed 000): the Login with Amazon button,
 * the AddressBook, Wallet and Consent widgets, and OffAmazonPayments.initConfirmationFlow. Plain,
 * dependency-free browser JavaScript rendering simple DOM (no iframes) into the bound elements.
 * localpay fills in CONFIG when it serves the file (environment and region from the path) and
 * serves it with browser-shared.js, the helpers it shares with checkout.js.
 */
(function () {
  var CONFIG = /*LOCALPAY_CONFIG*/ { environment: 'Sandbox', region: 'de' }; /*LOCALPAY_CONFIG*/
  // LOCALPAY: browser-shared.js, served in the same closure (widgets-asset.ts).
  var BASE = LOCALPAY.base;
  var TOKEN_KEY = 'localpay.amazon.accessToken';
  var COOKIE = 'amazon_Login_accessToken';

  var state = { clientId: null, useCookie: false, token: null, pending: null };

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i += 1) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return null;
  }

  // LWA's implicit grant returns the token on the redirect URL (query or fragment).
  (function captureToken() {
    var sources = [window.location.search, window.location.hash.replace(/^#/, '?')];
    for (var i = 0; i < sources.length; i += 1) {
      var token = new URLSearchParams(sources[i]).get('access_token');
      if (token) {
        state.token = token;
        try {
          window.sessionStorage.setItem(TOKEN_KEY, token);
        } catch {
          /* storage unavailable */
        }
        return;
      }
    }
  })();

  function accessToken() {
    if (state.token) return state.token;
    try {
      var stored = window.sessionStorage.getItem(TOKEN_KEY);
      if (stored) return stored;
    } catch {
      /* storage unavailable */
    }
    return readCookie(COOKIE);
  }

  function rememberToken(token) {
    state.token = token;
    try {
      window.sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      /* storage unavailable */
    }
    if (state.useCookie)
      document.cookie = COOKIE + '=' + encodeURIComponent(token) + '; path=/; SameSite=Lax';
  }

  function widgetError(code, message) {
    return {
      getErrorCode: function () {
        return code;
      },
      getErrorMessage: function () {
        return message;
      },
    };
  }

  function post(path, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      if (fields[name] !== undefined && fields[name] !== null) body.set(name, String(fields[name]));
    });
    // A form-encoded POST is a "simple" cross-origin request: no preflight, no credentials.
    return fetch(BASE + path, { method: 'POST', body: body }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok)
          throw widgetError(
            json.errorCode || 'InternalServerError',
            json.errorMessage || 'Request failed',
          );
        return json;
      });
    });
  }

  function contractObject(view) {
    return {
      getAmazonOrderReferenceId: function () {
        return view.kind === 'OrderReference' ? view.id : null;
      },
      getAmazonBillingAgreementId: function () {
        return view.kind === 'BillingAgreement' ? view.id : null;
      },
    };
  }

  var call = LOCALPAY.call;

  // --- amazon.Login -------------------------------------------------------------------------
  var Login = {
    setClientId: function (id) {
      state.clientId = id;
    },
    getClientId: function () {
      return state.clientId;
    },
    setUseCookie: function (use) {
      state.useCookie = !!use;
      var token = accessToken();
      if (state.useCookie && token) rememberToken(token);
    },
    setSandboxMode: function () {},
    setRegion: function () {},
    authorize: function (options, next) {
      var scope = (options && options.scope) || 'profile payments:widget';
      if (Array.isArray(scope)) scope = scope.join(' ');
      var popup = typeof next === 'function';
      var params = { client_id: state.clientId || '', scope: scope, response_type: 'token' };
      // The popup posts the token to this page's origin, which must be one of the store's Allowed
      // JavaScript Origins; a redirect goes to next, which must be an Allowed Return URL.
      if (popup) params.origin = window.location.origin;
      else
        params.redirect_uri = new URL(
          next || window.location.href,
          window.location.href,
        ).toString();
      var url = BASE + '/ap/oa?' + new URLSearchParams(params).toString();
      if (!popup) {
        window.location.assign(url);
        return;
      }
      var opened = window.open(url, 'amazonloginpopup', 'width=480,height=640');
      window.addEventListener('message', function listener(event) {
        if (event.origin !== BASE || !event.data || event.data.type !== 'localpay-login') return;
        window.removeEventListener('message', listener);
        if (event.data.access_token) rememberToken(event.data.access_token);
        next(event.data);
      });
      return opened;
    },
    logout: function () {
      state.token = null;
      try {
        window.sessionStorage.removeItem(TOKEN_KEY);
      } catch {
        /* storage unavailable */
      }
      document.cookie = COOKIE + '=; path=/; max-age=0';
    },
  };

  // --- contracts shared by the widgets of one page -----------------------------------------
  function ensureContract(options) {
    var id = options.amazonOrderReferenceId || options.amazonBillingAgreementId;
    if (id) return Promise.resolve({ id: id, created: false });
    var kind = options.agreementType === 'BillingAgreement' ? 'BillingAgreement' : 'OrderReference';
    if (!state.pending || state.pending.kind !== kind) {
      state.pending = {
        kind: kind,
        promise: post('/widgets/v1/contracts', {
          accessToken: accessToken(),
          sellerId: options.sellerId,
          environment: CONFIG.environment,
          kind: kind,
        }).then(function (view) {
          return { id: view.id, created: true, view: view };
        }),
        announced: false,
      };
    }
    var pending = state.pending;
    return pending.promise.then(function (result) {
      // onOrderReferenceCreate fires once, for the first widget that created the contract.
      var first = !pending.announced;
      pending.announced = true;
      return { id: result.id, created: result.created && first };
    });
  }

  function act(options, id, fields) {
    fields.accessToken = accessToken();
    fields.sellerId = options.sellerId;
    fields.environment = CONFIG.environment;
    return post('/widgets/v1/contracts/' + encodeURIComponent(id), fields);
  }

  var element = LOCALPAY.element;

  function describeAddress(address) {
    return [
      address.name,
      address.addressLine1,
      address.postalCode + ' ' + address.city,
      address.countryCode,
    ]
      .filter(function (part) {
        return part && String(part).trim() !== '';
      })
      .join(', ');
  }

  function makeWidget(kind, options) {
    options = options || {};
    return {
      bind: function (containerId) {
        var container = document.getElementById(containerId);
        if (!container) throw new Error('Widgets.js: no element with id ' + containerId);
        if (!accessToken()) {
          call(
            options.onError,
            widgetError('BuyerSessionExpired', 'The buyer is not signed in with Amazon.'),
          );
          return;
        }
        ensureContract(options)
          .then(function (contract) {
            return act(options, contract.id, { action: 'view' }).then(function (view) {
              var object = contractObject(view);
              if (contract.created && view.kind === 'OrderReference')
                call(options.onOrderReferenceCreate, object);
              if (contract.created && view.kind === 'BillingAgreement')
                call(options.onBillingAgreementCreate, object);
              render(kind, container, options, view, object);
              if (kind === 'Consent') call(options.onReady, consentStatus(view.consent));
              else call(options.onReady, object);
            });
          })
          .catch(function (error) {
            var e =
              error && error.getErrorCode
                ? error
                : widgetError('InternalServerError', String(error));
            call(options.onError, e);
          });
      },
    };
  }

  function consentStatus(consent) {
    return {
      getConsentStatus: function () {
        return consent ? 'true' : 'false';
      },
    };
  }

  function render(kind, container, options, view, object) {
    container.innerHTML = '';
    var root = element('div', {
      class: 'localpay-widget',
      'data-widget': kind,
      'data-contract-id': view.id,
    });
    container.appendChild(root);
    var readOnly = options.displayMode === 'Read';
    if (kind === 'AddressBook') {
      root.appendChild(element('p', {}, 'Shipping address'));
      view.addresses.forEach(function (address, index) {
        var label = element('label', { 'data-testid': 'address-' + index });
        var input = element('input', {
          type: 'radio',
          name: 'localpay-address-' + view.id,
          value: String(index),
        });
        input.checked = view.selectedAddress === index;
        input.disabled = readOnly;
        input.addEventListener('change', function () {
          act(options, view.id, { action: 'address', addressIndex: index })
            .then(function () {
              call(options.onAddressSelect, object);
            })
            .catch(function (e) {
              call(options.onError, e);
            });
        });
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + describeAddress(address)));
        root.appendChild(label);
      });
    } else if (kind === 'Wallet') {
      root.appendChild(element('p', {}, 'Payment method'));
      view.instruments.forEach(function (instrument) {
        var label = element('label', { 'data-testid': 'card-' + instrument.cardEnding });
        var input = element('input', {
          type: 'radio',
          name: 'localpay-card-' + view.id,
          value: instrument.instrumentId,
        });
        input.checked = view.selectedInstrumentId === instrument.instrumentId;
        input.disabled = readOnly;
        input.addEventListener('change', function () {
          act(options, view.id, { action: 'paymentMethod', instrumentId: instrument.instrumentId })
            .then(function () {
              call(options.onPaymentSelect, object);
            })
            .catch(function (e) {
              call(options.onError, e);
            });
        });
        label.appendChild(input);
        label.appendChild(
          document.createTextNode(
            ' ' + instrument.descriptor + (instrument.simulation ? ' *' : ''),
          ),
        );
        root.appendChild(label);
      });
    } else {
      var consentLabel = element('label', { 'data-testid': 'consent' });
      var box = element('input', { type: 'checkbox' });
      box.checked = !!view.consent;
      box.addEventListener('change', function () {
        act(options, view.id, { action: 'consent', consent: box.checked ? 'true' : 'false' })
          .then(function () {
            call(options.onConsent, consentStatus(box.checked));
          })
          .catch(function (e) {
            call(options.onError, e);
          });
      });
      consentLabel.appendChild(box);
      consentLabel.appendChild(document.createTextNode(' Authorize recurring payments'));
      root.appendChild(consentLabel);
    }
  }

  // --- the button ---------------------------------------------------------------------------
  function Button(containerId, sellerId, options) {
    options = options || {};
    var container = document.getElementById(containerId);
    if (!container) throw new Error('Widgets.js: no element with id ' + containerId);
    var button = element(
      'button',
      { type: 'button', 'data-testid': 'amazon-pay-button', class: 'localpay-button' },
      'Amazon Pay',
    );
    button.addEventListener('click', function () {
      if (typeof options.authorization === 'function') options.authorization();
      else
        Login.authorize(
          { scope: 'profile payments:widget payments:shipping_address' },
          window.location.href,
        );
    });
    container.appendChild(button);
  }

  // --- the SCA Confirmation Flow (seed 000) --------------------------------------------------
  function initConfirmationFlow(sellerId, id, callback) {
    var overlay = element(
      'div',
      { 'data-testid': 'confirmation-flow-overlay', class: 'localpay-overlay' },
      'Processing your payment…',
    );
    document.body.appendChild(overlay);
    var done = false;
    var flow = {
      success: function () {
        if (done) return;
        done = true;
        window.location.assign(
          BASE +
            '/confirmation-flow?' +
            new URLSearchParams({
              sellerId: sellerId || '',
              amazonPaymentContractId: id || '',
            }).toString(),
        );
      },
      error: function () {
        if (done) return;
        done = true;
        if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
      },
    };
    flow.failure = flow.error;
    callback(flow);
  }

  window.amazon = window.amazon || {};
  window.amazon.Login = Login;
  window.OffAmazonPayments = {
    Button: Button,
    Widgets: {
      AddressBook: function (options) {
        return makeWidget('AddressBook', options);
      },
      Wallet: function (options) {
        return makeWidget('Wallet', options);
      },
      Consent: function (options) {
        return makeWidget('Consent', options);
      },
    },
    initConfirmationFlow: initConfirmationFlow,
    environment: CONFIG.environment,
  };

  if (typeof window.onAmazonLoginReady === 'function') window.onAmazonLoginReady();
  if (typeof window.onAmazonPaymentsReady === 'function') window.onAmazonPaymentsReady();
})();
