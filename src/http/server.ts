import { timeOrderedUuid } from '../runtime/time-ordered-uuid.js';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDependencies } from '../app/ports.js';
import { createPublicKeyDirectory } from '../app/public-key-directory.js';
import type { Config } from '../config/config.js';
import { ADMIN_PREFIX, adminPlugin } from './admin/admin-plugin.js';
import { registerBoundedParsers } from './bounded-parsers.js';
import { buyerLinks, type BuyerLinks } from './buyer-links.js';
import { consolePlugin } from './console/console-plugin.js';
import { requestRecorder } from './console/request-recorder.js';
import { checkoutPages } from './pages/checkout-pages.js';
import { claimPages } from './pages/claim-pages.js';
import { createCsrf } from './pages/csrf.js';
import { messageRoutes } from './pages/message-routes.js';
import { walletPages } from './pages/wallet-pages.js';
import { v2Plugin } from './v2/v2-plugin.js';
import { checkoutButtonRoutes } from './v2-pages/checkout-button-routes.js';
import { checkoutJsRoutes } from './v2-pages/checkout-js-routes.js';
import { backOfficeDownloads } from './back-office-downloads.js';
import { createMwsKeyDirectory } from '../app/v1/mws-credentials.js';
import type { Metrics } from '../runtime/metrics.js';
import { recordRequestMetrics } from './request-metrics.js';
import { createMwsThrottle } from './v1/mws-throttle.js';
import { v1Plugin } from './v1/v1-plugin.js';
import { confirmationPages } from './v1-pages/confirmation-pages.js';
import { loginRoutes } from './v1-pages/login-routes.js';
import { widgetRoutes } from './v1-pages/widget-routes.js';

/** Connections waiting to be accepted; the OS caps it at net.core.somaxconn. */
const LISTEN_BACKLOG = 4096;

export interface ServerOptions {
  readonly deps: AppDependencies;
  readonly config: Config;
  readonly tls: { readonly certPem: string; readonly keyPem: string };
  /** Secret for CSRF tokens; kept in the data folder so forms survive a restart. */
  readonly pageSecret: Buffer;
  readonly metrics: Metrics;
}

export interface LocalpayServer {
  readonly app: FastifyInstance;
  readonly links: BuyerLinks;
  /** Binds both listeners; answers where they are. */
  listen(): Promise<{ httpUrl: string; httpsHost: string }>;
  close(): Promise<void>;
}

/**
 * One Fastify application served on two listeners: HTTPS for the SDKs (they always use https) and
 * plain HTTP for browsers and local tools. Both feed the same router through `serverFactory`.
 */
export async function buildServer(options: ServerOptions): Promise<LocalpayServer> {
  const { deps, config } = options;
  let httpsServer: https.Server | undefined;
  let httpBase: string | null = config.publicBaseUrl;
  const links = buyerLinks(() => httpBase ?? `http://${config.host}:${config.httpPort}`);

  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Time-ordered: the request log's primary key appends (runtime/time-ordered-uuid.ts).
    genReqId: () => timeOrderedUuid(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    serverFactory: (handler) => {
      httpsServer = https.createServer(
        { cert: options.tls.certPem, key: options.tls.keyPem },
        handler,
      );
      return http.createServer(handler);
    },
  });
  // Java dereferences this header on every success (spec §3.2): every response carries it.
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-amz-pay-request-id', request.id);
  });
  recordRequestMetrics(app, options.metrics);
  await app.register(fastifyCookie);
  await registerBoundedParsers(app);
  const keys = createPublicKeyDirectory(deps);
  await app.register(v2Plugin, {
    deps,
    keys,
    links,
    signatureSkewMs: config.signatureSkewMs,
    conversionRates: config.conversionRates,
  });
  // The v1 MWS API (spec amazon-pay-v1.md): same app operations, MWS wire format.
  await app.register(v1Plugin, {
    deps,
    keys: createMwsKeyDirectory(deps),
    throttle: createMwsThrottle(config.mwsThrottle),
    signatureSkewMs: config.signatureSkewMs,
  });
  await app.register(adminPlugin, {
    prefix: ADMIN_PREFIX,
    deps,
    adminToken: config.adminToken,
    metrics: options.metrics,
  });
  // The console (issue 14) and the request log it reads.
  requestRecorder(app, { deps, keep: config.requestLogRetention });
  const pageOptions = { deps, links, csrf: createCsrf(options.pageSecret) };
  await app.register(consolePlugin, {
    ...pageOptions,
    adminToken: config.adminToken,
    conversionRates: config.conversionRates,
  });
  checkoutPages(app, pageOptions);
  walletPages(app, pageOptions);
  claimPages(app, pageOptions);
  messageRoutes(app);
  // v2 buyer side: checkout.js, the Amazon Pay button and Amazon Sign-in (issue 11).
  checkoutJsRoutes(app);
  checkoutButtonRoutes(app, { ...pageOptions, keys });
  // v1 buyer side: Widgets.js and its API, Login with Amazon, the SCA Confirmation Flow (seed 000).
  widgetRoutes(app, deps);
  loginRoutes(app, deps, pageOptions.csrf);
  confirmationPages(app, deps, pageOptions.csrf);
  // Report downloads and evidence uploads (the back office's stand-ins for pre-signed URLs).
  await backOfficeDownloads(app, deps);

  return {
    app,
    links,
    async listen() {
      // A deep accept queue: load tests open hundreds of connections at once.
      await app.listen({ host: config.host, port: config.httpPort, backlog: LISTEN_BACKLOG });
      const httpPort = (app.server.address() as AddressInfo).port;
      const secure = httpsServer;
      if (!secure) throw new Error('The HTTPS listener was not created.');
      await new Promise<void>((resolve, reject) => {
        secure.once('error', reject);
        secure.listen(config.httpsPort, config.host, LISTEN_BACKLOG, () => resolve());
      });
      const httpsPort = (secure.address() as AddressInfo).port;
      const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
      httpBase ??= `http://${hostForUrl}:${httpPort}`;
      return {
        httpUrl: `http://${hostForUrl}:${httpPort}`,
        httpsHost: `${hostForUrl}:${httpsPort}`,
      };
    },
    async close() {
      const secure = httpsServer;
      if (secure?.listening) {
        secure.closeAllConnections();
        await new Promise<void>((resolve) => secure.close(() => resolve()));
      }
      await app.close();
    },
  };
}
