import type { DeliveryDetail } from '../../../domain/delivery/delivery-tracker.js';

/**
 * Create Delivery Tracker's answer (Amazon Pay "Delivery Tracker" page): the order under the field
 * the request named it by, and the delivery details as stored.
 */
export const serializeDeliveryTrackers = (
  field: 'chargePermissionId' | 'amazonOrderReferenceId',
  id: string,
  trackers: readonly DeliveryDetail[],
): Record<string, unknown> => ({
  [field]: id,
  deliveryDetails: trackers.map(({ trackingNumber, carrierCode }) => ({
    trackingNumber,
    carrierCode,
  })),
});
