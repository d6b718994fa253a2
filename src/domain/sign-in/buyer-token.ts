import type { Address } from '../shared/buyer.js';
import type { ReleaseEnvironment } from '../shared/environment.js';
import { HOUR, type Instant } from '../shared/time.js';
import type { TestBuyer } from '../simulation/test-buyers.js';

/**
 * Amazon Sign-in (spec §4.5, §8.16; Amazon Pay "Amazon Sign-in" and "Buyer" pages): the buyer
 * signs in from the SignIn button and returns to `signInReturnUrl` with a buyer token; Get Buyer
 * answers the buyer with the fields `signInScopes` asked for, for 24 hours (spec §10, "valid 24 h",
 * on the merchant's clock).
 */
export const SIGN_IN_SCOPES = [
  'name',
  'email',
  'postalCode',
  'shippingAddress',
  'phoneNumber',
  'billingAddress',
  'primeStatus',
] as const;
export type SignInScope = (typeof SIGN_IN_SCOPES)[number];

/** "If no signInScopes are set, we will return name, email by default" (Amazon Sign-in guide). */
export const DEFAULT_SIGN_IN_SCOPES: readonly SignInScope[] = ['name', 'email'];

export const BUYER_TOKEN_LIFETIME = 24 * HOUR;

export interface BuyerToken {
  readonly token: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly storeId: string;
  readonly buyerId: string;
  readonly scopes: readonly SignInScope[];
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
}

/** The Buyer object (spec §4.5): every documented field, null where the scopes do not reach. */
export interface BuyerView {
  readonly buyerId: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly postalCode: string | null;
  readonly countryCode: string | null;
  readonly shippingAddress: Address | null;
  readonly billingAddress: Address | null;
  readonly phoneNumber: string | null;
  /** Only for allow-listed merchants (spec §4.5); no localpay merchant is. */
  readonly primeMembershipTypes: readonly string[] | null;
}

export const isExpired = (token: BuyerToken, now: Instant): boolean => now >= token.expiresAt;

export function buyerView(token: BuyerToken, buyer: TestBuyer): BuyerView {
  const scopes = new Set<SignInScope>(
    token.scopes.length === 0 ? DEFAULT_SIGN_IN_SCOPES : token.scopes,
  );
  const address = buyer.addresses[0] ?? null;
  return {
    buyerId: buyer.details.buyerId,
    name: scopes.has('name') ? buyer.details.name : null,
    email: scopes.has('email') ? buyer.details.email : null,
    // The default shipping address's postal and country code (Buyer page).
    postalCode: scopes.has('postalCode') ? (address?.postalCode ?? null) : null,
    countryCode: scopes.has('postalCode') ? (address?.countryCode ?? null) : null,
    shippingAddress: scopes.has('shippingAddress') && address ? { ...address } : null,
    billingAddress: scopes.has('billingAddress') && address ? { ...address } : null,
    phoneNumber: scopes.has('phoneNumber')
      ? (buyer.details.phoneNumber ?? address?.phoneNumber ?? null)
      : null,
    primeMembershipTypes: null,
  };
}
