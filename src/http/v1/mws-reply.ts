import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/shared/errors.js';
import { errorType, MwsTransportError, V1_ERRORS } from './mws-errors.js';
import { MWS_NAMESPACE, renderError } from './mws-xml.js';

/** amazon-payments only parses XML when the content type is exactly `text/xml` (spec v1 §1.6). */
export function sendXml(
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

/** An error in MWS XML, in the section's own namespace (OffAmazonPayments or Reports). */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  namespace: string = MWS_NAMESPACE,
): FastifyReply {
  if (error instanceof DomainError || error instanceof MwsTransportError) {
    const wire = V1_ERRORS[error.code];
    return sendXml(
      reply,
      wire.status,
      renderError(errorType(wire.status), wire.code, error.message, request.id, namespace),
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
      namespace,
    ),
    request.id,
  );
}

/** Form fields of the body (`+` is a space, spec v1 §1.2); a repeated name keeps its last value. */
export function formParams(body: unknown): Map<string, string> {
  const params = new Map<string, string>();
  if (typeof body !== 'string') return params;
  for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
  return params;
}
