import type { ChallengeView } from '../../app/buyer-challenge.js';
import type { Money } from '../../domain/shared/money.js';
import type { Translator } from './i18n/catalogue.js';
import type { Language } from './i18n/languages.js';
import { html } from './html.js';
import { renderPage } from './layout.js';
import { formatMoney } from './page-context.js';

/**
 * The issuer-style SCA challenge (seed 000, seed 004; issue point 3): the test issuer shows its
 * one-time code, the buyer types it (passes), types anything else (fails), or cancels (abandons).
 * One page for every flow that challenges a buyer: it knows nothing of charges or checkouts, only
 * what to show and where its form posts, so the v2 initial checkout, the v2 202 charge and the v1
 * Confirmation Flow render the same markup with the same data-testid attributes.
 */
export interface ChallengePageModel {
  readonly merchantName: string;
  readonly amount: Money | null;
  readonly card: string | null;
  /** The code the test issuer shows; typing it passes. */
  readonly code: string;
  /** Where the form posts (a localpay path), and the hidden fields it carries (CSRF token, id). */
  readonly formAction: string;
  readonly hiddenFields: Readonly<Record<string, string>>;
}

/** The model for a challenge carried by a v2 Checkout Session (a 202 charge or a checkout). */
export const challengeModelOf = (view: ChallengeView, csrfToken: string): ChallengePageModel => ({
  merchantName: view.merchant.name,
  amount: view.session.paymentDetails.chargeAmount,
  card: view.session.paymentInstrument?.descriptor ?? null,
  code: view.session.challenge?.code ?? '',
  formAction: '/checkout/challenge',
  hiddenFields: { amazonCheckoutSessionId: view.session.id, csrf: csrfToken },
});

export function renderChallenge(
  t: Translator,
  model: ChallengePageModel,
  languageHref: (lang: Language) => string,
): string {
  const title = t.text('challenge.title');
  const body = html`<h1>${title}</h1>
    <p>${t.text('challenge.intro', { merchant: model.merchantName })}</p>
    ${model.amount ? html`<p data-testid="amount">${t.text('challenge.amount', { amount: formatMoney(model.amount, t.lang) })}</p>` : ''}
    ${model.card ? html`<p data-testid="card">${t.text('challenge.card', { card: model.card })}</p>` : ''}
    <p class="notice" data-testid="test-code">
      ${t.html('challenge.testCode', { code: html`<strong data-testid="otp">${model.code}</strong>` })}
    </p>
    <form method="post" action="${model.formAction}">
      ${Object.entries(model.hiddenFields).map(
        ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
      )}
      <p>
        <label for="code">${t.text('challenge.codeLabel')}</label>
        <input
          type="text"
          id="code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          aria-describedby="code-hint"
          data-testid="code-input"
        />
      </p>
      <p class="note" id="code-hint">${t.text('challenge.codeHint')}</p>
      <div class="actions">
        <button type="submit" name="action" value="verify" data-testid="verify">
          ${t.text('challenge.verify')}
        </button>
        <button
          type="submit"
          name="action"
          value="abandon"
          class="secondary"
          formnovalidate
          data-testid="abandon"
        >
          ${t.text('challenge.cancel')}
        </button>
      </div>
    </form>`;
  return renderPage({ t, title, body, languageHref });
}
