import type { SignInPayload, SignInView } from '../../app/sign-in/amazon-sign-in.js';
import type { Translator } from '../pages/i18n/catalogue.js';
import { html } from '../pages/html.js';
import { renderPage } from '../pages/layout.js';
import { testBuyerFieldset } from '../pages/test-buyer-fieldset.js';

/**
 * Amazon Sign-in's page (issue 11 point 3): the buyer signs in as one of the merchant's test
 * buyers (no password) and is told what the merchant will receive. The form carries the signed
 * payload back unchanged; localpay verifies it again when the form is posted.
 */
const TEXT = {
  title: 'Sign in with Amazon (localpay test buyers)',
  shares: '{merchant} will receive: {fields}.',
  submit: 'Sign in',
} as const;

const SCOPE_NAMES = {
  name: 'your name',
  email: 'your email address',
  postalCode: 'your postal code and country',
  shippingAddress: 'your default shipping address',
  phoneNumber: 'your phone number',
  billingAddress: 'your billing address',
  primeStatus: 'your Prime status',
} as const;

export interface SignInModel {
  readonly view: SignInView;
  readonly payload: SignInPayload;
  readonly action: string;
  /** Hidden fields: the button's signed payload and the CSRF token. */
  readonly carried: Readonly<Record<string, string>>;
}

export function renderSignIn(t: Translator, model: SignInModel): string {
  const { view, payload } = model;
  const scopes =
    payload.signInScopes.length === 0 ? (['name', 'email'] as const) : payload.signInScopes;
  const body = html`<h1>${TEXT.title}</h1>
    <p data-testid="merchant">${t.text('checkout.merchant', { merchant: view.merchant.name })}</p>
    <p data-testid="shared-fields">
      ${TEXT.shares
        .replace('{merchant}', view.merchant.name)
        .replace('{fields}', scopes.map((scope) => SCOPE_NAMES[scope]).join(', '))}
    </p>
    <form method="post" action="${model.action}">
      ${Object.entries(model.carried).map(
        ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
      )}
      ${testBuyerFieldset(t.text('checkout.buyerLegend'), view.buyers, 'sign-in-buyer-')}
      <div class="actions">
        <button type="submit" data-testid="sign-in-submit">${TEXT.submit}</button>
      </div>
    </form>`;
  return renderPage({ t, title: TEXT.title, body });
}
