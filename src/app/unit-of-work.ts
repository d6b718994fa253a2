import type { Merchant } from '../domain/merchant/merchant.js';
import type { SandboxHttpHosts } from '../domain/shared/urls.js';
import { DomainError } from '../domain/shared/errors.js';
import type { RandomSource } from '../domain/shared/ids.js';
import type { Instant } from '../domain/shared/time.js';
import type { AppDependencies, Scope, Transaction } from './ports.js';

/**
 * Everything one operation works with: its transaction, the merchant it acts for, and that
 * merchant's time. Operations take a Unit so they compose inside one transaction.
 */
export interface Unit {
  readonly tx: Transaction;
  readonly merchant: Merchant;
  readonly scope: Scope;
  /** The merchant's clock: real time plus the merchant's offset. */
  readonly now: Instant;
  readonly random: RandomSource;
  /** Which hosts may use plain http return URLs in Sandbox (config LOCALPAY_SANDBOX_HTTP_RETURN_URLS). */
  readonly sandboxHttp: SandboxHttpHosts;
}

/** Opens a transaction for a merchant and environment and runs `work` in it. */
export function inMerchantUnit<T>(
  deps: AppDependencies,
  scope: Scope,
  work: (unit: Unit) => Promise<T>,
): Promise<T> {
  return deps.store.transaction(async (tx) => {
    const merchant = await tx.merchants.find(scope.merchantId);
    if (!merchant)
      throw new DomainError(
        'InvalidAccountStatus',
        `The merchant ${scope.merchantId} does not exist.`,
      );
    return work(unitFor(deps, tx, merchant, scope));
  });
}

export const unitFor = (
  deps: AppDependencies,
  tx: Transaction,
  merchant: Merchant,
  scope: Scope,
): Unit => ({
  tx,
  merchant,
  scope,
  now: deps.clock.now() + merchant.clockOffsetMs,
  random: deps.random,
  sandboxHttp: deps.sandboxHttpReturnUrls ?? 'localhost',
});
