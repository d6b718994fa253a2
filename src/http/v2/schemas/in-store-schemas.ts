import { z } from 'zod';
import type {
  InStoreChargeInput,
  InStoreRefundInput,
  MerchantScanInput,
} from '../../../app/in-store/in-store-operations.js';
import {
  EMPTY_MERCHANT_METADATA,
  mergeMerchantMetadata,
  MERCHANT_METADATA_LIMITS,
  type MerchantMetadata,
} from '../../../domain/shared/merchant-metadata.js';
import { priceSchema, toMoney } from './common-schemas.js';

/**
 * In-Store request bodies, as the SDKs build them (.NET InStore types; PHP/Java README samples):
 * a reference id per call, amounts as `chargeTotal` / `refundTotal`, and `metadata` with a merchant
 * note, custom information and the communication context shown to the buyer.
 */
const referenceId = z.string().min(1).max(MERCHANT_METADATA_LIMITS.merchantReferenceId);

const metadataSchema = z.strictObject({
  merchantNote: z.string().max(MERCHANT_METADATA_LIMITS.noteToBuyer).nullish(),
  customInformation: z.string().max(MERCHANT_METADATA_LIMITS.customInformation).nullish(),
  communicationContext: z
    .strictObject({
      merchantStoreName: z.string().max(MERCHANT_METADATA_LIMITS.merchantStoreName).nullish(),
      merchantOrderId: z.string().max(MERCHANT_METADATA_LIMITS.merchantReferenceId).nullish(),
    })
    .optional(),
});

/** The reference id is the merchant's reference on the permission or charge it creates. */
function toMetadata(
  reference: string,
  metadata: z.output<typeof metadataSchema> | undefined,
): MerchantMetadata {
  return mergeMerchantMetadata(EMPTY_MERCHANT_METADATA, {
    merchantReferenceId: reference,
    merchantStoreName: metadata?.communicationContext?.merchantStoreName,
    noteToBuyer: metadata?.merchantNote,
    customInformation: metadata?.customInformation,
  });
}

export const merchantScanSchema = z.strictObject({
  scanData: z.string().min(1).max(1024),
  scanReferenceId: referenceId,
  merchantCOE: z.string(),
  ledgerCurrency: z.string(),
  chargeTotal: priceSchema.optional(),
  storeLocation: z.strictObject({ countryCode: z.string().length(2) }).optional(),
  metadata: metadataSchema.optional(),
});

export const toMerchantScanInput = (
  body: z.output<typeof merchantScanSchema>,
): MerchantScanInput => ({
  scanData: body.scanData,
  scanReferenceId: body.scanReferenceId,
  merchantCOE: body.merchantCOE,
  ledgerCurrency: body.ledgerCurrency,
  chargeTotal: body.chargeTotal === undefined ? null : toMoney(body.chargeTotal, 'chargeTotal'),
  merchantMetadata: toMetadata(body.scanReferenceId, body.metadata),
});

export const inStoreChargeSchema = z.strictObject({
  chargePermissionId: z.string().min(1),
  chargeReferenceId: referenceId,
  chargeTotal: priceSchema,
  softDescriptor: z.string().nullish(),
  metadata: metadataSchema.optional(),
});

export const toInStoreChargeInput = (
  body: z.output<typeof inStoreChargeSchema>,
): InStoreChargeInput => ({
  chargePermissionId: body.chargePermissionId,
  chargeTotal: toMoney(body.chargeTotal, 'chargeTotal'),
  softDescriptor: body.softDescriptor ?? null,
  merchantMetadata: toMetadata(body.chargeReferenceId, body.metadata),
});

export const inStoreRefundSchema = z.strictObject({
  chargeId: z.string().min(1),
  refundReferenceId: referenceId,
  refundTotal: priceSchema,
  softDescriptor: z.string().nullish(),
  metadata: metadataSchema.optional(),
});

export const toInStoreRefundInput = (
  body: z.output<typeof inStoreRefundSchema>,
): InStoreRefundInput => ({
  chargeId: body.chargeId,
  refundTotal: toMoney(body.refundTotal, 'refundTotal'),
  softDescriptor: body.softDescriptor ?? null,
});
