import { z } from 'zod';

/** Create Delivery Tracker's body (Amazon Pay "Delivery Tracker" page); every check of presence is the route's, in Amazon's words. */
const detailSchema = z.strictObject({
  trackingNumber: z.string().optional(),
  carrierCode: z.string().optional(),
});

export const createDeliveryTrackerSchema = z.strictObject({
  amazonOrderReferenceId: z.string().optional(),
  chargePermissionId: z.string().optional(),
  deliveryDetails: z.array(detailSchema).max(10).optional(),
});
