import { createDeliveryTrackers } from '../../../app/delivery/delivery-trackers.js';
import { parameterRequired } from '../../../domain/delivery/delivery-tracker.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { validateBody } from '../request-body.js';
import { createDeliveryTrackerSchema } from '../schemas/delivery-tracker-schemas.js';
import { serializeDeliveryTrackers } from '../serializers/delivery-tracker-serializer.js';
import { json, type V2Route } from '../v2-route.js';

/**
 * Create Delivery Tracker (spec §8.17; Amazon Pay "Delivery Tracker" page): 200 with the tracker
 * as sent. Required parameters are reported as Amazon does, `InvalidParameterValue` "The
 * [parameterName] parameter is required." (quoted by the amazon-payments client).
 */
export const deliveryTrackerRoutes: readonly V2Route[] = [
  {
    method: 'POST',
    url: '/deliveryTrackers',
    idempotency: 'optional',
    async handle(unit, request) {
      const body = validateBody(createDeliveryTrackerSchema, request.body);
      if (body.amazonOrderReferenceId !== undefined && body.chargePermissionId !== undefined)
        throw new DomainError(
          'InvalidParameterCombination',
          'Send either amazonOrderReferenceId or chargePermissionId, not both.',
        );
      const field =
        body.chargePermissionId !== undefined ? 'chargePermissionId' : 'amazonOrderReferenceId';
      const id = body.chargePermissionId ?? body.amazonOrderReferenceId ?? '';
      if (id === '') throw parameterRequired('amazonOrderReferenceId');
      const details = body.deliveryDetails ?? [];
      if (details.length === 0) throw parameterRequired('deliveryDetails');
      const trackers = await createDeliveryTrackers(unit, {
        field,
        id,
        deliveryDetails: details.map((detail) => ({
          trackingNumber: detail.trackingNumber ?? '',
          carrierCode: detail.carrierCode ?? '',
        })),
      });
      return json(200, serializeDeliveryTrackers(field, id, trackers));
    },
  },
];
