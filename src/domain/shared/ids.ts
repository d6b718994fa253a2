import { REGION_ID_DIGITS, type Region, type ReleaseEnvironment } from './environment.js';

/**
 * Where randomness comes from. The app injects a crypto-backed source; tests may inject a seeded
 * one so ids are repeatable (DESIGN.md §3).
 */
export interface RandomSource {
  /** `count` decimal digits. */
  digits(count: number): string;
  /** `count` characters of [A-Z0-9]. */
  upperAlphanumeric(count: number): string;
  /** `count` lower-case hex characters. */
  hex(count: number): string;
  /** A random v4 UUID, lower case. */
  uuid(): string;
  /**
   * A UUID whose first bits are the current time (version 7), lower case: for ids that key a table
   * rows are appended to, such as the outbox's (runtime/time-ordered-uuid.ts).
   */
  timeOrderedUuid(): string;
}

/** What kind of object an id names; the leading letter follows the observed wire ids (spec §3.6). */
type ChargePermissionKind = 'OneTime' | 'Recurring' | 'PaymentMethodOnFile';

const KIND_LETTER = {
  OneTime: { Sandbox: 'S', Live: 'P' },
  Recurring: { Sandbox: 'C', Live: 'C' },
  PaymentMethodOnFile: { Sandbox: 'B', Live: 'B' },
} as const satisfies Record<ChargePermissionKind, Record<ReleaseEnvironment, string>>;

/** `S01-1234567-1234567`: letter by type and environment, digits by region. */
export function newChargePermissionId(
  random: RandomSource,
  kind: ChargePermissionKind,
  environment: ReleaseEnvironment,
  region: Region,
): string {
  const letter = KIND_LETTER[kind][environment];
  return `${letter}${REGION_ID_DIGITS[region]}-${random.digits(7)}-${random.digits(7)}`;
}

/** Tenths of a second in the first digit group of a charge id: it wraps every 11.6 days. */
const CHARGE_ID_TIME_MODULUS = 10_000_000;

/**
 * Charges carry their own `S01-…` style prefix followed by `-C` and six digits (spec §3.6: charges on a
 * recurring permission do not share its prefix, so nobody may parse one out of the other).
 *
 * The first group of seven digits is the creation time in tenths of a second (modulo 10^7), the
 * other thirteen are random: the charge id keys the charges table, the ledger and the timeline, and
 * ids made one after the other then land next to each other in those indexes instead of on random
 * pages, which a store of a million charges no longer holds in memory (issue 16, "flat with size",
 * bench/README.md). Amazon's ids look random and nothing may be parsed out of them; two charges
 * would collide only with the same 13 random digits in the same tenth of a second.
 */
export function newChargeId(
  random: RandomSource,
  environment: ReleaseEnvironment,
  region: Region,
  nowMs: number,
): string {
  const letter = environment === 'Sandbox' ? 'S' : 'P';
  const time = String(Math.floor(nowMs / 100) % CHARGE_ID_TIME_MODULUS).padStart(7, '0');
  return `${letter}${REGION_ID_DIGITS[region]}-${time}-${random.digits(7)}-C${random.digits(6)}`;
}

/** A refund id hangs off its charge's base with `-R` and six digits. */
export function newRefundId(random: RandomSource, chargeId: string): string {
  const base = chargeId.replace(/-C\d{6}$/, '');
  return `${base}-R${random.digits(6)}`;
}

export const newCheckoutSessionId = (random: RandomSource): string => random.uuid();

/** Merchant ids: `A` plus 12 to 13 upper-case alphanumerics (spec §3.6). */
export const newMerchantId = (random: RandomSource): string => `A${random.upperAlphanumeric(13)}`;

export const newStoreId = (random: RandomSource): string =>
  `amzn1.application-oa2-client.${random.hex(32)}`;

export const newBuyerId = (random: RandomSource): string =>
  `amzn1.account.${random.upperAlphanumeric(28)}`;

/** Public key ids: environment-specific (`SANDBOX-…`, `LIVE-…`) or legacy (no prefix). */
export function newPublicKeyId(
  random: RandomSource,
  environment: ReleaseEnvironment | null,
): string {
  const body = random.upperAlphanumeric(24);
  if (environment === null) return body;
  return `${environment === 'Sandbox' ? 'SANDBOX' : 'LIVE'}-${body}`;
}
