import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { setStoreDestinations } from '../../app/store-destinations.js';
import { validateBody } from '../v2/request-body.js';
import type { DependenciesOf } from '../request-dependencies.js';

/**
 * A store's Allowed Return URLs and Allowed JavaScript Origins (Seller Central's Login with Amazon
 * and domain settings; issue 10 point 4). PATCH replaces the lists it names; GET
 * /merchants/{id} shows them with the merchant's stores.
 */
const destinationsSchema = z.strictObject({
  allowedReturnUrls: z.array(z.string()).optional(),
  allowedJavaScriptOrigins: z.array(z.string()).optional(),
});

const paramsOf = (request: FastifyRequest) =>
  request.params as { readonly merchantId: string; readonly storeId: string };

export function storeAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.patch('/merchants/:merchantId/stores/:storeId', async (request) => {
    const body = validateBody(destinationsSchema, request.body);
    const { merchantId, storeId } = paramsOf(request);
    return setStoreDestinations(depsOf(request), merchantId, storeId, body);
  });
}
