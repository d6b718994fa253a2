import { z } from 'zod';
import { booleanSchema, merchantMetadataSchema } from './common-schemas.js';

/** Request bodies of the Charge Permission operations (spec §8.7, §8.8). */
export const updateChargePermissionSchema = z.strictObject({
  merchantMetadata: merchantMetadataSchema.optional(),
  // Recurring metadata only informs buyer communication; accepted and not acted on.
  recurringMetadata: z.unknown().optional(),
});

export const closeChargePermissionSchema = z.strictObject({
  closureReason: z.string().nullish(),
  cancelPendingCharges: booleanSchema.optional(),
});
