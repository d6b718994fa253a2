import type { Merchant } from '../domain/merchant/merchant.js';
import { BACK_OFFICE_LOADERS } from './back-office/back-office-loaders.js';
import { generateSettlementReports } from './back-office/generate-settlement-reports.js';
import { ALL_LOADERS, loadWith, type Loader } from './load-aggregates.js';
import type { AppDependencies } from './ports.js';
import { unitFor } from './unit-of-work.js';

const BATCH = 100;

/** Settles one batch of this merchant's due objects of one kind; answers how many it settled. */
function settleBatch<T>(
  deps: AppDependencies,
  merchant: Merchant,
  loader: Loader<T>,
): Promise<number> {
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now() + merchant.clockOffsetMs;
    const probe = unitFor(deps, tx, merchant, {
      merchantId: merchant.merchantId,
      environment: 'Sandbox',
    });
    const due = await loader.repository(probe).dueIds(merchant.merchantId, now, BATCH);
    for (const { id, environment } of due)
      await loadWith(
        loader,
        unitFor(deps, tx, merchant, { merchantId: merchant.merchantId, environment }),
        id,
      );
    return due.length;
  });
}

/**
 * Fires every timer that is due: session expiry, authorization expiry, permission expiry, and the
 * settlement reports of closed settlement periods. Runs in
 * the background on an interval and right after a merchant's clock moves, so notifications go out
 * without anyone reading the objects. Settling moves each object's due time past `now`, so every
 * batch makes progress and the loop ends.
 */
export async function runDueTimers(deps: AppDependencies, merchantId?: string): Promise<number> {
  const merchants = await deps.store.transaction((tx) => tx.merchants.list());
  let fired = 0;
  for (const merchant of merchants) {
    if (merchantId !== undefined && merchant.merchantId !== merchantId) continue;
    // Settlement reports of the periods that closed, before the report timers process them.
    fired += await generateSettlementReports(deps, merchant);
    for (const loader of [...ALL_LOADERS, ...BACK_OFFICE_LOADERS]) {
      for (;;) {
        const settled = await settleBatch(deps, merchant, loader as Loader<unknown>);
        fired += settled;
        if (settled < BATCH) break;
      }
    }
  }
  return fired;
}
