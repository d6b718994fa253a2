import type { TraClass } from '../sca/sca-policy.js';
import type { AllowedDestinations } from './allowed-destinations.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { Instant } from '../shared/time.js';

/** A merchant account (Seller Central's merchant id) and its region (spec §1.1). */
export interface Merchant {
  readonly merchantId: string;
  readonly name: string;
  readonly region: Region;
  /**
   * How far this merchant's clock runs ahead of real time. Tests and users move it forward to see
   * timers fire (24 h session expiry, 30-day authorizations, monthly limits) without waiting.
   */
  readonly clockOffsetMs: number;
  readonly createdAt: Instant;
  /** The fraud-rate class that sets the transaction-risk-analysis exemption (PSD2 RTS art. 18). */
  readonly scaTraClass: TraClass;
}

/**
 * A registered RSA public key. `environment` is null for legacy keys, whose requests name the
 * environment in the path (`/sandbox/v2/…`); environment-specific ids start with SANDBOX- or LIVE-.
 */
export interface PublicKey {
  readonly publicKeyId: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment | null;
  readonly publicKeyPem: string;
  readonly createdAt: Instant;
}

/**
 * A store (client id) the merchant checks out from; Create Checkout Session names one. Its allowed
 * return URLs and JavaScript origins bound where sign-in sends a buyer (allowed-destinations.ts).
 */
export interface MerchantStore extends AllowedDestinations {
  readonly storeId: string;
  readonly merchantId: string;
  readonly name: string;
}

/** The environment a key id implies, by its prefix, compared case-insensitively (spec §1.2). */
export function environmentOfKeyId(publicKeyId: string): ReleaseEnvironment | null {
  const upper = publicKeyId.toUpperCase();
  if (upper.startsWith('SANDBOX')) return 'Sandbox';
  if (upper.startsWith('LIVE')) return 'Live';
  return null;
}

/**
 * How far a merchant's clock may run ahead of the real one: 100 years. Further, its time would
 * leave what dates can represent (a 9e15 ms move made every timestamp throw, issue 10 point 8's
 * fuzzing found it) and the four-digit years the SDKs parse.
 */
export const MAX_CLOCK_OFFSET_MS = 100 * 366 * 24 * 3_600_000;

/** Moving a clock backwards would un-fire timers; only forward moves are allowed. */
export function advanceClock(merchant: Merchant, byMs: number): Merchant {
  if (!Number.isSafeInteger(byMs) || byMs < 0)
    throw new RangeError(
      'The clock can only move forward by a whole, non-negative number of milliseconds.',
    );
  if (merchant.clockOffsetMs + byMs > MAX_CLOCK_OFFSET_MS)
    throw new RangeError('The clock can run at most 100 years ahead.');
  return { ...merchant, clockOffsetMs: merchant.clockOffsetMs + byMs };
}
