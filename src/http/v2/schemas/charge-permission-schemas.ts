import { z } from 'zod';
import { recurringMetadataSchema } from './checkout-session-schemas.js';
import { booleanSchema, merchantMetadataSchema } from './common-schemas.js';

/** Request bodies of the Charge Permission operations (spec §8.7, §8.8). */
export const updateChargePermissionSchema = z.strictObject({
  merchantMetadata: merchantMetadataSchema.optional(),
  // Amazon computes a Recurring permission's expiry from it (recurring-expiry.ts).
  recurringMetadata: recurringMetadataSchema.optional(),
});

export const closeChargePermissionSchema = z.strictObject({
  closureReason: z.string().nullish(),
  cancelPendingCharges: booleanSchema.optional(),
});
