import type { Address, BuyerDetails, PaymentInstrument } from '../../domain/shared/buyer.js';
import type { MerchantMetadata } from '../../domain/shared/merchant-metadata.js';
import { formatAmount, type Money } from '../../domain/shared/money.js';
import type { Instant } from '../../domain/shared/time.js';

/** Value formats every v2 response shares (spec §3.4). */

/**
 * `yyyyMMddTHHmmssZ` in UTC, the only timestamp format the SDKs parse. A serialized charge carries
 * several, so the common shape (`2026-11-23T13:17:45.123Z`) is cut up by position rather than with
 * regular expressions; extended years (`+010000-…`) take the general path.
 */
export function timestamp(at: Instant): string {
  const iso = new Date(at).toISOString();
  if (iso.length === 24)
    return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export const optionalTimestamp = (at: Instant | null): string | null =>
  at === null ? null : timestamp(at);

export interface WirePrice {
  readonly amount: string;
  readonly currencyCode: string;
}

/** Amounts are strings with the currency's precision ("14.00", JPY "500"). */
export const price = (value: Money | null): WirePrice | null =>
  value === null ? null : { amount: formatAmount(value), currencyCode: value.currency };

export const address = (value: Address | null): Address | null =>
  value === null ? null : { ...value };

export const buyer = (value: BuyerDetails | null): Record<string, unknown> | null =>
  value === null
    ? null
    : {
        buyerId: value.buyerId,
        name: value.name,
        email: value.email,
        phoneNumber: value.phoneNumber,
        primeMembershipTypes: null,
      };

/** `[null]` before the buyer chose, as observed on real creation responses (spec §4.1). */
export const paymentPreferences = (
  instrument: PaymentInstrument | null,
): ({ paymentDescriptor: string } | null)[] =>
  instrument === null ? [null] : [{ paymentDescriptor: instrument.descriptor }];

export const merchantMetadata = (value: MerchantMetadata): MerchantMetadata => ({ ...value });

/** A charge without any merchantMetadata shows `null`, as in seed 004's Charge examples. */
export const merchantMetadataOrNull = (value: MerchantMetadata): MerchantMetadata | null =>
  Object.values(value).every((field) => field === null) ? null : merchantMetadata(value);
