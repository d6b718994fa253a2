import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppDependencies, Clock, Store } from './app/ports.js';
import { runDueTimers } from './app/run-due-timers.js';
import type { Config } from './config/config.js';
import { buildServer, type LocalpayServer } from './http/server.js';
import { ensureTlsMaterial, type TlsMaterial } from './http/tls/tls-material.js';
import { cryptoRandom } from './runtime/crypto-random.js';
import { ensureDefaultMerchant, type DefaultMerchant } from './runtime/default-merchant.js';
import { loadOrCreateSecret } from './runtime/secret-file.js';
import { systemClock } from './runtime/system-clock.js';
import { createStore } from './store/sql-store.js';

/** The composition root (DESIGN.md §2): config → store → services → HTTP and workers. */

export async function openStore(config: Config): Promise<Store> {
  await mkdir(config.dataDir, { recursive: true });
  return config.databaseUrl !== null
    ? createStore({ kind: 'postgres', connectionString: config.databaseUrl })
    : createStore({
        kind: 'sqlite',
        file: path.join(config.dataDir, 'localpay.db'),
        synchronous: config.sqliteSynchronous,
      });
}

export interface RunningLocalpay {
  readonly deps: AppDependencies;
  readonly server: LocalpayServer;
  readonly httpUrl: string;
  /** host:port, exactly what the Node SDK's `overrideServiceUrl` takes. */
  readonly httpsHost: string;
  readonly tls: TlsMaterial;
  readonly defaultMerchant: DefaultMerchant;
  close(): Promise<void>;
}

/** Background timer sweep; errors are logged and the next tick tries again. */
function startTimerSweep(
  deps: AppDependencies,
  everyMs: number,
  log: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => runDueTimers(deps)).catch(log);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export interface StartOptions {
  /** Runs on the Fastify app before it listens, e.g. to add the benchmarks' hello-world route. */
  readonly beforeListen?: (app: FastifyInstance) => void;
}

export async function startLocalpay(
  config: Config,
  clock: Clock = systemClock,
  options: StartOptions = {},
): Promise<RunningLocalpay> {
  const store = await openStore(config);
  try {
    const deps: AppDependencies = { store, clock, random: cryptoRandom };
    const tls = await ensureTlsMaterial(path.join(config.dataDir, 'tls'), config.tlsHostnames);
    const pageSecret = await loadOrCreateSecret(path.join(config.dataDir, 'page-secret'));
    const defaultMerchant = await ensureDefaultMerchant(deps, config.dataDir, config.defaultRegion);
    const server = await buildServer({ deps, config, tls, pageSecret });
    options.beforeListen?.(server.app);
    const { httpUrl, httpsHost } = await server.listen();
    const stopSweep = startTimerSweep(deps, config.timerSweepMs, (error) =>
      server.app.log.error({ err: error }, 'timer sweep failed'),
    );
    return {
      deps,
      server,
      httpUrl,
      httpsHost,
      tls,
      defaultMerchant,
      async close() {
        await stopSweep();
        await server.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
