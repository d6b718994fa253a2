import { notFound } from '../../domain/shared/errors.js';
import type { RandomSource } from '../../domain/shared/ids.js';
import type { Instant } from '../../domain/shared/time.js';
import { unsharedCopy } from '../../domain/shared/unshared-string.js';
import type { AppDependencies, Transaction } from '../ports.js';
import type { MwsCredential } from './v1-ports.js';

/**
 * MWS access keys (spec v1 §1.3): every merchant gets one when it is created; more can be added
 * through the admin API or the CLI. The secret signs Signature Version 2 requests (HmacSHA256).
 */
export function newMwsCredential(
  random: RandomSource,
  merchantId: string,
  now: Instant,
): MwsCredential {
  return {
    accessKeyId: `AKIA${random.upperAlphanumeric(16)}`,
    merchantId,
    secretKey: `${random.hex(20)}${random.upperAlphanumeric(20)}`,
    createdAt: now,
  };
}

/** Called in createMerchant's transaction: a new merchant starts with one MWS key. */
export async function issueMwsCredential(
  tx: Transaction,
  random: RandomSource,
  merchantId: string,
  now: Instant,
): Promise<MwsCredential> {
  const credential = newMwsCredential(random, merchantId, now);
  await tx.mwsCredentials.insert(credential);
  return credential;
}

export function createMwsCredential(
  deps: AppDependencies,
  merchantId: string,
): Promise<MwsCredential> {
  return deps.store.transaction(async (tx) => {
    if (!(await tx.merchants.find(merchantId))) throw notFound('merchant', merchantId);
    return issueMwsCredential(tx, deps.random, merchantId, deps.clock.now());
  });
}

export function listMwsCredentials(
  deps: AppDependencies,
  merchantId: string,
): Promise<MwsCredential[]> {
  return deps.store.transaction(async (tx) => {
    if (!(await tx.merchants.find(merchantId))) throw notFound('merchant', merchantId);
    return tx.mwsCredentials.listByMerchant(merchantId);
  });
}

/** The merchant's first MWS key, issuing one for merchants created before v1 existed. */
export async function ensureMwsCredential(
  deps: AppDependencies,
  merchantId: string,
): Promise<MwsCredential> {
  const existing = await listMwsCredentials(deps, merchantId);
  return existing[0] ?? createMwsCredential(deps, merchantId);
}

/**
 * Looks up an access key for the signature check. Keys never change once issued, so found ones
 * are cached; unknown ones are not (a key issued a moment later must work at once).
 */
export interface MwsKeyDirectory {
  lookup(accessKeyId: string): Promise<MwsCredential | undefined>;
}

export function createMwsKeyDirectory(deps: AppDependencies): MwsKeyDirectory {
  const cache = new Map<string, MwsCredential>();
  // A restored snapshot may lack keys issued after it was saved.
  deps.restoreHooks?.add({ afterRestore: () => cache.clear() });
  return {
    async lookup(accessKeyId) {
      const cached = cache.get(accessKeyId);
      if (cached) return cached;
      if (accessKeyId.length > 128) return undefined;
      const found = await deps.store.transaction((tx) => tx.mwsCredentials.find(accessKeyId));
      // A copy: the id as sent is a view into the whole form body (unshared-string.ts).
      if (found) cache.set(unsharedCopy(accessKeyId), found);
      return found;
    },
  };
}
