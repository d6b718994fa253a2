import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mwsDelegationPermits } from '../../app/partners/delegations.js';
import type { AppDependencies } from '../../app/ports.js';
import type { MwsKeyDirectory } from '../../app/v1/mws-credentials.js';
import { authenticateMws } from './mws-authenticate.js';
import { MwsTransportError } from './mws-errors.js';
import { MwsParams } from './mws-params.js';
import { formParams, sendError, sendXml } from './mws-reply.js';
import type { MwsThrottle } from './mws-throttle.js';
import { renderResponse, REPORTS_NAMESPACE } from './mws-xml.js';
import { REPORT_ACTIONS } from './report-actions.js';
import { dependenciesFor } from '../request-dependencies.js';

/**
 * The MWS Reports section: amazon-payments posts its `reports` calls to the Reports environment's
 * endpoint, `https://mws.amazonservices.com/` (lib/environment.js), so the path is the root; the
 * same Signature Version 2 with the same MWS keys, Version 2009-01-01, answers in the Reports
 * namespace, and GetReport answers the document itself.
 */
export const REPORTS_PATH = '/';
const SECTION = { name: 'Reports', version: '2009-01-01' } as const;

export interface ReportSectionOptions {
  readonly deps: AppDependencies;
  readonly keys: MwsKeyDirectory;
  readonly throttle: MwsThrottle;
  readonly signatureSkewMs: number;
}

/**
 * GetReport's body is the report, with its MD5 in Content-MD5 (base64) so the merchant can check
 * it, as MWS does. amazon-payments parses only `text/xml` bodies; any other reaches its callback
 * as `{ Response: body }`.
 */
function sendDocument(reply: FastifyReply, content: string, requestId: string): FastifyReply {
  return reply
    .code(200)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('content-md5', createHash('md5').update(content, 'utf8').digest('base64'))
    .header('x-mws-request-id', requestId)
    .header('x-mws-timestamp', new Date().toISOString())
    .send(content);
}

export function reportsHandler(options: ReportSectionOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      const values = formParams(request.body);
      const now = options.deps.clock.now();
      const caller = await authenticateMws(
        {
          params: values,
          path: request.url.split('?')[0] ?? '',
          host: request.headers.host,
          environment: 'Live',
          section: SECTION,
        },
        options.keys,
        now,
        options.signatureSkewMs,
        (token, sellerId, providerId) =>
          mwsDelegationPermits(options.deps, token, sellerId, providerId),
      );
      const action = REPORT_ACTIONS.get(caller.action);
      if (action === undefined)
        throw new MwsTransportError(
          'InvalidAddress',
          `The action ${caller.action} is not a Reports 2009-01-01 operation.`,
        );
      if (!options.throttle.take(caller.merchantId, 'Live', caller.action, now))
        throw new MwsTransportError('RequestThrottled', 'Request is throttled');
      const answer = await action({
        deps: dependenciesFor(options.deps, request),
        merchantId: caller.merchantId,
        params: new MwsParams(values),
      });
      if (answer.kind === 'document') return sendDocument(reply, answer.content, request.id);
      return sendXml(
        reply,
        200,
        renderResponse(caller.action, answer.result, request.id, REPORTS_NAMESPACE),
        request.id,
      );
    } catch (error) {
      return sendError(request, reply, error, REPORTS_NAMESPACE);
    }
  };
}
