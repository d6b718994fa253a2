import { notFound } from '../../domain/shared/errors.js';
import type { AppDependencies } from '../ports.js';

/**
 * Reset (issue 14 point 7): a merchant back to a fresh sandbox with the same credentials, so test
 * suites can start from nothing without re-registering keys: its objects and logs are erased and
 * its clock returns to real time, in one transaction. `null` resets every merchant.
 */
export async function resetMerchants(
  deps: AppDependencies,
  merchantId: string | null,
): Promise<{ readonly reset: readonly string[] }> {
  const erase = () =>
    deps.store.transaction(async (tx) => {
      const merchants =
        merchantId === null ? await tx.merchants.list() : [await tx.merchants.find(merchantId)];
      const reset: string[] = [];
      for (const merchant of merchants) {
        if (merchant === undefined) throw notFound('merchant', merchantId ?? '');
        await tx.merchantData.erase(merchant.merchantId);
        await tx.merchants.update({ ...merchant, clockOffsetMs: 0 });
        reset.push(merchant.merchantId);
      }
      return { reset };
    });
  // As around a snapshot restore: what lives in memory and writes on its own (the request log's
  // unwritten calls, an IPN attempt under way) is written before the erase, not into the fresh
  // sandbox after it, and the caches forget what they read.
  return deps.restoreHooks?.around(erase) ?? erase();
}
