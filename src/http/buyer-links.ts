/**
 * Absolute URLs of localpay's buyer-facing pages, built from the public base URL, so API responses
 * hand merchants links their buyers' browsers can open. The base is read when a link is made: with
 * port 0 it is only known once the HTTP listener is bound.
 */
export interface BuyerLinks {
  base(): string;
  /** Sign-in and payment-method choice: what the Amazon Pay button opens. */
  checkoutStart(checkoutSessionId: string): string;
  /** `amazonPayRedirectUrl`: processing (and any challenge) before the result URL. */
  checkoutProcessing(checkoutSessionId: string): string;
  /** The payment-method update page named by seed 004. */
  walletUpdate(chargePermissionId: string): string;
}

export function buyerLinks(base: () => string): BuyerLinks {
  const root = (): string => base().replace(/\/+$/, '');
  const withSession = (path: string, id: string): string =>
    `${root()}${path}?amazonCheckoutSessionId=${encodeURIComponent(id)}`;
  return {
    base: root,
    checkoutStart: (id) => withSession('/checkout/start', id),
    checkoutProcessing: (id) => withSession('/checkout/processing', id),
    walletUpdate: (id) => `${root()}/jr/your-account/ba/${encodeURIComponent(id)}`,
  };
}
