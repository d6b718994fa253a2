import type { WalletView } from '../../app/buyer-wallet.js';
import type { ChargePermissionState } from '../../domain/charge-permission/charge-permission.js';
import type { MessageKey, Translator } from './i18n/catalogue.js';
import type { Language } from './i18n/languages.js';
import { instrumentLabel } from './instrument-label.js';
import { html } from './html.js';
import { renderPage } from './layout.js';

/**
 * The Saved Wallet page a merchant links to after a HardDeclined charge (seed 004, spec §12.2;
 * issue point 5): the buyer picks another payment method (NonChargeable becomes Chargeable) or
 * removes the Saved Wallet (Closed, BuyerClosed). Both changes are notified to the merchant.
 */
export const WALLET_NOTICES = ['updated', 'removed'] as const;
export type WalletNotice = (typeof WALLET_NOTICES)[number];

const NOTICE_TEXT = {
  updated: 'wallet.updated',
  removed: 'wallet.removed',
} as const satisfies Record<WalletNotice, MessageKey>;

const STATE_TEXT = {
  Chargeable: 'wallet.stateChargeable',
  NonChargeable: 'wallet.stateNonChargeable',
  Closed: 'wallet.stateClosed',
} as const satisfies Record<ChargePermissionState, MessageKey>;

export const walletPath = (permissionId: string): string =>
  `/jr/your-account/ba/${encodeURIComponent(permissionId)}`;

export function renderWallet(
  t: Translator,
  model: {
    readonly view: WalletView;
    readonly csrfToken: string;
    readonly notice: WalletNotice | null;
    readonly error: Extract<MessageKey, `wallet.error${string}`> | null;
  },
  languageHref: (lang: Language) => string,
): string {
  const { permission, merchant, instruments } = model.view;
  const current = permission.paymentInstrument;
  const reasons = (permission.reasons ?? []).map((r) => r.reasonCode).join(' ');
  const status = t.text(STATE_TEXT[permission.state]) + (reasons ? ` (${reasons})` : '');
  const path = walletPath(permission.id);
  const title = t.text('wallet.title', { merchant: merchant.name });
  const body = html`<h1>${title}</h1>
    ${model.notice ? html`<p class="notice" role="status" data-testid="notice">${t.text(NOTICE_TEXT[model.notice])}</p>` : ''}
    ${model.error ? html`<p class="error" role="alert" data-testid="error">${t.text(model.error)}</p>` : ''}
    <p data-testid="wallet-state" data-state="${permission.state}" data-reasons="${reasons}">
      ${t.text('wallet.status', { status })}
    </p>
    <p>
      ${t.html('wallet.method', { method: html`<span data-testid="current-method">${current?.descriptor ?? t.text('wallet.noMethod')}</span>` })}
    </p>
    ${
      permission.state === 'Closed'
        ? html`<p data-testid="closed">${t.text('wallet.closed', { merchant: merchant.name })}</p>`
        : html`<form method="post" action="${path}/payment-method">
              <input type="hidden" name="csrf" value="${model.csrfToken}" />
              <fieldset>
                <legend>${t.text('wallet.updateLegend')}</legend>
                ${instruments.map(
                  (instrument) =>
                    html`<label
                      ><input
                        type="radio"
                        name="instrumentId"
                        value="${instrument.instrumentId}"
                        required
                        data-testid="method-${instrument.cardEnding}"
                        ${instrument.instrumentId === current?.instrumentId ? html` checked` : ''}
                      />${instrument.descriptor}${instrumentLabel(t, instrument, permission.environment)}</label
                    >`,
                )}
                <button type="submit" data-testid="update-method">
                  ${t.text('wallet.update')}
                </button>
              </fieldset>
            </form>
            <form method="post" action="${path}/remove">
              <input type="hidden" name="csrf" value="${model.csrfToken}" />
              <fieldset>
                <legend>${t.text('wallet.removeLegend')}</legend>
                <label
                  ><input
                    type="checkbox"
                    name="confirm"
                    value="yes"
                    required
                    data-testid="remove-confirm"
                  />${t.text('wallet.removeConfirm', { merchant: merchant.name })}</label
                >
                <button type="submit" class="secondary" data-testid="remove-wallet">
                  ${t.text('wallet.remove')}
                </button>
              </fieldset>
            </form>`
    }`;
  return renderPage({ t, title, body, languageHref });
}
