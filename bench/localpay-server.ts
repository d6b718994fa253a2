import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../src/config/config.js';
import { startLocalpay } from '../src/main.js';
import { systemClock } from '../src/runtime/system-clock.js';
import type { ParentMessage, ServerMessage } from './server-protocol.js';

/**
 * The server under test, in its own process (started by server-process.ts) so that the load
 * generator never shares its event loop: localpay as `localpay start` runs it, plus GET
 * /bench/hello on the same Fastify app, the hello-world baseline of DESIGN.md §5.
 */

const HELLO_PATH = '/bench/hello';
const SHUTDOWN_TIMEOUT_MS = 5_000;

if (!process.send) {
  console.error('Run through `npm run bench`: this server reports to its parent over IPC.');
  process.exit(2);
}

/** Resolves once the message is handed to the channel, so an exit right after cannot drop it. */
function send(message: ServerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    process.send!(message, undefined, undefined, (error: Error | null) =>
      error ? reject(error) : resolve(),
    );
  });
}

/**
 * This process's own peak RSS, in KiB: VmHWM, the high-water mark of its address space, which
 * exec starts afresh. Not getrusage's ru_maxrss (process.resourceUsage().maxRSS): Linux carries the
 * peak of the address space exec replaced into it, so a server spawned by a benchmark that had just
 * seeded a store with a 2 GiB page cache (million-charges.ts) reported the benchmark's peak, 894 MiB
 * at 300,000 charges and 1.8 GiB at 1,000,000, while its own stayed near 200 MiB. ru_maxrss only
 * where there is no /proc.
 */
function peakRssKb(): number {
  try {
    const peak = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (peak !== undefined) return Number(peak);
  } catch {
    // No procfs: fall through.
  }
  return process.resourceUsage().maxRSS;
}

const storeDescription = (config: Config): string =>
  config.databaseUrl !== null ? 'postgres' : `sqlite, synchronous=${config.sqliteSynchronous}`;

async function start(): Promise<() => Promise<void>> {
  // BENCH_DATA_DIR: a folder the benchmark owns and keeps across restarts (million-charges.ts);
  // otherwise a fresh one, removed at shutdown.
  const given = process.env.BENCH_DATA_DIR;
  const dataDir = given ?? (await mkdtemp(path.join(os.tmpdir(), 'localpay-bench-')));
  // LOCALPAY_* and DATABASE_URL are honoured, so runs can compare store settings; where the server
  // listens is fixed: loopback, free ports, a fresh data folder.
  const config = loadConfig(process.env, {
    dataDir,
    host: '127.0.0.1',
    httpPort: 0,
    httpsPort: 0,
    publicBaseUrl: null,
  });
  // Registered like any route, so it pays the same hooks and plugins (request id header, cookie
  // parsing, logger) as the v2 routes: the ratio isolates what the v2 handler itself costs.
  const running = await startLocalpay(config, systemClock, {
    beforeListen: (app) => app.get(HELLO_PATH, () => ({ hello: 'world' })),
  });
  const { httpUrl, httpsHost, defaultMerchant: merchant } = running;

  await send({
    type: 'ready',
    httpUrl,
    httpsHost,
    helloPath: HELLO_PATH,
    merchant,
    store: storeDescription(config),
    // The file main.ts's openStore opens.
    database:
      config.databaseUrl !== null
        ? { kind: 'postgres', url: config.databaseUrl }
        : { kind: 'sqlite', file: path.join(config.dataDir, 'localpay.db') },
  });
  return async () => {
    await running.close();
    if (given === undefined) await rm(dataDir, { recursive: true, force: true });
  };
}

start().then(
  (shutdown) => {
    let exiting = false;
    const exit = (): void => {
      if (exiting) return;
      exiting = true;
      // A shutdown that hangs must not leave an orphan behind.
      setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS);
      shutdown().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('message', (message: ParentMessage) => {
      if (message.type === 'cpu') {
        const { user, system } = process.cpuUsage();
        send({ type: 'cpu', micros: user + system }).catch(exit);
      } else if (message.type === 'rss') {
        send({ type: 'rss', bytes: process.memoryUsage.rss() }).catch(exit);
      } else {
        // Peak RSS over the whole run, read before shutdown adds anything.
        send({ type: 'stopped', maxRssKb: peakRssKb() }).then(exit, exit);
      }
    });
    // The parent finished, died or timed out: never outlive it.
    process.on('disconnect', exit);
    process.on('SIGTERM', exit);
  },
  async (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await send({ type: 'failed', message }).catch(() => undefined);
    process.exit(1);
  },
);
