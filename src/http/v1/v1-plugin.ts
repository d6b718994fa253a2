import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UniqueViolation, type AppDependencies } from '../../app/ports.js';
import { inMerchantUnit } from '../../app/unit-of-work.js';
import { assertFormShape, BODY_LIMITS } from '../body-limits.js';
import { checkedRawBody } from '../bounded-parsers.js';
import type { MwsKeyDirectory } from '../../app/v1/mws-credentials.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import type { MwsAction } from './mws-actions.js';
import { mwsDelegationPermits } from '../../app/partners/delegations.js';
import { authenticateMws } from './mws-authenticate.js';
import { MwsTransportError } from './mws-errors.js';
import { MwsParams } from './mws-params.js';
import type { MwsThrottle } from './mws-throttle.js';
import { MWS_NAMESPACE, renderError, renderResponse, REPORTS_NAMESPACE } from './mws-xml.js';
import { formParams, sendError, sendXml } from './mws-reply.js';
import { reportsHandler, REPORTS_PATH } from './report-section.js';
import { BILLING_AGREEMENT_ACTIONS } from './billing-agreement-actions.js';
import { ORDER_REFERENCE_ACTIONS } from './order-reference-actions.js';
import { PAYMENT_ACTIONS } from './payment-actions.js';
import { BACK_OFFICE_ACTIONS } from './back-office-actions.js';
import { PROVIDER_CREDIT_ACTIONS } from './provider-credit-actions.js';
import { dependenciesFor } from '../request-dependencies.js';

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

/** The names of the actions above, e.g. for the request metrics' labels. */
export const MWS_ACTION_NAMES: ReadonlySet<string> = new Set(ACTIONS.keys());

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
      const deps = dependenciesFor(options.deps, request);
      const run = () =>
        inMerchantUnit(deps, scope, (unit) => action.handle({ unit, params, deps }));
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
      const namespace =
        request.url.split('?')[0] === REPORTS_PATH ? REPORTS_NAMESPACE : MWS_NAMESPACE;
      if (typeof status === 'number' && status >= 400 && status < 500)
        return sendXml(
          reply,
          400,
          renderError(
            'Sender',
            'InvalidParameterValue',
            (error as Error).message,
            request.id,
            namespace,
          ),
          request.id,
        );
      return sendError(request, reply, error, namespace);
    });
    // The Reports section (2009-01-01) sits at the host's root, as amazon-payments' Reports
    // environments name it (https://mws.amazonservices.com/).
    scope.post(REPORTS_PATH, reportsHandler(options));
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
