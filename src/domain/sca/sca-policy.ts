import type { ChargeInitiator } from '../charge/charge.js';
import type { Region } from '../shared/environment.js';
import type { Money } from '../shared/money.js';

/**
 * Does this payment need the buyer to authenticate (SCA under PSD2)? One module decides, for every
 * flow that can ask: v2 charges on a Saved Wallet, checkout, and v1 order references (DESIGN.md §2,
 * seed 004 "Handling charge when MFA Challenge is required", seed 000).
 *
 * This is the simple default: EU and UK merchants' customer-initiated payments are challenged,
 * merchant-initiated ones never are, and a simulation may force either way. The PSD2 exemptions
 * (low value, recurring series, transaction risk analysis) refine it in the buyer pages issue.
 */
export const SCA_OUTCOMES = ['Challenge', 'Frictionless', 'OutOfScope'] as const;
export type ScaOutcome = (typeof SCA_OUTCOMES)[number];

export interface ScaDecision {
  readonly outcome: ScaOutcome;
  /** Why, in words an integrator can read in the admin API. */
  readonly reason: string;
}

export interface ScaRequest {
  readonly merchantRegion: Region;
  /** null for checkouts, where the buyer is present by definition. */
  readonly initiator: ChargeInitiator | null;
  readonly amount: Money;
  /** A simulation that forces a challenge (true) or skips it (false). */
  readonly forced: boolean | null;
}

const PSD2_REGIONS: ReadonlySet<Region> = new Set(['EU', 'UK']);

export function decideAuthentication(request: ScaRequest): ScaDecision {
  const { merchantRegion, initiator, forced } = request;
  if (initiator === 'MITU' || initiator === 'MITR')
    return {
      outcome: 'OutOfScope',
      reason: 'Merchant-initiated transactions are out of scope of SCA.',
    };
  if (forced === true)
    return { outcome: 'Challenge', reason: 'A sandbox simulation asked for a challenge.' };
  if (forced === false)
    return { outcome: 'Frictionless', reason: 'A sandbox simulation skipped the challenge.' };
  if (!PSD2_REGIONS.has(merchantRegion))
    return { outcome: 'OutOfScope', reason: `PSD2 does not apply to ${merchantRegion} merchants.` };
  if (initiator === null)
    return {
      outcome: 'Frictionless',
      reason: 'The buyer authenticated while signing in to checkout.',
    };
  return {
    outcome: 'Challenge',
    reason: `A customer-initiated (${initiator}) payment of an ${merchantRegion} merchant needs strong customer authentication.`,
  };
}
