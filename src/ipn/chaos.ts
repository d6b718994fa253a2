/**
 * Chaos for merchants' IPN handlers (off unless a merchant turns it on): what one delivery does
 * besides the genuine POST. Real SNS delivers at least once and in no guaranteed order; these make
 * those cases, and a forged notification, happen on demand.
 */
import type { IpnChaos } from '../app/ports.js';

export interface ChaosPlan {
  /** Held back this long before sending (delay plus a random share of the out-of-order window). */
  readonly waitMs: number;
  /** Send a copy with a signature that does not verify first; it never counts as the delivery. */
  readonly badSignature: boolean;
  /** After a successful delivery, send the same envelope again. */
  readonly duplicate: boolean;
}

export const NO_CHAOS: ChaosPlan = { waitMs: 0, badSignature: false, duplicate: false };

export function planChaos(chaos: IpnChaos, chance: () => number): ChaosPlan {
  const jitter = chaos.outOfOrderWindowMs > 0 ? Math.floor(chance() * chaos.outOfOrderWindowMs) : 0;
  return {
    waitMs: chaos.delayMs + jitter,
    badSignature: chaos.badSignatureRate > 0 && chance() < chaos.badSignatureRate,
    duplicate: chaos.duplicateRate > 0 && chance() < chaos.duplicateRate,
  };
}
