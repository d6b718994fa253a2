import type { FastifyInstance } from 'fastify';
import { resetMerchants } from '../../app/back-office/reset-merchant.js';
import type { AppDependencies } from '../../app/ports.js';
import { dependenciesFor } from '../request-dependencies.js';

/** Reset (issue 14 point 7): one merchant, or every merchant, back to a fresh sandbox. */
export function resetAdminRoutes(app: FastifyInstance, deps: AppDependencies): void {
  app.post('/merchants/:merchantId/reset', async (request) =>
    resetMerchants(
      dependenciesFor(deps, request),
      (request.params as { merchantId: string }).merchantId,
    ),
  );
  app.post('/reset', async (request) => resetMerchants(dependenciesFor(deps, request), null));
}
