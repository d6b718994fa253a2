import type { IpnSettingsView } from '../../app/ipn-administration.js';
import type { Merchant, PublicKey } from '../../domain/merchant/merchant.js';
import { TEST_CARDS, behaviourOf } from '../../domain/simulation/payment-instruments.js';
import type { TestBuyer } from '../../domain/simulation/test-buyers.js';
import { html, type SafeHtml } from '../pages/html.js';
import { consoleHref, table, time } from './console-layout.js';
import { SIMULATES } from './object-views.js';

/**
 * The merchant's setup in the console (issue 14 points 5 and 6): its test buyers and their
 * instruments, its public keys, its IPN endpoints and chaos settings, each listed with the form
 * that changes it. Plain POST forms with a CSRF token: they work with JavaScript off.
 */
export type SetupForm = 'buyer' | 'key' | 'endpoint' | 'ipn';

export interface SetupState {
  readonly merchant: Merchant;
  readonly buyers: readonly TestBuyer[];
  readonly keys: readonly Omit<PublicKey, 'publicKeyPem'>[];
  readonly ipn: IpnSettingsView;
  readonly csrf: string;
  /** What the last POST did (shown as a status), or why it was refused (shown by its form). */
  readonly notice: string | null;
  readonly error: { readonly form: SetupForm; readonly message: string } | null;
  /** The refused form's values, so the operator corrects rather than retypes. */
  readonly values: Readonly<Record<string, string | undefined>>;
}

type Values = SetupState['values'];
const simulates = (behaviour: string): string => SIMULATES[behaviour] ?? behaviour;

const errorFor = (state: SetupState, form: SetupForm): SafeHtml | string =>
  state.error?.form === form
    ? html`<p class="state bad" role="alert" id="${form}-error" data-testid="${form}-error">
        Not saved: ${state.error.message}
      </p>`
    : '';

/** An input's value after a refused POST of its form, or its current setting. */
const valueOf = (state: SetupState, form: SetupForm, name: string, current: string): string =>
  state.error?.form === form ? (state.values[name] ?? '') : current;

const hidden = (csrf: string) => html`<input type="hidden" name="csrf" value="${csrf}" />`;

function buyersSection(state: SetupState, action: string): SafeHtml {
  const values: Values = state.error?.form === 'buyer' ? state.values : {};
  const chosen = new Set(
    state.error?.form === 'buyer'
      ? (values.cards ?? '').split(',')
      : TEST_CARDS.map((c) => c.cardEnding),
  );
  return html`<h2 id="test-buyers">Test buyers</h2>
    ${table(
      ['Buyer', 'Email', 'Instruments (what each simulates)'],
      state.buyers.map(
        (b) =>
          html`<tr>
            <td>${b.details.name} <span class="muted">${b.details.buyerId}</span></td>
            <td>${b.details.email}</td>
            <td>
              <ul>
                ${b.instruments.map(
                  (i) => html`<li>${i.descriptor}: simulates ${simulates(behaviourOf(i))}</li>`,
                )}
              </ul>
            </td>
          </tr>`,
      ),
      'The buyers the hosted pages let you sign in as (Sandbox)',
    )}
    <h3>Add a test buyer</h3>
    ${errorFor(state, 'buyer')}
    <form method="post" action="${action}/test-buyers" data-testid="buyer-form">
      ${hidden(state.csrf)}
      <p class="filters">
        <label
          >Name <input name="name" required maxlength="100" value="${values.name ?? ''}"
        /></label>
        <label
          >Email <input name="email" type="email" required value="${values.email ?? ''}"
        /></label>
        <label
          >Phone (optional) <input name="phoneNumber" value="${values.phoneNumber ?? ''}"
        /></label>
      </p>
      <fieldset>
        <legend>Instruments in the wallet</legend>
        ${TEST_CARDS.map(
          (card) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name="card"
                value="${card.cardEnding}"
                ${chosen.has(card.cardEnding) ? html`checked` : ''}
              />
              ${card.brand} ****${card.cardEnding} — simulates ${simulates(card.behaviour)}</label
            >`,
        )}
        <label
          >Other card endings, four digits each, comma-separated (they behave like a working card)
          <input name="otherCards" value="${values.otherCards ?? ''}" inputmode="numeric"
        /></label>
      </fieldset>
      <button type="submit" data-testid="add-buyer">Add the test buyer</button>
    </form>`;
}

function keysSection(state: SetupState, action: string): SafeHtml {
  const environment = valueOf(state, 'key', 'environment', 'Sandbox');
  return html`<h2 id="public-keys">Public keys</h2>
    ${table(
      ['Public key id', 'Environment', 'Registered'],
      state.keys.map(
        (k) =>
          html`<tr>
            <td><code>${k.publicKeyId}</code></td>
            <td>${k.environment ?? 'legacy (environment in the path)'}</td>
            <td>${time(k.createdAt)}</td>
          </tr>`,
      ),
      'Keys whose private halves may sign this merchant’s requests',
    )}
    <h3>Register a public key</h3>
    ${errorFor(state, 'key')}
    <form method="post" action="${action}/keys" data-testid="key-form">
      ${hidden(state.csrf)}
      <label
        >RSA public key (PEM)
        <textarea name="publicKeyPem" rows="8" cols="66" required data-testid="key-pem">
