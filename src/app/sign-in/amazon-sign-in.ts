import type { Merchant, MerchantStore } from '../../domain/merchant/merchant.js';
import { DomainError, invalidParameter, notFound } from '../../domain/shared/errors.js';
import { validateReturnUrl } from '../../domain/shared/urls.js';
import {
  BUYER_TOKEN_LIFETIME,
  buyerView,
  isExpired,
  type BuyerToken,
  type BuyerView,
  type SignInScope,
} from '../../domain/sign-in/buyer-token.js';
import type { TestBuyer } from '../../domain/simulation/test-buyers.js';
import type { AppDependencies, Scope } from '../ports.js';
import { requireAllowedReturnUrl } from '../store-destinations.js';
import { inMerchantUnit, type Unit } from '../unit-of-work.js';

/**
 * Amazon Sign-in (issue 11 point 3): the SignIn button's verified payload names a store of the
 * merchant and a `signInReturnUrl`, which must be a valid return URL (HTTPS in Live) and one of
 * the store's Allowed Return URLs (the same registry as Login with Amazon, issue 10 point 4). The
 * buyer signs in as a test buyer and goes back there with a buyer token for Get Buyer.
 */
export interface SignInPayload {
  readonly signInReturnUrl: string;
  readonly storeId: string;
  readonly signInScopes: readonly SignInScope[];
}

export interface SignInView {
  readonly merchant: Merchant;
  readonly store: MerchantStore;
  readonly buyers: readonly TestBuyer[];
}

async function checkPayload(unit: Unit, payload: SignInPayload): Promise<MerchantStore> {
  const store = await unit.tx.merchantStores.find(payload.storeId);
  if (store?.merchantId !== unit.merchant.merchantId)
    throw invalidParameter('storeId', `${payload.storeId} is not a store of this merchant.`);
  validateReturnUrl(payload.signInReturnUrl, 'signInReturnUrl', unit.scope.environment);
  requireAllowedReturnUrl(store, payload.signInReturnUrl);
  return store;
}

export function viewSignIn(
  deps: AppDependencies,
  scope: Scope,
  payload: SignInPayload,
): Promise<SignInView> {
  return inMerchantUnit(deps, scope, async (unit) => ({
    merchant: unit.merchant,
    store: await checkPayload(unit, payload),
    buyers: await unit.tx.testBuyers.listByMerchant(unit.merchant.merchantId),
  }));
}

/** Issues the buyer token and answers where the buyer goes: signInReturnUrl with `buyerToken`. */
export function completeSignIn(
  deps: AppDependencies,
  scope: Scope,
  payload: SignInPayload,
  buyerId: string,
): Promise<string> {
  return inMerchantUnit(deps, scope, async (unit) => {
    const store = await checkPayload(unit, payload);
    const buyer = await unit.tx.testBuyers.find(unit.merchant.merchantId, buyerId);
    if (!buyer) throw invalidParameter('buyer', 'choose one of the listed test buyers.');
    const token: BuyerToken = {
      token: `amzn1.buyer-token.${unit.random.hex(64)}`,
      merchantId: unit.merchant.merchantId,
      environment: unit.scope.environment,
      storeId: store.storeId,
      buyerId,
      scopes: payload.signInScopes,
      createdAt: unit.now,
      expiresAt: unit.now + BUYER_TOKEN_LIFETIME,
    };
    await unit.tx.buyerTokens.insert(token);
    const target = new URL(payload.signInReturnUrl);
    target.searchParams.set('buyerToken', token.token);
    return target.toString();
  });
}

/** Get Buyer (spec §8.16): another merchant's or environment's token is unknown here. */
export async function getBuyer(unit: Unit, buyerToken: string): Promise<BuyerView> {
  const token = await unit.tx.buyerTokens.find(buyerToken);
  if (
    token === undefined ||
    token.merchantId !== unit.merchant.merchantId ||
    token.environment !== unit.scope.environment
  )
    throw notFound('Buyer', buyerToken);
  if (isExpired(token, unit.now))
    throw new DomainError(
      'InvalidParameterValue',
      `The buyerToken has expired: buyer tokens are valid for 24 hours after sign-in.`,
    );
  const buyer = await unit.tx.testBuyers.find(token.merchantId, token.buyerId);
  if (!buyer) throw notFound('Buyer', buyerToken);
  return buyerView(token, buyer);
}
