import type { MessageKey } from './i18n.js';

/**
 * What the shop sells. Amounts are strings with two decimals, as both Amazon Pay APIs take them.
 * The prices are chosen so that the PSD2 rules show both outcomes: a payment of at most EUR 30 is
 * usually exempt from Strong Customer Authentication (201 at once), a larger one is challenged
 * (v1 Confirmation Flow, v2 202 with amazonPayRedirectUrl).
 */
export interface Product {
  readonly sku: string;
  readonly name: MessageKey;
  readonly price: string;
}

export const GRINDER: Product = { sku: 'grinder', name: 'product.grinder', price: '49.99' };

export const PRODUCTS: Readonly<Record<string, Product>> = { grinder: GRINDER };

export interface Plan {
  readonly id: string;
  readonly name: MessageKey;
  /** Charged every month on the buyer's Saved Wallet. */
  readonly monthly: string;
}

export const PLANS: Readonly<Record<string, Plan>> = {
  filter: { id: 'filter', name: 'plan.filter', monthly: '19.00' },
  espresso: { id: 'espresso', name: 'plan.espresso', monthly: '49.00' },
};
