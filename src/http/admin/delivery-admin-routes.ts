import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listDeliveryTrackers } from '../../app/delivery/delivery-trackers.js';
import type { AppDependencies } from '../../app/ports.js';
import { formField } from '../pages/page-context.js';

/** A merchant's delivery trackers (Create Delivery Tracker), newest first; `?objectId=` for one order. */
export function deliveryAdminRoutes(app: FastifyInstance, deps: AppDependencies): void {
  app.get('/merchants/:merchantId/delivery-trackers', async (request: FastifyRequest) => ({
    deliveryTrackers: await listDeliveryTrackers(
      deps,
      (request.params as { merchantId: string }).merchantId,
      formField(request.query, 'objectId'),
    ),
  }));
}
