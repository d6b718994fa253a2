import type { MerchantStore } from '../../domain/merchant/merchant.js';
import { LOOPBACK_DESTINATIONS } from '../../domain/merchant/allowed-destinations.js';
import type { MerchantAccount } from '../../domain/partners/merchant-account.js';
import { invalidParameter, notFound } from '../../domain/shared/errors.js';
import { newStoreId, type RandomSource } from '../../domain/shared/ids.js';
import type { Transaction } from '../ports.js';
import type { Unit } from '../unit-of-work.js';
import { providerAccount } from './provider-account.js';
import type { PartnerStore } from './partner-ports.js';

/**
 * Stores of provider-registered accounts (createMerchantAccount's `stores`, PHP SDK 2.7.2
 * createStore / updateStore): each is a real localpay store (a client id checkout sessions name)
 * plus what the provider sent about it (domains, redirect URLs, privacy policy, logo, status).
 */
export interface StoreInput {
  readonly storeName: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;
}

const nameOf = (account: MerchantAccount, input: StoreInput): string => {
  const name = (input.storeName ?? `${account.merchantAccountId} store`).trim();
  if (name === '' || name.length > 100)
    throw invalidParameter('storeName', 'give 1 to 100 characters.');
  return name;
};

/** Creates a store, or takes over the account's default store for the first one registered. */
export async function createAccountStore(
  tx: Transaction,
  random: RandomSource,
  account: MerchantAccount,
  input: StoreInput,
  reuse: MerchantStore | undefined,
): Promise<PartnerStore> {
  const store: MerchantStore = {
    storeId: reuse?.storeId ?? newStoreId(random),
    merchantId: account.merchantAccountId,
    name: nameOf(account, input),
    allowedReturnUrls: reuse?.allowedReturnUrls ?? LOOPBACK_DESTINATIONS.allowedReturnUrls,
    allowedJavaScriptOrigins:
      reuse?.allowedJavaScriptOrigins ?? LOOPBACK_DESTINATIONS.allowedJavaScriptOrigins,
  };
  if (reuse === undefined) await tx.merchantStores.insert(store);
  else await tx.merchantStores.update(store);
  const partnerStore: PartnerStore = {
    storeId: store.storeId,
    merchantAccountId: account.merchantAccountId,
    details: { ...input.details, storeName: store.name },
  };
  await tx.partnerStores.insert(partnerStore);
  return partnerStore;
}

export async function createStore(
  unit: Unit,
  callerId: string,
  merchantAccountId: string,
  input: StoreInput,
): Promise<PartnerStore> {
  const account = await providerAccount(unit, callerId, merchantAccountId);
  return createAccountStore(unit.tx, unit.random, account, input, undefined);
}

/** Fields not sent stay as they were. */
export async function updateStore(
  unit: Unit,
  callerId: string,
  merchantAccountId: string,
  storeId: string,
  input: StoreInput,
): Promise<PartnerStore> {
  const account = await providerAccount(unit, callerId, merchantAccountId);
  const before = await unit.tx.partnerStores.find(storeId);
  const store = await unit.tx.merchantStores.find(storeId);
  if (before === undefined || store === undefined || before.merchantAccountId !== merchantAccountId)
    throw notFound('store', storeId);
  const name = input.storeName === undefined ? store.name : nameOf(account, input);
  if (name !== store.name) await unit.tx.merchantStores.update({ ...store, name });
  const after: PartnerStore = {
    ...before,
    details: { ...before.details, ...input.details, storeName: name },
  };
  await unit.tx.partnerStores.update(after);
  return after;
}
