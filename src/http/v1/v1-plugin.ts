import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UniqueViolation, type AppDependencies } from '../../app/ports.js';
import { inMerchantUnit } from '../../app/unit-of-work.js';
import { assertFormShape, BODY_LIMITS } from '../body-limits.js';
import { checkedRawBody } from '../bounded-parsers.js';
import type { MwsKeyDirectory } from '../../app/v1/mws-credentials.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { MwsAction } from './mws-actions.js';
import { mwsDelegationPermits } from '../../app/partners/delegations.js';
import { authenticateMws } from './mws-authenticate.js';
import { errorType, MwsTransportError, V1_ERRORS } from './mws-errors.js';
import { MwsParams } from './mws-params.js';
import type { MwsThrottle } from './mws-throttle.js';
import { renderError, renderResponse } from './mws-xml.js';
import { BILLING_AGREEMENT_ACTIONS } from './billing-agreement-actions.js';
import { ORDER_REFERENCE_ACTIONS } from './order-reference-actions.js';
import { PAYMENT_ACTIONS } from './payment-actions.js';
import { BACK_OFFICE_ACTIONS } from './back-office-actions.js';
import { PROVIDER_CREDIT_ACTIONS } from './provider-credit-actions.js';

export interface V1Options {
  readonly deps: AppDependencies;
  readonly keys: MwsKeyDirectory;
  readonly throttle: MwsThrottle;
  readonly signatureSkewMs: number;
}

/** The two section paths (spec v1 §1.1); the trailing-slash form is served too (amazon-payments SandboxEU). */
export const MWS_PATHS: readonly {
  readonly path: string;
  readonly environment: ReleaseEnvironment;
}[] = [
  { path: '/OffAmazonPayments_Sandbox/2013-01-01', environment: 'Sandbox' },
  { path: '/OffAmazonPayments/2013-01-01', environment: 'Live' },
];

/** A Map, not an object: `Action=__proto__` or `constructor` must find nothing (issue 10 point 6). */
const ACTIONS: ReadonlyMap<string, MwsAction> = new Map(
  Object.entries({
    ...ORDER_REFERENCE_ACTIONS,
    ...BILLING_AGREEMENT_ACTIONS,
    ...PAYMENT_ACTIONS,
    ...BACK_OFFICE_ACTIONS,
    ...PROVIDER_CREDIT_ACTIONS,
  }),
);

/** amazon-payments only parses XML when the content type is exactly `text/xml` (spec v1 §1.6). */
function sendXml(
  reply: FastifyReply,
  status: number,
  body: string,
  requestId: string,
): FastifyReply {
  void reply.raw.setHeader('content-type', 'text/xml');
  return reply
    .code(status)
    .header('x-mws-request-id', requestId)
    .header('x-mws-timestamp', new Date().toISOString())
    .send(body);
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof DomainError || error instanceof MwsTransportError) {
    const wire = V1_ERRORS[error.code];
    return sendXml(
      reply,
      wire.status,
      renderError(errorType(wire.status), wire.code, error.message, request.id),
      request.id,
    );
  }
  request.log.error({ err: error }, 'internal error in v1 request');
  return sendXml(
    reply,
    500,
    renderError(
      'Receiver',
      'InternalServerError',
      `localpay hit an internal error; request id ${request.id}.`,
      request.id,
    ),
    request.id,
  );
}

/** Form fields of the body (`+` is a space, spec v1 §1.2); a repeated name keeps its last value. */
function formParams(body: unknown): Map<string, string> {
  const params = new Map<string, string>();
  if (typeof body !== 'string') return params;
  for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
  return params;
}

function handlerFor(options: V1Options, environment: ReleaseEnvironment) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      const values = formParams(request.body);
      const caller = await authenticateMws(
        {
          params: values,
          path: request.url.split('?')[0] ?? '',
          host: request.headers.host,
          environment,
        },
        options.keys,
        options.deps.clock.now(),
        options.signatureSkewMs,
        (token, sellerId, providerId) =>
          mwsDelegationPermits(options.deps, token, sellerId, providerId),
      );
      const action = ACTIONS.get(caller.action);
      if (action === undefined)
        throw new MwsTransportError(
          'InvalidAddress',
          `The action ${caller.action} is not an OffAmazonPayments 2013-01-01 operation.`,
        );
      if (
        !options.throttle.take(
          caller.merchantId,
          environment,
          caller.action,
          options.deps.clock.now(),
        )
      )
        throw new MwsTransportError('RequestThrottled', 'Request is throttled');
      const params = new MwsParams(values);
      const scope = { merchantId: caller.merchantId, environment };
      const run = () =>
        inMerchantUnit(options.deps, scope, (unit) =>
          action.handle({ unit, params, deps: options.deps }),
        );
      let result;
      try {
        result = await run();
      } catch (error) {
        // A concurrent request took the same reference id first: the retry finds its object.
        if (!(error instanceof UniqueViolation) || action.readOnly) throw error;
        result = await run();
      }
      return sendXml(reply, 200, renderResponse(caller.action, result, request.id), request.id);
    } catch (error) {
      return sendError(request, reply, error);
    }
  };
}

/** The v1 MWS API (spec v1 §1): form-encoded POSTs, Signature Version 2, XML answers and errors. */
export async function v1Plugin(app: FastifyInstance, options: V1Options): Promise<void> {
  await app.register((scope, _options, done) => {
    // The signature covers the fields as sent, so the body is parsed here, whatever its content type.
    scope.removeAllContentTypeParsers();
    // Its size and field count are bounded before the signature is checked (issue 10 point 7).
    scope.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: BODY_LIMITS.maxBytes },
      checkedRawBody(assertFormShape),
    );
    scope.setErrorHandler((error, request, reply) => {
      const status = (error as { statusCode?: unknown }).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500)
        return sendXml(
          reply,
          400,
          renderError('Sender', 'InvalidParameterValue', (error as Error).message, request.id),
          request.id,
        );
      return sendError(request, reply, error);
    });
    for (const { path, environment } of MWS_PATHS) {
      scope.post(path, handlerFor(options, environment));
      scope.route({
        method: ['GET', 'PUT', 'DELETE', 'PATCH'],
        url: path,
        handler: (request, reply) =>
          sendXml(
            reply,
            400,
            renderError(
              'Sender',
              'InvalidAddress',
              'MWS operations are called with POST.',
              request.id,
            ),
            request.id,
          ),
      });
    }
    done();
  });
}
