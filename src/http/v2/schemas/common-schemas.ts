import { z } from 'zod';
import type { Address } from '../../../domain/shared/buyer.js';
import { MERCHANT_METADATA_LIMITS } from '../../../domain/shared/merchant-metadata.js';
import { parseMoney, type Money } from '../../../domain/shared/money.js';

/** Building blocks shared by the v2 request schemas (spec §3.5: accept what the SDKs send). */

/** Amounts arrive as strings or numbers; parseMoney checks them against the currency. */
export const priceSchema = z.strictObject({
  amount: z.union([z.string(), z.number()]),
  currencyCode: z.string(),
});
export type WirePriceInput = z.output<typeof priceSchema>;

export const toMoney = (value: WirePriceInput, field: string): Money =>
  parseMoney(value.amount, value.currencyCode, field);

export const optionalMoney = (
  value: WirePriceInput | null | undefined,
  field: string,
): Money | null | undefined =>
  value === undefined ? undefined : value === null ? null : toMoney(value, field);

/** PHP sends booleans as the strings "true"/"false" (spec §3.5). */
export const booleanSchema = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((value) => value === 'true'),
]);

const limited = (max: number) => z.string().max(max, `at most ${max} characters`).nullish();

export const merchantMetadataSchema = z.strictObject({
  merchantReferenceId: limited(MERCHANT_METADATA_LIMITS.merchantReferenceId),
  merchantStoreName: limited(MERCHANT_METADATA_LIMITS.merchantStoreName),
  noteToBuyer: limited(MERCHANT_METADATA_LIMITS.noteToBuyer),
  customInformation: limited(MERCHANT_METADATA_LIMITS.customInformation),
});

const addressLine = z.string().max(180).nullish();

export const addressSchema = z.strictObject({
  name: addressLine,
  addressLine1: addressLine,
  addressLine2: addressLine,
  addressLine3: addressLine,
  city: addressLine,
  county: addressLine,
  district: addressLine,
  districtOrCounty: addressLine,
  stateOrRegion: addressLine,
  postalCode: addressLine,
  countryCode: z.string().length(2).nullish(),
  phoneNumber: addressLine,
});

export function toAddress(value: z.output<typeof addressSchema>): Address {
  return {
    name: value.name ?? null,
    addressLine1: value.addressLine1 ?? null,
    addressLine2: value.addressLine2 ?? null,
    addressLine3: value.addressLine3 ?? null,
    city: value.city ?? null,
    county: value.county ?? value.districtOrCounty ?? null,
    district: value.district ?? null,
    stateOrRegion: value.stateOrRegion ?? null,
    postalCode: value.postalCode ?? null,
    countryCode: value.countryCode ?? null,
    phoneNumber: value.phoneNumber ?? null,
  };
}

export const providerMetadataSchema = z.strictObject({
  providerReferenceId: z.string().max(256).nullish(),
});
