import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppDependencies, Clock, Store } from './app/ports.js';
import { runDueTimers } from './app/run-due-timers.js';
import { RestoreHooks } from './app/snapshots/restore-hooks.js';
import { SNS_IPN_HOST } from './config/amazon-hosts.js';
import type { Config } from './config/config.js';
import { buildServer, type LocalpayServer } from './http/server.js';
import { ipnPublicRoutes } from './http/ipn-public-routes.js';
import { ensureTlsMaterial, type TlsMaterial } from './http/tls/tls-material.js';
import { IpnDispatcher } from './ipn/dispatcher.js';
import {
  SIGNING_CERT_PATH,
  SNS_STYLE_CERT_PATH,
  UNSUBSCRIBE_PATH,
} from './ipn/notification-envelope.js';
import { signallingStore } from './ipn/outbox-signal.js';
import { ensureIpnSigningMaterial, type IpnSigningMaterial } from './ipn/signing-material.js';
import { cryptoRandom } from './runtime/crypto-random.js';
import { limitHeapGrowth } from './runtime/heap-growth.js';
import { createMetrics, type Metrics } from './runtime/metrics.js';
import { ensureDefaultMerchant, type DefaultMerchant } from './runtime/default-merchant.js';
import { loadOrCreateSecret } from './runtime/secret-file.js';
import { systemClock } from './runtime/system-clock.js';
import { createStore } from './store/sql-store.js';

/** The composition root (DESIGN.md §2): config → store → services → HTTP and workers. */

export async function openStore(config: Config, metrics?: Metrics): Promise<Store> {
  await mkdir(config.dataDir, { recursive: true });
  return config.databaseUrl !== null
    ? createStore({
        kind: 'postgres',
        connectionString: config.databaseUrl,
        preparedStatements: config.postgresPreparedStatements,
      })
    : createStore({
        kind: 'sqlite',
        file: path.join(config.dataDir, 'localpay.db'),
        synchronous: config.sqliteSynchronous,
        cacheMaxMib: config.sqliteCacheMaxMib,
        onCommitBatch: metrics && ((units) => metrics.observeCommitBatch(units)),
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
  readonly ipn: RunningIpn;
  readonly metrics: Metrics;
  close(): Promise<void>;
}

export interface RunningIpn {
  /** Null when LOCALPAY_IPN_DISPATCH=off: notifications wait in the outbox. */
  readonly dispatcher: IpnDispatcher | null;
  readonly signing: IpnSigningMaterial;
  /** Where envelopes say the signing certificate is (a merchant may override it). */
  readonly signingCertUrl: string;
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
  limitHeapGrowth();
  const metrics = createMetrics();
  const rawStore = await openStore(config, metrics);
  metrics.setIpnQueueDepthSource(() => rawStore.transaction((tx) => tx.outbox.countQueued()));
  let dispatcher: IpnDispatcher | null = null;
  // Commits that write notifications wake the dispatcher (src/ipn/outbox-signal.ts).
  const store = signallingStore(rawStore, {
    committed: (merchantId, environment) => dispatcher?.wake(merchantId, environment),
    changed: () => dispatcher?.wake(),
  });
  // Restores by other processes on the same database (PostgreSQL) reach this one's caches.
  let stopWatching: () => Promise<void> = () => Promise.resolve();
  try {
    const restoreHooks = new RestoreHooks();
    const deps: AppDependencies = {
      store,
      clock,
      random: cryptoRandom,
      sandboxHttpReturnUrls: config.sandboxHttpReturnUrls,
      restoreHooks,
    };
    stopWatching = await rawStore.snapshots.watchRestores(() => restoreHooks.restoredElsewhere());
    // On a first start the certificates are made on their own thread (certificate-maker.ts) while
    // this one goes on with the rest; the IPN signing pair is signed by the TLS CA, so it follows.
    const tlsMade = settledLater(
      ensureTlsMaterial(path.join(config.dataDir, 'tls'), config.tlsHostnames),
    );
    const signingMade = settledLater(tlsMade.then(() => ensureIpnSigningMaterial(config.dataDir)));
    const pageSecret = await loadOrCreateSecret(path.join(config.dataDir, 'page-secret'));
    const defaultMerchant = await ensureDefaultMerchant(deps, config.dataDir, config.defaultRegion);
    const tls = await tlsMade;
    const server = await buildServer({ deps, config, tls, pageSecret, metrics });
    const signing = await signingMade;
    ipnPublicRoutes(server.app, {
      deps,
      signingCertPem: signing.certPem,
      signingCertPaths: [SIGNING_CERT_PATH, SNS_STYLE_CERT_PATH],
      unsubscribePath: UNSUBSCRIBE_PATH,
    });
    options.beforeListen?.(server.app);
    const { httpUrl, httpsHost } = await server.listen();
    const stopSweep = startTimerSweep(deps, config.timerSweepMs, (error) =>
      server.app.log.error({ err: error }, 'timer sweep failed'),
    );
    // Verifiers insist on https for SigningCertURL: the HTTPS listener, unless a public URL is set;
    // as Amazon, the SNS host the SDKs' IPN handlers accept (docs/amazon-hosts.md).
    const publicBaseUrl =
      config.publicBaseUrl ??
      (config.amazonHosts ? `https://${SNS_IPN_HOST}` : `https://${httpsHost}`);
    if (config.ipn.dispatch) {
      dispatcher = new IpnDispatcher({
        store: rawStore,
        clock,
        random: cryptoRandom,
        config: config.ipn,
        signing,
        publicBaseUrl: () => publicBaseUrl,
        log: (error, what) => server.app.log.error({ err: error }, what),
        onAttempt: (outcome, latencyMs) => metrics.observeIpnAttempt(outcome, latencyMs / 1000),
      });
      dispatcher.start();
      const paused = dispatcher;
      restoreHooks.add({
        beforeRestore: () => paused.pause(),
        afterRestore: () => paused.resumeAfterRestore(),
      });
    }
    const running = dispatcher;
    return {
      deps,
      server,
      httpUrl,
      httpsHost,
      tls,
      defaultMerchant,
      metrics,
      ipn: { dispatcher, signing, signingCertUrl: `${publicBaseUrl}${SIGNING_CERT_PATH}` },
      async close() {
        await stopSweep();
        await running?.close();
        await server.close();
        await stopWatching();
        await store.close();
      },
    };
  } catch (error) {
    await dispatcher?.close();
    await stopWatching();
    await store.close();
    throw error;
  }
}

/**
 * `promise`, marked as handled: it may reject while the start awaits something else, which Node
 * would report as an unhandled rejection and crash on; awaiting it later still throws.
 */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
