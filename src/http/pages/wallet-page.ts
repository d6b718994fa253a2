import type { WalletView } from '../../app/buyer-wallet.js';
import { html, page } from './html.js';

/** The Saved Wallet page a merchant links to after a HardDeclined charge (seed 004). */
export function renderWallet(view: WalletView, csrfToken: string, notice: string | null): string {
  const { permission, merchant, instruments } = view;
  const current = permission.paymentInstrument?.instrumentId;
  const closed = permission.state === 'Closed';
  const reasons = (permission.reasons ?? []).map((r) => r.reasonCode).join(', ');
  const body = html` <h1>Your Saved Wallet with ${merchant.name}</h1>
    <p data-testid="wallet-state">
      Status: ${permission.state}${reasons ? html` (${reasons})` : ''}
    </p>
    <p>
      Payment method:
      <span data-testid="current-method"
        >${permission.paymentInstrument?.descriptor ?? 'none'}</span
      >
    </p>
    ${notice ? html`<p class="note" role="status" data-testid="notice">${notice}</p>` : ''}
    ${
      closed
        ? html`<p>This Saved Wallet is closed.</p>`
        : html` <form method="post" action="/jr/your-account/ba/${permission.id}/payment-method">
              <input type="hidden" name="csrf" value="${csrfToken}" />
              <fieldset>
                <legend>Use another payment method</legend>
                ${instruments.map(
                  (instrument) =>
                    html`<label
                      ><input
                        type="radio"
                        name="instrumentId"
                        value="${instrument.instrumentId}"
                        data-testid="method-${instrument.cardEnding}"
                        ${instrument.instrumentId === current ? html`checked` : ''}
                      />
                      ${instrument.descriptor}</label
                    >`,
                )}
              </fieldset>
              <div class="actions">
                <button type="submit" data-testid="update-method">Update payment method</button>
              </div>
            </form>
            <form method="post" action="/jr/your-account/ba/${permission.id}/remove">
              <input type="hidden" name="csrf" value="${csrfToken}" />
              <p>
                <button type="submit" class="secondary" data-testid="remove-wallet">
                  Remove this Saved Wallet
                </button>
              </p>
            </form>`
    }`;
  return page('Saved Wallet', body);
}
