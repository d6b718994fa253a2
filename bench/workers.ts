import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DefaultMerchant } from '../src/runtime/default-merchant.js';
import { waitForBanner } from '../test/support/child-output.js';
import { signCreateCharges } from './charge-requests.js';
import { LOAD, measureOneShot, type Measurement } from './load.js';
import { allCpus, openDatabase, type Database } from './postgres-database.js';
import { treeCpuMicros } from './process-cpu.js';
import { createSavedWallets, merchantClient } from './saved-wallet.js';
import type { ServerReady } from './server-protocol.js';
import { wholeNumberSetting } from './settings.js';

/**
 * Issue 16, point 5: Create Charge at 50 connections against `localpay start` with 1 worker, then
 * `--workers 2`, on one PostgreSQL database (the same data folder and Saved Wallets for both). On
 * a 2-CPU machine two workers, PostgreSQL and the load generator share two cores, so req/s alone
 * cannot show scaling; the per-request CPU can: localpay's (primary and workers) and PostgreSQL's,
 * each CPU time over the measured run divided by its requests. Flat per-request CPU means the
 * rate grows with cores until PostgreSQL saturates.
 *
 * PostgreSQL: BENCH_DATABASE_URL names a server (its CPU is then not counted), else a throwaway
 * cluster from scripts/postgres.sh (fsync off, as for the tests). BENCH_REQUESTS=N makes a smoke
 * run of N warm-up and N measured requests; BENCH_PERMISSIONS sets the Saved Wallets (200).
 */

const CLI = fileURLToPath(new URL('../src/cli/index.js', import.meta.url));
const PERMISSIONS = wholeNumberSetting('BENCH_PERMISSIONS', 200, 1);
const SMOKE = wholeNumberSetting('BENCH_REQUESTS', 0, 0);
const START_TIMEOUT_MS = 60_000;

async function startWorkers(workers: number, databaseUrl: string, dataDir: string) {
  const [command = process.execPath, ...args] = [
    ...allCpus(),
    process.execPath,
    CLI,
    'start',
    '--workers',
    String(workers),
  ];
  const child: ChildProcess = spawn(command, args, {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOCALPAY_DATA_DIR: dataDir,
      LOCALPAY_HTTP_PORT: '0',
      LOCALPAY_HTTPS_PORT: '0',
      LOCALPAY_DEFAULT_REGION: 'EU',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  process.once('exit', () => child.kill('SIGKILL'));
  const field = await waitForBanner(child, 'NODE_EXTRA_CA_CERTS', START_TIMEOUT_MS);
  const merchant = JSON.parse(
    await readFile(path.join(dataDir, 'default-merchant.json'), 'utf8'),
  ) as DefaultMerchant;
  const ready: ServerReady = {
    type: 'ready',
    httpUrl: field('HTTP \\(browsers, admin, tools\\)'),
    httpsHost: field('HTTPS API \\(overrideServiceUrl\\)'),
    helloPath: '',
    merchant,
    store: 'postgres',
    database: { kind: 'postgres', url: databaseUrl },
  };
  return { ready, pid: child.pid ?? 0, stop };
}

interface Row {
  readonly workers: number;
  readonly measurement: Measurement;
  readonly localpayMicrosPerRequest: number;
  readonly postgresMicrosPerRequest: number | null;
}

async function measureWorkers(
  workers: number,
  database: Database,
  dataDir: string,
  permissionIds: string[],
): Promise<Row> {
  const server = await startWorkers(workers, database.url, dataDir);
  try {
    const client = await merchantClient(server.ready);
    if (permissionIds.length === 0)
      permissionIds.push(...(await createSavedWallets(client, server.ready, PERMISSIONS, 8)));
    // The x-amz-pay-host each request signs is this start's HTTPS port.
    let lastBatch = 0;
    const prepare = (count: number) => {
      lastBatch = count;
      return signCreateCharges(client, server.ready.merchant.region, permissionIds, count);
    };
    const readings: { localpay: number; postgres: number | null }[] = [];
    const measurement = await measureOneShot(
      { name: `Create Charge, ${workers} worker(s)`, origin: server.ready.httpUrl, prepare },
      () => {
        // Called right before and right after the measured run (load.ts).
        const localpay = treeCpuMicros(server.pid, false);
        readings.push({ localpay, postgres: database.cpuMicros() });
        return Promise.resolve(localpay);
      },
      SMOKE > 0 ? { warmup: SMOKE, min: SMOKE, max: SMOKE } : undefined,
    );
    // The measured run sends the last prepared batch, every request once.
    const [before, after] = readings.slice(-2);
    const perRequest = (from: number | null | undefined, to: number | null | undefined) =>
      from == null || to == null ? null : (to - from) / lastBatch;
    return {
      workers,
      measurement,
      localpayMicrosPerRequest: perRequest(before?.localpay, after?.localpay) ?? NaN,
      postgresMicrosPerRequest: perRequest(before?.postgres, after?.postgres),
    };
  } finally {
    await server.stop();
  }
}

function report(rows: readonly Row[]): void {
  const header = [
    'workers',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'localpay µs/req',
    'PostgreSQL µs/req',
    'load CPU',
  ];
  const cells = rows.map((row) => [
    String(row.workers),
    Math.round(row.measurement.requestsPerSecond).toString(),
    String(row.measurement.p50Ms),
    String(row.measurement.p99Ms),
    String(row.measurement.non2xx + row.measurement.errors),
    Math.round(row.localpayMicrosPerRequest).toString(),
    row.postgresMicrosPerRequest === null
      ? 'n/a'
      : Math.round(row.postgresMicrosPerRequest).toString(),
    `${Math.round(row.measurement.loadCpuPercent)} %`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]?.length ?? 0)),
  );
  const line = (values: readonly string[]) =>
    values.map((value, column) => value.padStart(widths[column] ?? 0)).join('  ');
  console.log([line(header), ...cells.map(line)].join('\n'));
  const [one, two] = rows;
  if (one && two)
    console.log(
      `2 workers / 1 worker: ${(two.measurement.requestsPerSecond / one.measurement.requestsPerSecond).toFixed(2)}× req/s; ` +
        `localpay CPU per request ${(two.localpayMicrosPerRequest / one.localpayMicrosPerRequest).toFixed(2)}×`,
    );
}

export async function runWorkersBenchmark(): Promise<void> {
  const database = await openDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-bench-workers-'));
  try {
    console.log(
      `workers: Create Charge, ${LOAD.connections} connections, ${PERMISSIONS} Saved Wallets, ` +
        `PostgreSQL ${process.env.BENCH_DATABASE_URL ? 'given' : 'throwaway (fsync off)'}; unpinned: ` +
        `localpay, PostgreSQL and the load share ${os.cpus().length} CPUs; load average ${os.loadavg()[0]?.toFixed(2)}`,
    );
    const permissionIds: string[] = [];
    const rows = [
      await measureWorkers(1, database, dataDir, permissionIds),
      await measureWorkers(2, database, dataDir, permissionIds),
    ];
    report(rows);
    console.log(`load average after the run: ${os.loadavg()[0]?.toFixed(2)}`);
    for (const row of rows)
      if (row.measurement.errors > 0 || row.measurement.non2xx > 0)
        throw new Error(
          `${row.measurement.name} was not clean: ${JSON.stringify(row.measurement.statuses)}`,
        );
  } finally {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
