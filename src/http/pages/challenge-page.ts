import type { ChallengeView } from '../../app/buyer-challenge.js';
import { formatAmount } from '../../domain/shared/money.js';
import { html, page } from './html.js';

/**
 * The issuer-style SCA challenge (seed 004 "MFA challenge page", seed 000): the test issuer shows
 * its one-time code on the page, the buyer types it (or something else, to fail), or cancels.
 */
export function renderChallenge(view: ChallengeView, csrfToken: string): string {
  const { session, merchant } = view;
  const amount = session.paymentDetails.chargeAmount;
  const code = session.challenge?.code ?? '';
  const body = html` <h1>Verify your payment</h1>
    <p>
      Your card issuer needs to confirm that it is you paying
      ${merchant.name}${amount ? html` <strong data-testid="amount">${formatAmount(amount)} ${amount.currency}</strong>` : ''}.
    </p>
    <p class="note">${session.paymentInstrument?.descriptor ?? ''}</p>
    <p class="note" data-testid="test-code">
      Test issuer: your one-time code is <strong>${code}</strong>.
    </p>
    <form method="post" action="/checkout/challenge">
      <input type="hidden" name="amazonCheckoutSessionId" value="${session.id}" />
      <input type="hidden" name="csrf" value="${csrfToken}" />
      <p>
        <label for="code">One-time code</label>
        <input
          id="code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          data-testid="code-input"
          required
        />
      </p>
      <div class="actions">
        <button type="submit" name="action" value="verify" data-testid="verify">Verify</button>
        <button
          type="submit"
          name="action"
          value="abandon"
          class="secondary"
          formnovalidate
          data-testid="abandon"
        >
          Cancel
        </button>
      </div>
    </form>`;
  return page('Verify your payment', body);
}
