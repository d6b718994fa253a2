import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { singleValuedQuery } from '../query-parameters.js';
import { unknownOperation } from './unknown-operation.js';
import { executeIdempotent } from '../../app/idempotent-write.js';
import type { AppDependencies } from '../../app/ports.js';
import type { PublicKeyDirectory } from '../../app/public-key-directory.js';
import { resolveAuthorizationToken } from '../../app/partners/delegations.js';
import { inMerchantUnit } from '../../app/unit-of-work.js';
import type { ConversionTable } from '../../domain/charge/currency-conversion.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError } from '../../domain/shared/errors.js';
import { asRequestFormatError, assertJsonShape, BODY_LIMITS } from '../body-limits.js';
import { checkedRawBody } from '../bounded-parsers.js';
import type { BuyerLinks } from '../buyer-links.js';
import { authenticate } from './authenticate.js';
import { errorBody, V2_STATUS } from './error-status.js';
import { idempotencyKeyFor } from './idempotency-key.js';
import { checkRegion } from './region-check.js';
import { parseJsonBody } from './request-body.js';
import { buyerRoutes } from './routes/buyer-routes.js';
import { chargePermissionRoutes } from './routes/charge-permission-routes.js';
import { chargeRoutes } from './routes/charge-routes.js';
import { inStoreRoutes } from './routes/in-store-routes.js';
import { partnerRoutes } from './routes/partner-routes.js';
import { updateChargeRoutes } from './routes/update-charge-routes.js';
import { checkoutSessionRoutes } from './routes/checkout-session-routes.js';
import { deliveryTrackerRoutes } from './routes/delivery-tracker-routes.js';
import { refundRoutes } from './routes/refund-routes.js';
import { backOfficeRoutes } from './routes/back-office-routes.js';
import { sha256Hex } from './signature.js';
import type { V2Route } from './v2-route.js';
import { dependenciesFor } from '../request-dependencies.js';

export interface V2Options {
  readonly deps: AppDependencies;
  readonly keys: PublicKeyDirectory;
  readonly links: BuyerLinks;
  readonly signatureSkewMs: number;
  readonly conversionRates: ConversionTable;
}

/** Every v2 operation (also the source of the OpenAPI document, openapi/openapi-document.ts). */
export const V2_ROUTES: readonly V2Route[] = [
  ...checkoutSessionRoutes,
  ...chargePermissionRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...buyerRoutes,
  ...deliveryTrackerRoutes,
  ...backOfficeRoutes,
  ...updateChargeRoutes,
  ...partnerRoutes,
  ...inStoreRoutes,
];

interface Mount {
  readonly prefix: string;
  readonly environment: ReleaseEnvironment | null;
  readonly routes: readonly V2Route[];
  /** Whether x-amz-pay-region must be sent and signed (every v2 SDK does). */
  readonly regionSigned: boolean;
}

/** The three path styles the SDKs use (spec §1.2): environment from the key, or named in the path. */
const PREFIXES: readonly Mount[] = [
  { prefix: '/v2', environment: null, routes: V2_ROUTES, regionSigned: true },
  { prefix: '/sandbox/v2', environment: 'Sandbox', routes: V2_ROUTES, regionSigned: true },
  { prefix: '/live/v2', environment: 'Live', routes: V2_ROUTES, regionSigned: true },
  // The v1 client's alexaDeliveryNotification posts to {host}/live/v1/deliveryTrackers for both
  // environments, signed without x-amz-pay-region (real-clients.md): the key names the environment.
  { prefix: '/live/v1', environment: null, routes: deliveryTrackerRoutes, regionSigned: false },
];

/**
 * A header by lower-case name. SignedHeaders names come from the caller, and Node's header object
 * inherits from Object.prototype: `constructor` must read as absent, not as a function (issue 10).
 */
