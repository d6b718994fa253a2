import type { BuyerCheckoutView } from '../../app/buyer-checkout.js';
import { needsConsent } from '../../app/buyer-checkout.js';
import { formatAmount } from '../../domain/shared/money.js';
import { html, page } from './html.js';

/**
 * The hosted sign-in and payment-method page: pick a test buyer's address and card (no password
 * friction) and, for Saved Wallet or Recurring checkouts, consent to keep the card on file.
 */
export function renderCheckoutStart(
  view: BuyerCheckoutView,
  csrfToken: string,
  error: string | null,
): string {
  const { session, merchant, buyers } = view;
  const amount = session.paymentDetails.chargeAmount;
  const options = buyers.flatMap((buyer, buyerIndex) =>
    buyer.instruments.map((instrument, instrumentIndex) => {
      const value = `${buyer.details.buyerId}|${instrument.instrumentId}`;
      const checked = buyerIndex === 0 && instrumentIndex === 0;
      return html`<label
        ><input
          type="radio"
          name="choice"
          value="${value}"
          data-testid="instrument-${instrument.cardEnding}"
          ${checked ? html`checked` : ''}
        />
        ${buyer.details.name}: ${instrument.descriptor}</label
      >`;
    }),
  );
  const body = html` <h1>Pay with Amazon Pay (localpay)</h1>
    <p>
      ${merchant.name}${session.merchantMetadata.merchantStoreName ? html` – ${session.merchantMetadata.merchantStoreName}` : ''}
    </p>
    ${amount ? html`<p data-testid="amount">Amount: ${formatAmount(amount)} ${amount.currency}</p>` : ''}
    ${session.merchantMetadata.noteToBuyer ? html`<p class="note" data-testid="note-to-buyer">${session.merchantMetadata.noteToBuyer}</p>` : ''}
    ${error ? html`<p class="error" role="alert" data-testid="error">${error}</p>` : ''}
    <form method="post" action="/checkout/start">
      <input type="hidden" name="amazonCheckoutSessionId" value="${session.id}" />
      <input type="hidden" name="csrf" value="${csrfToken}" />
      <input type="hidden" name="addressIndex" value="0" />
      <fieldset>
        <legend>Payment method</legend>
        ${options}
      </fieldset>
      ${
        needsConsent(session)
          ? html`<p>
              <label
                ><input type="checkbox" name="consent" value="yes" data-testid="consent" /> Save
                this payment method with ${merchant.name} for future payments.</label
              >
            </p>`
          : ''
      }
      <div class="actions">
        <button type="submit" data-testid="continue">Continue</button>
        <button type="submit" class="secondary" formaction="/checkout/cancel" data-testid="cancel">
          Cancel and return to the merchant
        </button>
      </div>
    </form>`;
  return page('Checkout', body);
}

export function renderProblem(title: string, message: string): string {
  return page(
    title,
    html`<h1>${title}</h1>
      <p class="error" role="alert" data-testid="error">${message}</p>`,
  );
}
