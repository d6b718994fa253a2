import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createChargeContender, PERMISSIONS, SET_UP_CONCURRENCY } from './create-charge.js';
import { formatTable, LOAD, measure, type Measurement } from './load.js';
import { openDatabase, type Database } from './postgres-database.js';
import {
  cpuMicrosWithoutProfiler,
  processCpuSplit,
  processIo,
  threadCpuMicros,
  type CpuSplit,
  type ProcessIo,
} from './process-cpu.js';
import { createSavedWallets, merchantClient, type Client } from './saved-wallet.js';
import { seedStore } from './seed-charges.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { signedGetContender } from './signed-get.js';
import { wholeNumberSetting } from './settings.js';

/**
 * Issue 16, target 4, "flat with size": Create Charge and the signed GET measured on an empty
 * store, then again after 1,000,000 charges were added, in one run. The
 * million is seeded through the store (seed-charges.ts), not the API, between the phases, with the
 * server stopped; a second server then starts on the same data folder. Each phase has its own Saved
 * Wallets, made before seeding, so both start with permissions that have no charges this month:
 * the monthly-limit sum reads as many index entries in both, and only the store's size differs.
 * Hello-world is measured in each phase too: a change there is the machine, not the store.
 *
 * Knobs: BENCH_SEED_CHARGES (1,000,000), BENCH_PERMISSIONS (Saved Wallets per phase, 1,000),
 * BENCH_REQUESTS=N (N warm-up and N measured Create Charges, for a smoke run), BENCH_POSTGRES=1
 * or BENCH_DATABASE_URL for PostgreSQL (postgres-database.ts; a given database must be empty).
 */

const SEED_CHARGES = wholeNumberSetting('BENCH_SEED_CHARGES', 1_000_000, 0);
/** 0: the measured runs' own sizes; more: a smoke run of that many requests each. */
const SMOKE = wholeNumberSetting('BENCH_REQUESTS', 0, 0);
const POSTGRES = process.env.BENCH_POSTGRES === '1' || Boolean(process.env.BENCH_DATABASE_URL);
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** The target: p50 and p99 with the million within this factor of the empty store's. */
const TOLERANCE = 1.1;

/** What one request cost the server in I/O, from its /proc/<pid>/io over the measured run. */
interface IoPerRequest {
  readonly readCalls: number;
  readonly writeCalls: number;
  readonly writtenKib: number;
  /** The server's user and system CPU per request, from /proc/<pid>/stat (10 ms ticks). */
  readonly userMicros: number;
  readonly systemMicros: number;
  /** CPU per request of the threads that used the most: the main thread, workers, V8's helpers. */
  readonly threads: string;
}

interface Measured extends Measurement {
  readonly io: IoPerRequest;
}

interface Phase {
  readonly hello: Measured;
  readonly createCharge: Measured;
  readonly signedGet: Measured;
}

/**
 * Runs a measurement with the server's I/O counters read next to its CPU clock, which load.ts
 * reads right before and right after the measured run.
 */
async function withIo(
  server: ServerProcess,
  run: (serverCpu: () => Promise<number>) => Promise<Measurement>,
): Promise<Measured> {
  const readings: {
    io: ProcessIo;
    cpu: CpuSplit;
    threads: ReadonlyMap<string, number>;
    at: number;
  }[] = [];
  const measurement = await run(async () => {
    readings.push({
      io: processIo(server.pid),
      cpu: processCpuSplit(server.pid),
      threads: threadCpuMicros(server.pid),
      at: performance.now(),
    });
    return server.cpuMicros();
  });
  const [before, after] = readings.slice(-2);
  if (before === undefined || after === undefined) throw new Error('No I/O readings were taken.');
  const requests = (measurement.requestsPerSecond * (after.at - before.at)) / 1000;
  const per = (name: keyof ProcessIo) => (after.io[name] - before.io[name]) / requests;
  return {
    ...measurement,
    io: {
      readCalls: per('readCalls'),
      writeCalls: per('writeCalls'),
      writtenKib: per('writtenBytes') / 1024,
      userMicros: (after.cpu.userMicros - before.cpu.userMicros) / requests,
      systemMicros: (after.cpu.systemMicros - before.cpu.systemMicros) / requests,
      threads: [...after.threads]
        .map(
          ([thread, micros]) =>
            [thread, (micros - (before.threads.get(thread) ?? 0)) / requests] as const,
        )
        .filter(([, perRequest]) => perRequest >= 1)
        .sort((a, b) => b[1] - a[1])
        .map(([thread, perRequest]) => `${thread} ${Math.round(perRequest)}`)
        .join(', '),
    },
  };
}

async function measurePhase(
  name: string,
  server: ServerProcess,
  client: Client,
  permissionIds: readonly string[],
): Promise<Phase> {
  const { ready } = server;
  console.log(`million: ${name}: load average ${os.loadavg()[0]?.toFixed(2)}`);
  const hello = await withIo(server, (serverCpu) =>
    measure({ name: 'GET /bench/hello', url: `${ready.httpUrl}${ready.helloPath}` }, serverCpu),
  );
  const charging = await createChargeContender(
    ready,
    client,
    permissionIds,
    `${permissionIds.length} Saved Wallets`,
    SMOKE > 0 ? { warmup: SMOKE, min: SMOKE, max: SMOKE } : undefined,
  );
  const createCharge = await withIo(server, (serverCpu) => charging.measure(serverCpu));
  const [first] = permissionIds;
  if (first === undefined) throw new Error('No Saved Wallet was set up.');
  const getting = await signedGetContender(ready, client, first);
  const signedGet = await withIo(server, (serverCpu) => getting.measure(serverCpu));
  console.log(`${formatTable([hello, createCharge, signedGet])}`);
  for (const row of [hello, createCharge, signedGet])
    console.log(`  threads' CPU µs/request, ${row.name}: ${row.io.threads}`);
  console.log('');
  return { hello, createCharge, signedGet };
}