${valueOf(state, 'key', 'publicKeyPem', '')}</textarea>
      </label>
      <p class="filters">
        <label
          >Environment
          <select name="environment">
            ${[
              ['Sandbox', 'Sandbox'],
              ['Live', 'Live'],
              ['', 'Legacy (no environment)'],
            ].map(
              ([value, label]) =>
                html`<option value="${value}" ${value === environment ? html`selected` : ''}>
                  ${label}
                </option>`,
            )}
          </select>
        </label>
        <label
          >Public key id (optional: one is made up)
          <input name="publicKeyId" value="${valueOf(state, 'key', 'publicKeyId', '')}"
        /></label>
      </p>
      <button type="submit" data-testid="register-key">Register the key</button>
    </form>`;
}

function ipnSection(state: SetupState, action: string): SafeHtml {
  const { ipn } = state;
  const chaos = (name: keyof IpnSettingsView['chaos']) =>
    valueOf(state, 'ipn', name, String(ipn.chaos[name]));
  return html`<h2 id="ipn">IPN endpoints and chaos</h2>
    <p>
      One URL per environment receives both the v2 and the v1 (MWS) notifications, as in Seller
      Central. Leave the URL empty to remove it (notifications are then skipped).
    </p>
    ${errorFor(state, 'endpoint')}
    ${(['Sandbox', 'Live'] as const).map(
      (env) =>
        html`<form
          class="filters"
          method="post"
          action="${action}/ipn-endpoint"
          aria-label="${env} IPN endpoint"
        >
          ${hidden(state.csrf)}
          <input type="hidden" name="environment" value="${env}" />
          <label
            >${env} endpoint URL
            <input
              name="url"
              type="url"
              size="50"
              data-testid="endpoint-${env}"
              value="${
                state.error?.form === 'endpoint' && state.values.environment === env
                  ? (state.values.url ?? '')
                  : (ipn.endpoints[env]?.url ?? '')
              }"
          /></label>
          <button type="submit" data-testid="save-endpoint-${env}">Save the ${env} endpoint</button>
        </form>`,
    )}
    <h3>Chaos for the merchant’s handler</h3>
    ${errorFor(state, 'ipn')}
    <form method="post" action="${action}/ipn-settings" data-testid="ipn-form">
      ${hidden(state.csrf)}
      <p class="filters">
        <label
          >Duplicate rate (0 to 1)
          <input name="duplicateRate" inputmode="decimal" value="${chaos('duplicateRate')}"
        /></label>
        <label
          >Bad signature rate (0 to 1)
          <input name="badSignatureRate" inputmode="decimal" value="${chaos('badSignatureRate')}"
        /></label>
        <label
          >Out-of-order window (ms)
          <input
            name="outOfOrderWindowMs"
            inputmode="numeric"
            value="${chaos('outOfOrderWindowMs')}"
        /></label>
        <label
          >Delay (ms) <input name="delayMs" inputmode="numeric" value="${chaos('delayMs')}"
        /></label>
        <label
          >SigningCertURL (empty: localpay’s own)
          <input
            name="signingCertUrl"
            type="url"
            size="40"
            value="${valueOf(state, 'ipn', 'signingCertUrl', ipn.signingCertUrl ?? '')}"
        /></label>
      </p>
      <button type="submit" data-testid="save-ipn">Save the IPN settings</button>
    </form>`;
}

export function setupView(state: SetupState): SafeHtml {
  const { merchant } = state;
  const action = consoleHref('merchants', merchant.merchantId, 'setup');
  return html`<h1>
      Setup of <a href="${consoleHref('merchants', merchant.merchantId)}">${merchant.name}</a>
      <span class="muted">${merchant.merchantId}</span>
    </h1>
    ${
      state.notice === null
        ? ''
        : html`<p class="state good" role="status" data-testid="setup-notice">${state.notice}</p>`
    }
    <p>
      <a href="#test-buyers">Test buyers</a> · <a href="#public-keys">Public keys</a> ·
      <a href="#ipn">IPN endpoints and chaos</a>
    </p>
    ${buyersSection(state, action)} ${keysSection(state, action)} ${ipnSection(state, action)}`;
}

/** The merchant page's way in. */
export const setupLink = (merchantId: string): SafeHtml =>
  html`<p>
    <a href="${consoleHref('merchants', merchantId, 'setup')}" data-testid="setup-link"
      >Test buyers, public keys, IPN endpoints and chaos</a
    >
  </p>`;
