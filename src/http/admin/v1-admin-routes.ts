import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ownEntry } from '../../domain/shared/own-entry.js';
import { settleConfirmationChallenge } from '../../app/v1/confirmation-flow.js';
import { createMwsCredential, listMwsCredentials } from '../../app/v1/mws-credentials.js';
import type { DependenciesOf } from '../request-dependencies.js';

/**
 * Admin routes for the v1 API: a merchant's MWS access keys (list, issue another), and headless
 * control of a v1 Confirmation Flow challenge by order reference or billing agreement id.
 */
const param = (request: FastifyRequest, name: string): string =>
  (request.params as Record<string, string>)[name] ?? '';

const OUTCOMES = { pass: 'Success', fail: 'Failure', abandon: 'Abandoned' } as const;

export function v1AdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.get('/merchants/:merchantId/mws-credentials', async (request) => ({
    mwsCredentials: await listMwsCredentials(depsOf(request), param(request, 'merchantId')),
  }));
  app.post('/merchants/:merchantId/mws-credentials', async (request, reply) =>
    reply.code(201).send(await createMwsCredential(depsOf(request), param(request, 'merchantId'))),
  );
  app.post('/v1-challenges/:contractId/:answer', async (request, reply) => {
    const outcome = ownEntry(OUTCOMES, param(request, 'answer'));
    if (outcome === undefined)
      return reply
        .code(404)
        .send({ reasonCode: 'InvalidRequest', message: 'Use pass, fail or abandon.' });
    return {
      returnUrl: await settleConfirmationChallenge(
        depsOf(request),
        param(request, 'contractId'),
        outcome,
      ),
    };
  });
}
