import type { TestBuyer } from '../../domain/simulation/test-buyers.js';
import { html, type SafeHtml } from './html.js';

/**
 * The "sign in as" choice of the sign-in pages (Login with Amazon, Amazon Sign-in): one radio
 * button per test buyer, named `buyerId`, the first one chosen; no password in a sandbox.
 */
export function testBuyerFieldset(
  legend: string,
  buyers: readonly TestBuyer[],
  testIdPrefix: string,
): SafeHtml {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${buyers.map(
      (buyer, index) =>
        html`<label
          ><input
            type="radio"
            name="buyerId"
            value="${buyer.details.buyerId}"
            data-testid="${testIdPrefix}${index}"
            ${index === 0 ? html`checked` : ''}
          />
          ${buyer.details.name} (${buyer.details.email})</label
        >`,
    )}
  </fieldset>`;
}
