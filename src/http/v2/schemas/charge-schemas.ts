import { z } from 'zod';
import type { CreateChargeInput } from '../../../app/create-charge.js';
import type { CreateRefundInput } from '../../../app/refund-operations.js';
import { CHANNELS, CHARGE_INITIATORS, type Channel } from '../../../domain/charge/charge.js';
import type { CaptureInput } from '../../../domain/charge/charge-operations.js';
import {
  mergeMerchantMetadata,
  EMPTY_MERCHANT_METADATA,
} from '../../../domain/shared/merchant-metadata.js';
import {
  booleanSchema,
  merchantMetadataSchema,
  priceSchema,
  providerMetadataSchema,
  toMoney,
} from './common-schemas.js';

/** Request bodies of the Charge and Refund operations (spec §8.9–§8.15, seed 004). */

/** The seed spells it Firetv, the .NET SDK FireTv: both are accepted and stored as the seed does. */
const channelSchema = z.union([
  z.enum(CHANNELS),
  z.literal('FireTv').transform((): Channel => 'Firetv'),
]);

export const createChargeSchema = z.strictObject({
  chargePermissionId: z.string().min(1),
  chargeAmount: priceSchema,
  captureNow: booleanSchema.optional(),
  softDescriptor: z.string().nullish(),
  canHandlePendingAuthorization: booleanSchema.optional(),
  merchantMetadata: merchantMetadataSchema.optional(),
  providerMetadata: providerMetadataSchema.optional(),
  platformId: z.string().max(256).nullish(),
  chargeInitiator: z.enum(CHARGE_INITIATORS).optional(),
  channel: channelSchema.optional(),
  webCheckoutDetails: z.strictObject({ checkoutResultReturnUrl: z.string().nullish() }).optional(),
});

export const toCreateChargeInput = (
  body: z.output<typeof createChargeSchema>,
): CreateChargeInput => ({
  chargePermissionId: body.chargePermissionId,
  chargeAmount: toMoney(body.chargeAmount, 'chargeAmount'),
  captureNow: body.captureNow ?? false,
  softDescriptor: body.softDescriptor ?? null,
  canHandlePendingAuthorization: body.canHandlePendingAuthorization ?? false,
  merchantMetadata: mergeMerchantMetadata(EMPTY_MERCHANT_METADATA, body.merchantMetadata),
  providerReferenceId: body.providerMetadata?.providerReferenceId ?? null,
  platformId: body.platformId ?? null,
  chargeInitiator: body.chargeInitiator ?? null,
  channel: body.channel ?? null,
  checkoutResultReturnUrl: body.webCheckoutDetails?.checkoutResultReturnUrl ?? null,
});

export const captureChargeSchema = z.strictObject({
  captureAmount: priceSchema,
  softDescriptor: z.string().nullish(),
});

export const toCaptureInput = (body: z.output<typeof captureChargeSchema>): CaptureInput => ({
  captureAmount: toMoney(body.captureAmount, 'captureAmount'),
  softDescriptor: body.softDescriptor ?? null,
});

export const cancelChargeSchema = z.strictObject({ cancellationReason: z.string().nullish() });

export const createRefundSchema = z.strictObject({
  chargeId: z.string().min(1),
  refundAmount: priceSchema,
  softDescriptor: z.string().nullish(),
});

export const toCreateRefundInput = (
  body: z.output<typeof createRefundSchema>,
): CreateRefundInput => ({
  chargeId: body.chargeId,
  refundAmount: toMoney(body.refundAmount, 'refundAmount'),
  softDescriptor: body.softDescriptor ?? null,
});
