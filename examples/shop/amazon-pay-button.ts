import { html, js, raw, scriptValue, type Html } from './html.js';
import { LOCALES, type Language } from './i18n.js';
import type { AmazonPayAccount } from './shop-config.js';

/**
 * The Amazon Pay button as Amazon's guides write it ("Add the Amazon Pay button", "Amazon
 * Sign-in"; environment-specific keys): checkout.js renders it into `#id`, and the click takes
 * the buyer to Amazon Pay with a payload the shop signed on its server with the SDK's
 * generateButtonSignature. The script's host is the only thing localpay changes.
 */
export interface SignedButton {
  readonly payloadJSON: string;
  readonly signature: string;
}

export interface ButtonSpec {
  readonly id: string;
  readonly productType: 'PayAndShip' | 'SignIn';
  readonly placement: 'Home' | 'Product' | 'Cart' | 'Checkout';
  readonly signed: SignedButton;
}

export function amazonPayButton(
  account: AmazonPayAccount,
  lang: Language,
  button: ButtonSpec,
): Html {
  const config = raw(
    button.productType === 'SignIn' ? 'signInConfig' : 'createCheckoutSessionConfig',
  );
  return html`<script type="text/javascript" charset="utf-8">
    ${js`amazon.Pay.renderButton('#${raw(button.id)}', {
        // set checkout environment
        merchantId: ${scriptValue(account.merchantId)},
        publicKeyId: ${scriptValue(account.v2.publicKeyId)},
        ledgerCurrency: ${scriptValue(account.currency)},
        // customize the buyer experience
        checkoutLanguage: ${scriptValue(LOCALES[lang].replace('-', '_'))},
        productType: ${scriptValue(button.productType)},
        placement: ${scriptValue(button.placement)},
        buttonColor: 'Gold',
        // configure the Create Checkout Session request (or sign in)
        ${config}: {
            payloadJSON: ${scriptValue(button.signed.payloadJSON)}, // string generated in step 2
            signature: ${scriptValue(button.signed.signature)}, // signature generated in step 3
            algorithm: 'AMZN-PAY-RSASSA-PSS-V2'
        }
    });`};
  </script>`;
}

/** checkout.js itself, once per page, before the buttons. */
export const checkoutJs = (account: AmazonPayAccount): Html =>
  html`<script src="${account.buyerPages.checkoutJsUrl}"></script>`;
