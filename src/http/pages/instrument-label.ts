import type { PaymentInstrument } from '../../domain/shared/buyer.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { behaviourOf } from '../../domain/simulation/payment-instruments.js';
import { html, type SafeHtml } from './html.js';
import type { Translator } from './i18n/catalogue.js';

/**
 * In Sandbox, each test card says what it simulates (issue 14 point 6: a developer should not need
 * docs/decisions.md to know which card declines), from the same table that decides its behaviour.
 */
export const instrumentLabel = (
  t: Translator,
  instrument: PaymentInstrument,
  environment: ReleaseEnvironment,
): SafeHtml =>
  environment === 'Sandbox'
    ? html` <span class="note" data-testid="simulates-${instrument.cardEnding}"
        >(${t.text(`instrument.${behaviourOf(instrument)}`)})</span
      >`
    : html``;
