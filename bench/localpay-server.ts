import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppDependencies } from '../src/app/ports.js';
import { runDueTimers } from '../src/app/run-due-timers.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { buildServer } from '../src/http/server.js';
import { ensureTlsMaterial } from '../src/http/tls/tls-material.js';
import { openStore } from '../src/main.js';
import { cryptoRandom } from '../src/runtime/crypto-random.js';
import { ensureDefaultMerchant } from '../src/runtime/default-merchant.js';
import { loadOrCreateSecret } from '../src/runtime/secret-file.js';
import { systemClock } from '../src/runtime/system-clock.js';
import type { ParentMessage, ServerMessage } from './server-protocol.js';

/**
 * The server under test, in its own process (started by server-process.ts) so that the load
 * generator never shares its event loop. It is src/main.ts `startLocalpay` step by step with one
 * addition: GET /bench/hello on the same Fastify app, the hello-world baseline of DESIGN.md §5.
 * startLocalpay only returns once listening, and Fastify refuses new routes after that, hence the
 * copy: keep it in step with main.ts.
 */

const HELLO_PATH = '/bench/hello';

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

const storeDescription = (config: Config): string =>
  config.databaseUrl !== null ? 'postgres' : `sqlite, synchronous=${config.sqliteSynchronous}`;

async function start(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-bench-'));
  // LOCALPAY_* and DATABASE_URL are honoured, so runs can compare store settings; where the server
  // listens is fixed: loopback, free ports, a fresh data folder.
  const config = loadConfig(process.env, {
    dataDir,
    host: '127.0.0.1',
    httpPort: 0,
    httpsPort: 0,
    publicBaseUrl: null,
  });
  const store = await openStore(config);
  const deps: AppDependencies = { store, clock: systemClock, random: cryptoRandom };
  const tls = await ensureTlsMaterial(path.join(dataDir, 'tls'), config.tlsHostnames);
  const pageSecret = await loadOrCreateSecret(path.join(dataDir, 'page-secret'));
  const merchant = await ensureDefaultMerchant(deps, dataDir, config.defaultRegion);
  const server = await buildServer({ deps, config, tls, pageSecret });
  // Registered like any route, so it pays the same hooks and plugins (request id header, cookie
  // parsing, logger) as the v2 routes: the ratio isolates what the v2 handler itself costs.
  server.app.get(HELLO_PATH, () => ({ hello: 'world' }));
  const { httpUrl, httpsHost } = await server.listen();

  // startLocalpay's background sweep of due timers, so the store sees its production load.
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = setInterval(() => {
    sweeping = sweeping
      .then(() => runDueTimers(deps))
      .catch((error: unknown) => server.app.log.error({ err: error }, 'timer sweep failed'));
  }, config.timerSweepMs);

  await send({
    type: 'ready',
    httpUrl,
    httpsHost,
    helloPath: HELLO_PATH,
    merchant,
    store: storeDescription(config),
  });
  return async () => {
    clearInterval(sweep);
    await sweeping;
    await server.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}

start().then(
  (shutdown) => {
    let exiting = false;
    const exit = (): void => {
      if (exiting) return;
      exiting = true;
      shutdown().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('message', (message: ParentMessage) => {
      if (message.type !== 'stop') return;
      // Peak RSS over the whole run, read before shutdown adds anything.
      send({ type: 'stopped', maxRssKb: process.resourceUsage().maxRSS }).then(exit, exit);
    });
    // The parent finished, died or timed out: never outlive it.
    process.on('disconnect', exit);
  },
  async (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await send({ type: 'failed', message }).catch(() => undefined);
    process.exit(1);
  },
);
