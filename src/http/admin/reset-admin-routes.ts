import type { FastifyInstance } from 'fastify';
import { resetMerchants } from '../../app/back-office/reset-merchant.js';
import type { DependenciesOf } from '../request-dependencies.js';

/** Reset (issue 14 point 7): one merchant, or every merchant, back to a fresh sandbox. */
export function resetAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.post('/merchants/:merchantId/reset', async (request) =>
    resetMerchants(depsOf(request), (request.params as { merchantId: string }).merchantId),
  );
  app.post('/reset', async (request) => resetMerchants(depsOf(request), null));
}
