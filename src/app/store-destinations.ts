import {
  isAllowedOrigin,
  isAllowedReturnUrl,
  normaliseList,
  normaliseOrigin,
  normaliseReturnUrl,
} from '../domain/merchant/allowed-destinations.js';
import type { MerchantStore } from '../domain/merchant/merchant.js';
import { DomainError, notFound } from '../domain/shared/errors.js';
import type { AppDependencies, Transaction } from './ports.js';

/**
 * A store's Allowed Return URLs and JavaScript origins (issue 10 point 4): set by the operator
 * (admin API, CLI), checked wherever localpay sends a buyer, a token or a message to a URL a
 * request names (Login with Amazon's redirect_uri and popup origin, Amazon Sign-in's
 * signInReturnUrl).
 */
export interface StoreDestinationsInput {
  readonly allowedReturnUrls?: readonly string[] | undefined;
  readonly allowedJavaScriptOrigins?: readonly string[] | undefined;
}

export async function setStoreDestinations(
  deps: AppDependencies,
  merchantId: string,
  storeId: string,
  input: StoreDestinationsInput,
): Promise<MerchantStore> {
  const returnUrls =
    input.allowedReturnUrls &&
    normaliseList(input.allowedReturnUrls, normaliseReturnUrl, 'allowedReturnUrls');
  const origins =
    input.allowedJavaScriptOrigins &&
    normaliseList(input.allowedJavaScriptOrigins, normaliseOrigin, 'allowedJavaScriptOrigins');
  return deps.store.transaction(async (tx) => {
    const store = await tx.merchantStores.find(storeId);
    if (store?.merchantId !== merchantId) throw notFound('store', storeId);
    const changed: MerchantStore = {
      ...store,
      allowedReturnUrls: returnUrls ?? store.allowedReturnUrls,
      allowedJavaScriptOrigins: origins ?? store.allowedJavaScriptOrigins,
    };
    await tx.merchantStores.update(changed);
    return changed;
  });
}

/**
 * Login with Amazon's refusal of an unregistered redirect_uri or origin. Its wording is LWA's own
 * error page ("The redirect URI you provided has not been whitelisted for your application.").
 */
export const unregisteredDestination = (
  what: string,
  value: string,
  storeId: string,
): DomainError =>
  new DomainError(
    'InvalidRequest',
    `The ${what} you provided has not been whitelisted for your application: '${value}' is not one of the Allowed ${what === 'origin' ? 'JavaScript Origins' : 'Return URLs'} of ${storeId}.`,
  );

/** The store a client id names, or ResourceNotFound. */
export async function storeOfClient(tx: Transaction, clientId: string): Promise<MerchantStore> {
  const store = await tx.merchantStores.find(clientId);
  if (store === undefined) throw notFound('client id', clientId);
  return store;
}

export function requireAllowedReturnUrl(store: MerchantStore, url: string): string {
  if (!isAllowedReturnUrl(store, url))
    throw unregisteredDestination('redirect URI', url, store.storeId);
  return url;
}

export function requireAllowedOrigin(store: MerchantStore, origin: string): string {
  if (!isAllowedOrigin(store, origin))
    throw unregisteredDestination('origin', origin, store.storeId);
  return origin;
}
