import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { forceOptions, forceState } from '../../app/force/force-state.js';
import { validateBody } from '../v2/request-body.js';
import type { DependenciesOf } from '../request-dependencies.js';

/**
 * Forcing an object into a state it can reach (issue 14 point 6, docs/console.md "Force a
 * state"): GET lists the targets of the object's current state, POST runs one. Under the admin
 * prefix; the merchant in the path must own the object.
 */
const forceSchema = z.strictObject({ target: z.string().min(1).max(100) });

const params = (request: FastifyRequest) =>
  request.params as { merchantId: string; kind: string; id: string };

const PATH = '/merchants/:merchantId/objects/:kind/:id/force';

export function forceAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.get(PATH, async (request) => {
    const { merchantId, kind, id } = params(request);
    return forceOptions(depsOf(request), { merchantId, kind, id });
  });
  app.post(PATH, async (request) => {
    const { merchantId, kind, id } = params(request);
    const { target } = validateBody(forceSchema, request.body);
    return forceState(depsOf(request), {
      merchantId,
      kind,
      id,
      target,
      via: 'admin API',
    });
  });
}
