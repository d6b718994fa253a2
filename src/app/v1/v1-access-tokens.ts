import { DomainError, invalidParameter, notFound } from '../../domain/shared/errors.js';
import { HOUR } from '../../domain/shared/time.js';
import type { TestBuyer } from '../../domain/simulation/test-buyers.js';
import type { Merchant } from '../../domain/merchant/merchant.js';
import type { AppDependencies, Transaction } from '../ports.js';
import {
  requireAllowedOrigin,
  requireAllowedReturnUrl,
  storeOfClient,
} from '../store-destinations.js';
import type { Unit } from '../unit-of-work.js';
import type { V1AccessToken } from './v1-ports.js';

/**
 * Login with Amazon for the v1 widgets (spec v1 §7.2, §7.3): the buyer signs in as one of the
 * merchant's test buyers on localpay's login page, the merchant's page receives an opaque access
 * token tied to that buyer and the merchant's client id (its store id), and passes it on as
 * AddressConsentToken/AccessToken. Tokens last an hour, as LWA's do.
 */
export const ACCESS_TOKEN_LIFETIME = HOUR;

export interface LoginView {
  readonly merchant: Merchant;
  readonly clientId: string;
  readonly buyers: readonly TestBuyer[];
}

/**
 * Where the token goes: a redirect to the merchant's redirect_uri, or (Widgets.js's popup) a
 * postMessage to the page that opened the popup. Either must be registered for the store (Allowed
 * Return URLs, Allowed JavaScript Origins; issue 10 point 4), checked on the page and again when
 * the token is issued.
 */
export type LoginDestination =
  | { readonly kind: 'redirect'; readonly url: string }
  | { readonly kind: 'popup'; readonly origin: string };

async function merchantOfClient(
  tx: Transaction,
  clientId: string,
  destination: LoginDestination,
): Promise<Merchant> {
  const store = await storeOfClient(tx, clientId);
  if (destination.kind === 'redirect') requireAllowedReturnUrl(store, destination.url);
  else requireAllowedOrigin(store, destination.origin);
  const merchant = await tx.merchants.find(store.merchantId);
  if (merchant === undefined) throw notFound('client id', clientId);
  return merchant;
}

export function viewLogin(
  deps: AppDependencies,
  clientId: string,
  destination: LoginDestination,
): Promise<LoginView> {
  return deps.store.transaction(async (tx) => {
    const merchant = await merchantOfClient(tx, clientId, destination);
    return { merchant, clientId, buyers: await tx.testBuyers.listByMerchant(merchant.merchantId) };
  });
}

export function issueAccessToken(
  deps: AppDependencies,
  clientId: string,
  destination: LoginDestination,
  buyerId: string,
  scope: string,
): Promise<V1AccessToken> {
  return deps.store.transaction(async (tx) => {
    const merchant = await merchantOfClient(tx, clientId, destination);
    const buyer = await tx.testBuyers.find(merchant.merchantId, buyerId);
    if (!buyer) throw invalidParameter('buyer', 'choose one of the listed test buyers.');
    const now = deps.clock.now() + merchant.clockOffsetMs;
    const token: V1AccessToken = {
      token: `Atza|${deps.random.hex(48)}`,
      merchantId: merchant.merchantId,
      buyerId,
      clientId,
      scope: scope.trim() === '' ? 'profile payments:widget' : scope.trim(),
      createdAt: now,
      expiresAt: now + ACCESS_TOKEN_LIFETIME,
    };
    await tx.v1AccessTokens.insert(token);
    return token;
  });
}

const invalidToken = (): DomainError =>
  new DomainError(
    'InvalidAddressConsentToken',
    'The access token is invalid, has expired, or was not issued for this buyer.',
  );

/** A valid token and its buyer, for the widgets and LWA's tokeninfo and profile. */
export async function resolveAccessToken(
  deps: AppDependencies,
  token: string,
): Promise<{
  readonly token: V1AccessToken;
  readonly buyer: TestBuyer;
  readonly merchant: Merchant;
}> {
  return deps.store.transaction(async (tx) => {
    const found = await tx.v1AccessTokens.find(token);
    const merchant = found === undefined ? undefined : await tx.merchants.find(found.merchantId);
    if (found === undefined || merchant === undefined) throw invalidToken();
    if (deps.clock.now() + merchant.clockOffsetMs >= found.expiresAt) throw invalidToken();
    const buyer = await tx.testBuyers.find(found.merchantId, found.buyerId);
    if (!buyer) throw invalidToken();
    return { token: found, buyer, merchant };
  });
}

/**
 * GetOrderReferenceDetails / GetBillingAgreementDetails with AccessToken or AddressConsentToken
 * (spec v1 §2.6): both at once is AmbiguousToken; a token must be valid and the contract's buyer's.
 */
export async function tokenReveals(
  unit: Unit,
  tokens: { readonly accessToken: string | null; readonly addressConsentToken: string | null },
  buyerId: string | null,
): Promise<boolean> {
  if (tokens.accessToken !== null && tokens.addressConsentToken !== null)
    throw new DomainError(
      'AmbiguousToken',
      'Send either AccessToken or AddressConsentToken, not both.',
    );
  const value = tokens.accessToken ?? tokens.addressConsentToken;
  if (value === null) return false;
  const found = await unit.tx.v1AccessTokens.find(value);
  if (
    found === undefined ||
    found.merchantId !== unit.merchant.merchantId ||
    unit.now >= found.expiresAt ||
    found.buyerId !== buyerId
  )
    throw invalidToken();
  return true;
}
