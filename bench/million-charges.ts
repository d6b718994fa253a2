import os from 'node:os';
import { createChargeContender, PERMISSIONS, SET_UP_CONCURRENCY } from './create-charge.js';
import { formatTable, LOAD, measure, type Measurement } from './load.js';
import { openDatabase, type Database } from './postgres-database.js';
import { createSavedWallets, merchantClient, type Client } from './saved-wallet.js';
import { seedStore } from './seed-charges.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { signedGetContender } from './signed-get.js';

/**
 * Issue 16, target 4, "flat with size": Create Charge and the signed GET measured on an empty
 * store, then again after 1,000,000 charges were added, in one run on one server process. The
 * million is seeded through the store (seed-charges.ts), not the API. Each phase has its own Saved
 * Wallets, made before seeding, so both start with permissions that have no charges this month:
 * the monthly-limit sum reads as many index entries in both, and only the store's size differs.
 * Hello-world is measured in each phase too: a change there is the machine, not the store.
 *
 * Knobs: BENCH_SEED_CHARGES (1,000,000), BENCH_PERMISSIONS (Saved Wallets per phase, 1,000),
 * BENCH_REQUESTS=N (N warm-up and N measured Create Charges, for a smoke run), BENCH_POSTGRES=1
 * or BENCH_DATABASE_URL for PostgreSQL (postgres-database.ts; a given database must be empty).
 */

const SEED_CHARGES = Number(process.env.BENCH_SEED_CHARGES ?? 1_000_000);
const SMOKE = Number(process.env.BENCH_REQUESTS ?? 0);
const POSTGRES = process.env.BENCH_POSTGRES === '1' || Boolean(process.env.BENCH_DATABASE_URL);
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** The target: p50 and p99 with the million within this factor of the empty store's. */
const TOLERANCE = 1.1;

interface Phase {
  readonly hello: Measurement;
  readonly createCharge: Measurement;
  readonly signedGet: Measurement;
}

async function measurePhase(
  name: string,
  server: ServerProcess,
  client: Client,
  permissionIds: readonly string[],
): Promise<Phase> {
  const { ready } = server;
  const serverCpu = (): Promise<number> => server.cpuMicros();
  console.log(`million: ${name}: load average ${os.loadavg()[0]?.toFixed(2)}`);
  const hello = await measure(
    { name: 'GET /bench/hello', url: `${ready.httpUrl}${ready.helloPath}` },
    serverCpu,
  );
  const createCharge = await (
    await createChargeContender(
      ready,
      client,
      permissionIds,
      `${permissionIds.length} Saved Wallets`,
      SMOKE > 0 ? { warmup: SMOKE, min: SMOKE, max: SMOKE } : undefined,
    )
  ).measure(serverCpu);
  const [first] = permissionIds;
  if (first === undefined) throw new Error('No Saved Wallet was set up.');
  const signedGet = await (await signedGetContender(ready, client, first)).measure(serverCpu);
  console.log(`${formatTable([hello, createCharge, signedGet])}\n`);
  return { hello, createCharge, signedGet };
}

const ratio = (full: number, empty: number): string =>
  empty === 0 ? 'n/a' : `${(full / empty).toFixed(2)}×`;

/** Empty against full, per scenario; answers whether every p50 and p99 stayed within 10 %. */
function compare(empty: Phase, full: Phase, charges: number): boolean {
  const header = ['scenario', 'p50 ms', 'p99 ms', 'req/s', 'within 10 %'];
  let flat = true;
  const rows = (['createCharge', 'signedGet', 'hello'] as const).map((key) => {
    const [e, f] = [empty[key], full[key]];
    // autocannon counts whole milliseconds, so 1 ms more than the empty store's is within 10 %
    // whenever the figure is below 10 ms.
    const within = (a: number, b: number) => b <= Math.max(a * TOLERANCE, a + 1);
    const ok = within(e.p50Ms, f.p50Ms) && within(e.p99Ms, f.p99Ms);
    if (key !== 'hello') flat &&= ok;
    return [
      f.name,
      `${e.p50Ms} → ${f.p50Ms} (${ratio(f.p50Ms, e.p50Ms)})`,
      `${e.p99Ms} → ${f.p99Ms} (${ratio(f.p99Ms, e.p99Ms)})`,
      `${Math.round(e.requestsPerSecond)} → ${Math.round(f.requestsPerSecond)} (${ratio(f.requestsPerSecond, e.requestsPerSecond)})`,
      key === 'hello' ? '(machine)' : ok ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (values: readonly string[]) =>
    values.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ');
  console.log(`empty store → ${charges.toLocaleString('en')} charges:`);
  console.log([line(header), ...rows.map(line)].join('\n'));
  return flat;
}

export async function runMillionChargesBenchmark(): Promise<void> {
  const database: Database | null = POSTGRES ? await openDatabase() : null;
  const server = await startServerProcess(
    START_TIMEOUT_MS,
    database === null ? {} : { DATABASE_URL: database.url },
  );
  try {
    const { ready } = server;
    const client = await merchantClient(ready);
    const setUpStarted = performance.now();
    const wallets = await createSavedWallets(client, ready, 2 * PERMISSIONS, SET_UP_CONCURRENCY);
    console.log(
      `million: ${LOAD.connections} connections; ${wallets.length} Saved Wallets set up in ` +
        `${((performance.now() - setUpStarted) / 1000).toFixed(1)} s (half per phase); ` +
        `${server.placement}; store: ${ready.store}`,
    );
    const empty = await measurePhase('empty store', server, client, wallets.slice(0, PERMISSIONS));

    const seeded = await seedStore(
      ready.database,
      ready.merchant.merchantId,
      SEED_CHARGES,
      Date.now(),
      (done) => {
        if (done % 200_000 === 0 || done === SEED_CHARGES)
          console.log(`million: seeded ${done.toLocaleString('en')} charges`);
      },
    );
    console.log(
      `million: seeded ${seeded.charges.toLocaleString('en')} charges on ` +
        `${seeded.permissions.toLocaleString('en')} Saved Wallets in ${seeded.seconds.toFixed(1)} s; ` +
        `rows now: ${JSON.stringify(seeded.rows)}`,
    );

    const full = await measurePhase(
      `${SEED_CHARGES.toLocaleString('en')} charges`,
      server,
      client,
      wallets.slice(PERMISSIONS),
    );
    const maxRssKb = await server.stop(STOP_TIMEOUT_MS);
    const flat = compare(empty, full, SEED_CHARGES);
    console.log(`server peak RSS: ${(maxRssKb / 1024).toFixed(1)} MiB`);
    console.log(`load average after the run: ${os.loadavg()[0]?.toFixed(2)}`);
    for (const row of [empty, full].flatMap((phase) => [
      phase.hello,
      phase.createCharge,
      phase.signedGet,
    ]))
      if (row.errors > 0 || row.non2xx > 0)
        throw new Error(`${row.name} was not clean: statuses ${JSON.stringify(row.statuses)}`);
    if (!flat) console.log('million: NOT flat: a p50 or p99 grew by more than 10 %.');
  } finally {
    server.kill();
    await database?.stop();
  }
}
