import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listDeliveryTrackers } from '../../app/delivery/delivery-trackers.js';
import { formField } from '../pages/page-context.js';
import type { DependenciesOf } from '../request-dependencies.js';

/** A merchant's delivery trackers (Create Delivery Tracker), newest first; `?objectId=` for one order. */
export function deliveryAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.get('/merchants/:merchantId/delivery-trackers', async (request: FastifyRequest) => ({
    deliveryTrackers: await listDeliveryTrackers(
      depsOf(request),
      (request.params as { merchantId: string }).merchantId,
      formField(request.query, 'objectId'),
    ),
  }));
}
