import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMerchant } from '../src/app/merchant-administration.js';
import type { Store } from '../src/app/ports.js';
import { authorizedCharge } from '../src/domain/charge/charge-operations.js';
import { openChargePermission } from '../src/domain/charge-permission/charge-permission-operations.js';
import type { ChargePermission } from '../src/domain/charge-permission/charge-permission.js';
import { newCheckoutSession } from '../src/domain/checkout-session/checkout-session-operations.js';
import { money } from '../src/domain/shared/money.js';
import { cryptoRandom } from '../src/runtime/crypto-random.js';
import { systemClock } from '../src/runtime/system-clock.js';
import { createStore } from '../src/store/sql-store.js';
import { openDatabase } from './postgres-database.js';
import { wholeNumberSetting } from './settings.js';

/**
 * Issue 14 point 7: how long saving and restoring a named snapshot take for a store of 100,000
 * charges (BENCH_CHARGES), on SQLite and on PostgreSQL (BENCH_DATABASE_URL, else a throwaway
 * cluster from scripts/postgres.sh, fsync off as for the tests). The store is seeded through the
 * Store port, not the API: real merchants, checkout sessions, charge permissions and charges as
 * the domain makes them, 100 charges per permission, 1,000 per transaction. A small store (one
 * merchant, 100 charges) is timed too: the cost between two tests. BENCH_SNAPSHOT_DATABASES=sqlite
 * (or postgres) runs one of the two.
 */
const CHARGES = wholeNumberSetting('BENCH_CHARGES', 100_000, 1);
const PER_PERMISSION = 100;
const PER_TRANSACTION = 1_000;
const SEED_CONCURRENCY = 8;

async function seed(store: Store, charges: number): Promise<string> {
  const deps = { store, clock: systemClock, random: cryptoRandom };
  const { merchant } = await createMerchant(deps, { name: 'Bench shop', region: 'NA' });
  const scope = { merchantId: merchant.merchantId, environment: 'Sandbox' as const };
  const now = systemClock.now();
  const starts = Array.from(
    { length: Math.ceil(charges / PER_TRANSACTION) },
    (_, index) => index * PER_TRANSACTION,
  );
  const next = (): number | undefined => starts.shift();
  const worker = async (): Promise<void> => {
    for (let start = next(); start !== undefined; start = next()) await insertChunk(start);
  };
  const insertChunk = (start: number) =>
    store.transaction(async (tx) => {
      // PER_TRANSACTION is a multiple of PER_PERMISSION: each transaction opens its first one.
      let permission: ChargePermission | undefined;
      for (let index = start; index < Math.min(charges, start + PER_TRANSACTION); index += 1) {
        const serial = String(index).padStart(7, '0');
        if (index % PER_PERMISSION === 0) {
          const session = newCheckoutSession(
            {
              storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
              webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
              paymentDetails: { paymentIntent: 'Authorize', chargeAmount: money(1999, 'USD') },
              merchantMetadata: { merchantReferenceId: `order-${serial}` },
            },
            { id: `bench-session-${serial}`, ...scope, region: 'NA', now },
          );
          await tx.checkoutSessions.insert(session);
          permission = openChargePermission(session, `S01-${serial}-0000000`, now);
          await tx.chargePermissions.insert(permission);
        }
        if (permission === undefined) throw new Error('no permission to charge');
        await tx.charges.insert(
          authorizedCharge(
            permission,
            {
              id: `S01-${serial}-0000000-C000001`,
              chargeAmount: money(1999, 'USD'),
              captureNow: false,
              softDescriptor: null,
              canHandlePendingAuthorization: false,
            },
            now,
          ),
        );
      }
    });
  // Several transactions at once: PostgreSQL's round trips overlap (SQLite batches them anyway).
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  return merchant.merchantId;
}

interface Timing {
  readonly backend: string;
  readonly charges: number;
  readonly seedMs: number;
  readonly saveMs: number;
  readonly restoreMs: number;
  readonly megabytes: number;
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
}

async function measure(backend: string, store: Store, charges: number): Promise<Timing> {
  const [seedMs, merchantId] = await time(() => seed(store, charges));
  const [saveMs, saved] = await time(() =>
    store.snapshots.save(`bench-${charges}`, Date.now(), true),
  );
  if (saved === 'exists') throw new Error('overwrite was refused');
  if (saved.rows.charges !== charges) throw new Error(`saved ${saved.rows.charges} charges`);
  // The world moves on (the merchant is reset: every charge goes), then is put back.
  await store.transaction((tx) => tx.merchantData.erase(merchantId));
  const [restoreMs, restored] = await time(() => store.snapshots.restore(`bench-${charges}`));
  if (restored === undefined) throw new Error('restore found no snapshot');
  const back = await store.transaction((tx) =>
    tx.charges.find({ merchantId, environment: 'Sandbox' }, 'S01-0000000-0000000-C000001'),
  );
  if (back === undefined) throw new Error('the restored store lacks the first charge');
  await store.snapshots.delete(`bench-${charges}`);
  return { backend, charges, seedMs, saveMs, restoreMs, megabytes: saved.bytes / 1e6 };
}

async function onSqlite(charges: number): Promise<Timing> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'localpay-bench-snapshots-'));
  const store = await createStore({ kind: 'sqlite', file: path.join(dir, 'localpay.db') });
  try {
    return await measure('SQLite (synchronous=FULL)', store, charges);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function onPostgres(charges: number): Promise<Timing> {
  const database = await openDatabase();
  try {
    const store = await createStore({ kind: 'postgres', connectionString: database.url });
    try {
      return await measure(
        `PostgreSQL (${process.env.BENCH_DATABASE_URL ? 'given' : 'throwaway, fsync off'})`,
        store,
        charges,
      );
    } finally {
      await store.close();
    }
  } finally {
    await database.stop();
  }
}

const row = (timing: Timing): string =>
  `| ${timing.backend} | ${timing.charges.toLocaleString('en')} | ${timing.megabytes.toFixed(1)} MB | ${(timing.seedMs / 1000).toFixed(1)} s | ${timing.saveMs.toFixed(0)} ms | ${timing.restoreMs.toFixed(0)} ms |`;

export async function runSnapshotsBenchmark(): Promise<void> {
  console.log(
    `\nSnapshots: save and restore (load average ${os.loadavg()[0]?.toFixed(2)}, ${os.cpus().length} CPUs)`,
  );
  console.log('| store | charges | snapshot size | seed | save | restore |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const databases = (process.env.BENCH_SNAPSHOT_DATABASES ?? 'sqlite,postgres').split(',');
  if (databases.includes('sqlite'))
    for (const charges of [100, CHARGES]) console.log(row(await onSqlite(charges)));
  if (databases.includes('postgres'))
    for (const charges of [100, CHARGES]) console.log(row(await onPostgres(charges)));
  console.log(`load average after: ${os.loadavg()[0]?.toFixed(2)}`);
}
