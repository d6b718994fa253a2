import { invalidParameter } from './errors.js';

/** Merchant-provided order details and their maximum lengths (spec §4.6). */
export interface MerchantMetadata {
  readonly merchantReferenceId: string | null;
  readonly merchantStoreName: string | null;
  readonly noteToBuyer: string | null;
  readonly customInformation: string | null;
}

export const MERCHANT_METADATA_LIMITS = {
  merchantReferenceId: 256,
  merchantStoreName: 50,
  noteToBuyer: 255,
  customInformation: 4096,
} as const satisfies Record<keyof MerchantMetadata, number>;

export const EMPTY_MERCHANT_METADATA: MerchantMetadata = {
  merchantReferenceId: null,
  merchantStoreName: null,
  noteToBuyer: null,
  customInformation: null,
};

export type MerchantMetadataPatch = {
  readonly [K in keyof MerchantMetadata]?: string | null | undefined;
};

/** Applies a patch (fields not sent stay as they were) and enforces the length limits. */
export function mergeMerchantMetadata(
  current: MerchantMetadata,
  patch: MerchantMetadataPatch | undefined,
  field = 'merchantMetadata',
): MerchantMetadata {
  if (patch === undefined) return current;
  const next = { ...current };
  for (const key of Object.keys(MERCHANT_METADATA_LIMITS) as (keyof MerchantMetadata)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value !== null && value.length > MERCHANT_METADATA_LIMITS[key])
      throw invalidParameter(
        `${field}.${key}`,
        `it is longer than ${MERCHANT_METADATA_LIMITS[key]} characters.`,
      );
    next[key] = value;
  }
  return next;
}
