import type { FastifyInstance } from 'fastify';
import { unsubscribe } from '../app/ipn-administration.js';
import type { AppDependencies } from '../app/ports.js';
import { DomainError } from '../domain/shared/errors.js';
import { formField } from './pages/page-context.js';

/**
 * What merchants' IPN handlers fetch, so open to any caller (unlike the admin API under the same
 * prefix): the certificate that signs localpay's IPNs (each envelope's SigningCertURL) and the
 * UnsubscribeURL of SNS. Served on both listeners, since both feed this app.
 */
export interface IpnPublicRoutesOptions {
  readonly deps: AppDependencies;
  readonly signingCertPem: string;
  /** Where the certificate is served (localpay's own path, and an SNS-style file name). */
  readonly signingCertPaths: readonly string[];
  readonly unsubscribePath: string;
}

const SNS_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

export function ipnPublicRoutes(app: FastifyInstance, options: IpnPublicRoutesOptions): void {
  for (const path of options.signingCertPaths)
    app.get(path, (_request, reply) =>
      reply.type('application/x-pem-file').send(options.signingCertPem),
    );
  app.get(options.unsubscribePath, async (request, reply) => {
    const arn = formField(request.query, 'SubscriptionArn') ?? '';
    try {
      await unsubscribe(options.deps, arn);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return reply
        .code(404)
        .type('text/xml')
        .send(
          `<ErrorResponse xmlns="${SNS_NAMESPACE}"><Error><Type>Sender</Type><Code>NotFound</Code>` +
            `<Message>Subscription does not exist</Message></Error><RequestId>${request.id}</RequestId></ErrorResponse>`,
        );
    }
    return reply
      .type('text/xml')
      .send(
        `<UnsubscribeResponse xmlns="${SNS_NAMESPACE}"><ResponseMetadata><RequestId>${request.id}</RequestId></ResponseMetadata></UnsubscribeResponse>`,
      );
  });
}