const header = (request: FastifyRequest, name: string): string | undefined => {
  if (!Object.hasOwn(request.headers, name)) return undefined;
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** What makes two requests with one idempotency key "the same" (spec §6): operation, target, body. */
const fingerprint = (
  route: V2Route,
  path: string,
  simulation: string | null,
  body: Buffer | undefined,
): string =>
  sha256Hex(
    `${route.method} ${route.url}\n${path.replace(/\/+$/, '')}\n${simulation ?? ''}\n${sha256Hex(body ?? '')}`,
  );

function handlerFor(route: V2Route, options: V2Options, mount: Mount) {
  const { environment: pathEnvironment, prefix } = mount;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const [path = '', query = ''] = request.url.split(/\?(.*)/s);
    const body = request.body instanceof Buffer ? request.body : undefined;
    const caller = await authenticate(
      {
        method: request.method,
        path,
        query,
        header: (name) => header(request, name),
        body,
        pathEnvironment,
        regionSigned: mount.regionSigned,
      },
      options.keys,
      options.deps.clock.now(),
      options.signatureSkewMs,
    );
    const key = idempotencyKeyFor(route, header(request, 'x-amz-pay-idempotency-key'));
    const parsed = route.method === 'GET' ? {} : parseJsonBody(body);
    const simulationCode = header(request, 'x-amz-pay-simulation-code') ?? null;
    // A solution provider acts for a merchant that delegated to it (spec §5.1 InvalidAuthorizationToken).
    const authToken = header(request, 'x-amz-pay-authtoken');
    const merchantId =
      authToken === undefined
        ? caller.merchantId
        : await resolveAuthorizationToken(options.deps, authToken, caller.merchantId);
    const scope = { merchantId, environment: caller.environment };
    const v2Request = {
      params: request.params as Record<string, string>,
      callerId: caller.merchantId,
      body: parsed,
      query: singleValuedQuery(request.query),
      simulationCode,
      links: options.links,
      conversionRates: options.conversionRates,
    };
    const work = (unit: Parameters<V2Route['handle']>[0]) => {
      const region = header(request, 'x-amz-pay-region');
      if (mount.regionSigned || region !== undefined) checkRegion(region, unit.merchant);
      return route.handle(unit, v2Request);
    };
    const deps = dependenciesFor(options.deps, request);
    const outcome =
      route.method === 'GET'
        ? await inMerchantUnit(deps, scope, work)
        : await executeIdempotent(
            deps,
            scope,
            {
              key,
              fingerprint: fingerprint(route, path.slice(prefix.length), simulationCode, body),
            },
            work,
          );
    if (route.headers) void reply.headers(route.headers(outcome));
    await reply.code(outcome.statusCode).type('application/json').send(outcome.body);
  };
}

function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  return reply.code(status).type('application/json').send(errorBody(code, message));
}

/** The v2 REST API, mounted once per path style, with its JSON error mapping. */
export async function v2Plugin(app: FastifyInstance, options: V2Options): Promise<void> {
  for (const mount of PREFIXES) {
    await app.register(
      (scope, _options, done) => {
        // Keep the body as raw bytes: the signature covers exactly what was sent (spec §2.2).
        scope.removeAllContentTypeParsers();
        // Its shape is bounded first, before the signature or anything else reads it (issue 10).
        scope.addContentTypeParser(
          '*',
          { parseAs: 'buffer', bodyLimit: BODY_LIMITS.maxBytes },
          checkedRawBody(assertJsonShape),
        );
        scope.setErrorHandler((raised, request, reply) => {
          const error = asRequestFormatError(raised) ?? raised;
          if (error instanceof DomainError)
            return sendError(reply, V2_STATUS[error.code], error.code, error.message);
          const status = (error as { statusCode?: unknown }).statusCode;
          if (typeof status === 'number' && status >= 400 && status < 500)
            return sendError(reply, status, 'InvalidRequest', (error as Error).message);
          request.log.error({ err: error }, 'internal error in v2 request');
          return sendError(
            reply,
            500,
            'InternalServerError',
            `localpay hit an internal error; request id ${request.id}.`,
          );
        });
        scope.setNotFoundHandler((request, reply) => {
          const path = request.url.split('?')[0] ?? '';
          const unknown = unknownOperation(mount.routes, request.method, path);
          return sendError(reply, unknown.status, unknown.reasonCode, unknown.message);
        });
        for (const route of mount.routes)
          scope.route({
            method: route.method,
            url: route.url,
            handler: handlerFor(route, options, mount),
          });
        done();
      },
      { prefix: mount.prefix },
    );
  }
}
