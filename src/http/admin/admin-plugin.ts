import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  advanceMerchantClock,
  createMerchant,
  getMerchantOverview,
  listMerchants,
  registerPublicKey,
} from '../../app/merchant-administration.js';
import type { AppDependencies } from '../../app/ports.js';
import { parseDuration } from '../../config/duration.js';
import { REGIONS, RELEASE_ENVIRONMENTS } from '../../domain/shared/environment.js';
import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import type { Metrics } from '../../runtime/metrics.js';
import { asRequestFormatError } from '../body-limits.js';
import { crossSiteRefusal } from '../cross-site-guard.js';
import { V2_STATUS, errorBody } from '../v2/error-status.js';
import { v2OpenApiJson } from '../v2/openapi/v2-openapi.js';
import { validateBody } from '../v2/request-body.js';
import { deliveryAdminRoutes } from './delivery-admin-routes.js';
import { forceAdminRoutes } from './force-admin-routes.js';
import { backOfficeAdminRoutes } from './back-office-admin-routes.js';
import { ipnAdminRoutes } from './ipn-admin-routes.js';
import { partnerAdminRoutes } from './partner-admin-routes.js';
import { paymentAdminRoutes } from './payment-admin-routes.js';
import { storeAdminRoutes } from './store-admin-routes.js';
import { resetAdminRoutes } from './reset-admin-routes.js';
import { snapshotAdminRoutes } from './snapshot-admin-routes.js';
import { v1AdminRoutes } from './v1-admin-routes.js';
import { actFor, dependenciesOf } from '../request-dependencies.js';

/** Every operator and test control lives under this one reserved prefix. */
export const ADMIN_PREFIX = '/_localpay';

export interface AdminOptions {
  readonly deps: AppDependencies;
  /** When set, callers must send it as a bearer token; when null only loopback callers are served. */
  readonly adminToken: string | null;
  /** Served as Prometheus text at GET /_localpay/metrics (docs/metrics.md). */
  readonly metrics: Pick<Metrics, 'contentType' | 'render'>;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export function authorized(request: FastifyRequest, token: string | null): boolean {
  if (token === null) return LOOPBACK.test(request.ip);
  const sent = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

const createMerchantSchema = z.strictObject({
  name: z.string(),
  region: z.enum(REGIONS),
  merchantId: z.string().optional(),
});

const registerKeySchema = z.strictObject({
  publicKeyPem: z.string(),
  environment: z.enum(RELEASE_ENVIRONMENTS).nullable(),
  publicKeyId: z.string().optional(),
});

const advanceClockSchema = z.strictObject({ by: z.union([z.string(), z.number()]) });

const merchantIdOf = (request: FastifyRequest): string =>
  (request.params as { merchantId: string }).merchantId;

/** The admin HTTP API: merchants, keys and clocks, answered as JSON in the v2 error format. */
export function adminPlugin(
  app: FastifyInstance,
  options: AdminOptions,
  done: (error?: Error) => void,
): void {
  const { deps } = options;
  const depsOf = dependenciesOf(deps);
  app.addHook('onRequest', async (request, reply) => {
    if (!authorized(request, options.adminToken))
      return reply
        .code(401)
        .type('application/json')
        .send(
          errorBody(
            'UnauthorizedAccess',
            'The admin API needs the admin token (or a loopback caller when none is set).',
          ),
        );
    // Issue 10 point 5: no page on another origin may drive the admin API through the browser.
    const refusal = crossSiteRefusal(request, {
      jsonBodiesOnly: true,
      loopbackHostOnly: options.adminToken === null,
    });
    if (refusal !== null)
      return reply.code(403).type('application/json').send(errorBody('CrossSiteRequest', refusal));
  });
  // Issue 14 point 2: a change an operator makes (a dispute opened, a clock moved, a buyer added)
  // names its cause on the timeline, as API requests and timers do. The CLI goes through here too.
  app.addHook('onRequest', (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      actFor(request, {
        cause: {
          kind: 'console',
          operation: `admin API ${request.method} ${request.url.split('?')[0] ?? ''}`,
        },
        replayed: false,
      });
    return Promise.resolve();
  });
  app.setErrorHandler((raised, request, reply: FastifyReply) => {
    const error = asRequestFormatError(raised) ?? raised;
    if (error instanceof DomainError)
      return reply
        .code(V2_STATUS[error.code])
        .type('application/json')
        .send(errorBody(error.code, error.message));
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status < 500)
      return reply
        .code(status)
        .type('application/json')
        .send(errorBody('InvalidRequest', (error as Error).message));
    request.log.error({ err: error }, 'internal error in admin request');
    return reply
      .code(500)
      .type('application/json')
      .send(errorBody('InternalServerError', `Internal error; request id ${request.id}.`));
  });

  app.get('/health', () => ({ status: 'ok' }));
  app.get('/openapi.json', (_request, reply) =>
    reply.type('application/json').send(v2OpenApiJson()),
  );
  app.get('/metrics', async (_request, reply) =>
    reply.type(options.metrics.contentType).send(await options.metrics.render()),
  );
  app.get('/merchants', async (request) => ({ merchants: await listMerchants(depsOf(request)) }));
  app.post('/merchants', async (request, reply) => {
    const body = validateBody(createMerchantSchema, request.body);
    return reply.code(201).send(await createMerchant(depsOf(request), body));
  });
  app.get('/merchants/:merchantId', async (request) =>
    getMerchantOverview(depsOf(request), merchantIdOf(request)),
  );
  app.post('/merchants/:merchantId/public-keys', async (request, reply) => {
    const body = validateBody(registerKeySchema, request.body);
    const { publicKeyPem: _pem, ...key } = await registerPublicKey(
      depsOf(request),
      merchantIdOf(request),
      body,
    );
    return reply.code(201).send(key);
  });
  app.post('/merchants/:merchantId/clock/advance', async (request) => {
    const { by } = validateBody(advanceClockSchema, request.body);
    const ms = parseDuration(by);
    if (ms === null)
      throw invalidParameter('by', 'give a duration such as 25h, 30d, 90m or milliseconds.');
    return advanceMerchantClock(depsOf(request), merchantIdOf(request), ms);
  });
  storeAdminRoutes(app, depsOf);
  deliveryAdminRoutes(app, depsOf);
  paymentAdminRoutes(app, depsOf);
  ipnAdminRoutes(app, depsOf);
  v1AdminRoutes(app, depsOf);
  backOfficeAdminRoutes(app, depsOf);
  forceAdminRoutes(app, depsOf);
  partnerAdminRoutes(app, depsOf);
  resetAdminRoutes(app, depsOf);
  snapshotAdminRoutes(app, depsOf);
  done();
}