const ratio = (full: number, empty: number): string =>
  empty === 0 ? 'n/a' : `${(full / empty).toFixed(2)}×`;

/** Empty against full, per scenario; answers whether every p50 and p99 stayed within 10 %. */
function compare(empty: Phase, full: Phase, charges: number): boolean {
  const header = [
    'scenario',
    'p50 ms',
    'p99 ms',
    'req/s',
    'server CPU µs/req',
    'user/system µs/req',
    'read/write calls per req',
    'written KiB/req',
    'within 10 %',
  ];
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
      `${Math.round(e.serverCpuMicrosPerRequest)} → ${Math.round(f.serverCpuMicrosPerRequest)} (${ratio(f.serverCpuMicrosPerRequest, e.serverCpuMicrosPerRequest)})`,
      `${Math.round(e.io.userMicros)}/${Math.round(e.io.systemMicros)} → ${Math.round(f.io.userMicros)}/${Math.round(f.io.systemMicros)}`,
      `${e.io.readCalls.toFixed(1)}/${e.io.writeCalls.toFixed(1)} → ${f.io.readCalls.toFixed(1)}/${f.io.writeCalls.toFixed(1)}`,
      `${e.io.writtenKib.toFixed(1)} → ${f.io.writtenKib.toFixed(1)}`,
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

/**
 * Waits until the process spends under 5 % of a CPU for two seconds in a row (at most 10 min),
 * not counting a --cpu-prof sampler's own time.
 */
async function untilIdle(pid: number): Promise<void> {
  const started = Date.now();
  let quietSeconds = 0;
  let last = cpuMicrosWithoutProfiler(pid);
  while (quietSeconds < 2 && Date.now() - started < 600_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = cpuMicrosWithoutProfiler(pid);
    quietSeconds = now - last < 50_000 ? quietSeconds + 1 : 0;
    last = now;
  }
  console.log(`million: server idle after ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Seeding leaves gigabytes of the store in the page cache for the kernel to write back, which it
 * does for a minute or more: measured meanwhile, the restarted server would share the machine
 * with that write-back, which a store that grew over a year never does. Waits until it is on disk.
 */
async function syncToDisk(file: string): Promise<void> {
  const started = performance.now();
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  console.log(
    `million: seeded store on disk after ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** The phase's server, started on the benchmark's data folder; stopped after `work`. */
async function withServer<T>(
  env: Readonly<Record<string, string>>,
  work: (server: ServerProcess) => Promise<T>,
): Promise<{ readonly result: T; readonly maxRssKb: number }> {
  const server = await startServerProcess(START_TIMEOUT_MS, env);
  try {
    const result = await work(server);
    return { result, maxRssKb: await server.stop(STOP_TIMEOUT_MS) };
  } finally {
    server.kill();
  }
}

export async function runMillionChargesBenchmark(): Promise<void> {
  const database: Database | null = POSTGRES ? await openDatabase() : null;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-bench-million-'));
  // One data folder (and database) for both servers: the second starts on the seeded store.
  const env = {
    BENCH_DATA_DIR: dataDir,
    ...(database === null ? {} : { DATABASE_URL: database.url }),
  };
  try {
    const first = await withServer(env, async (server) => {
      const { ready } = server;
      const client = await merchantClient(ready);
      const setUpStarted = performance.now();
      const wallets = await createSavedWallets(client, ready, 2 * PERMISSIONS, SET_UP_CONCURRENCY);
      console.log(
        `million: ${LOAD.connections} connections; ${wallets.length} Saved Wallets set up in ` +
          `${((performance.now() - setUpStarted) / 1000).toFixed(1)} s (half per phase); ` +
          `${server.placement}; store: ${ready.store}`,
      );
      const phase = await measurePhase(
        'empty store',
        server,
        client,
        wallets.slice(0, PERMISSIONS),
      );
      return { phase, ready, wallets };
    });
    const { ready, wallets } = first.result;

    // With the server stopped: seeding holds the write lock longer than a server would wait.
    const seeded = await seedStore(
      ready.database,
      ready.merchant.merchantId,
      SEED_CHARGES,
      Date.now(),
      (done) => console.log(`million: seeded ${done.toLocaleString('en')} charges`),
    );
    console.log(
      `million: seeded ${seeded.charges.toLocaleString('en')} charges on ` +
        `${seeded.permissions.toLocaleString('en')} Saved Wallets in ${seeded.seconds.toFixed(1)} s; ` +
        `rows now: ${JSON.stringify(seeded.rows)}`,
    );
    if (ready.database.kind === 'sqlite') await syncToDisk(ready.database.file);

    const second = await withServer(env, async (server) => {
      // The first timer sweep on the seeded store writes the settlement reports of its whole
      // seeded year at once: catch-up a store that grew day by day would have done as it went.
      // Measured while it runs, the phase times the catch-up, not the store's size.
      await untilIdle(server.pid);
      // The x-amz-pay-host each request signs is this server's HTTPS port.
      const client = await merchantClient(server.ready);
      return measurePhase(
        `${SEED_CHARGES.toLocaleString('en')} charges (server restarted on the seeded store)`,
        server,
        client,
        wallets.slice(PERMISSIONS),
      );
    });
    const [empty, full] = [first.result.phase, second.result];
    const flat = compare(empty, full, SEED_CHARGES);
    console.log(
      `server peak RSS: ${(first.maxRssKb / 1024).toFixed(1)} MiB empty, ` +
        `${(second.maxRssKb / 1024).toFixed(1)} MiB full`,
    );
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
    await rm(dataDir, { recursive: true, force: true });
    await database?.stop();
  }
}
