import type { ChargeInitiator } from '../charge/charge.js';
import type { Region } from '../shared/environment.js';
import { equals, type Money } from '../shared/money.js';
import { toEurCents } from './eur-rates.js';

/**
 * Does this payment need the buyer to authenticate (SCA under PSD2)? One module decides for every
 * flow that can ask: v2 checkout, v2 customer-initiated charges on a Saved Wallet (seed 004), and
 * v1 order references (seed 000). It follows the PSD2 RTS:
 * - only EU and UK merchants; merchant-initiated transactions are out of scope;
 * - setting up a mandate for later merchant-initiated payments (a Saved Wallet or Recurring
 *   checkout) is always authenticated;
 * - exemptions: low value (art. 16: at most EUR 30, unless more than EUR 100 or five payments
 *   have been exempted since the last authentication), a recurring series of the same amount
 *   after an authenticated first payment (art. 14), transaction risk analysis (art. 18: EUR
 *   100 / 250 / 500 by the merchant's fraud-rate class);
 * - the issuer may still step up (a simulation forces the challenge), or skip it.
 * Every decision says why, and the reason is stored on the object it was made for.
 */
export const SCA_OUTCOMES = ['Challenge', 'Frictionless', 'OutOfScope'] as const;
export type ScaOutcome = (typeof SCA_OUTCOMES)[number];

export const SCA_EXEMPTIONS = ['LowValue', 'RecurringSeries', 'TransactionRiskAnalysis'] as const;
export type ScaExemption = (typeof SCA_EXEMPTIONS)[number];

/** The merchant's fraud rate class for transaction risk analysis (RTS art. 18, annex). */
export const TRA_CLASSES = ['None', 'UpTo13bp', 'UpTo6bp', 'UpTo1bp'] as const;
export type TraClass = (typeof TRA_CLASSES)[number];

/** The exemption threshold value of each class, in euro cents (RTS annex, remote card payments). */
export const TRA_THRESHOLD_EUR_CENTS = {
  None: 0,
  UpTo13bp: 10_000,
  UpTo6bp: 25_000,
  UpTo1bp: 50_000,
} as const satisfies Record<TraClass, number>;

export const LOW_VALUE_LIMIT_EUR_CENTS = 3_000;
export const LOW_VALUE_CUMULATIVE_LIMIT_EUR_CENTS = 10_000;
export const LOW_VALUE_MAX_CONSECUTIVE = 5;

/** What the issuer has counted for this card since its last authentication (RTS art. 16). */
export interface ScaCounters {
  readonly exemptedCount: number;
  readonly exemptedEurCents: number;
}

export const NO_EXEMPTIONS_YET: ScaCounters = { exemptedCount: 0, exemptedEurCents: 0 };

export interface ScaDecision {
  readonly outcome: ScaOutcome;
  readonly exemption: ScaExemption | null;
  /** Why, in words an integrator can read in the admin API. */
  readonly reason: string;
  /** The amount in euro cents as the thresholds saw it. */
  readonly amountEurCents: number;
}

export interface ScaRequest {
  readonly merchantRegion: Region;
  /** Who initiated it; a checkout is customer-initiated. */
  readonly initiator: ChargeInitiator;
  readonly amount: Money;
  /** A simulation that forces a challenge (issuer step-up) or skips it. */
  readonly forced: boolean | null;
  /** Checkout of a Saved Wallet or Recurring permission: a mandate for merchant-initiated payments. */
  readonly setsUpMandate: boolean;
  readonly counters: ScaCounters;
  /** The amount of an authenticated first payment of a recurring series, if there was one. */
  readonly authenticatedSeriesAmount: Money | null;
  readonly traClass: TraClass;
}

const PSD2_REGIONS: ReadonlySet<Region> = new Set(['EU', 'UK']);

const euros = (cents: number): string => `EUR ${(cents / 100).toFixed(2)}`;

export function decideAuthentication(request: ScaRequest): ScaDecision {
  const amountEurCents = toEurCents(request.amount);
  const decide = (
    outcome: ScaOutcome,
    reason: string,
    exemption: ScaExemption | null = null,
  ): ScaDecision => ({
    outcome,
    exemption,
    reason,
    amountEurCents,
  });
  const { merchantRegion, initiator, forced, counters } = request;
  if (!PSD2_REGIONS.has(merchantRegion))
    return decide('OutOfScope', `PSD2 does not apply to ${merchantRegion} merchants.`);
  if (initiator === 'MITU' || initiator === 'MITR')
    return decide('OutOfScope', 'Merchant-initiated transactions are out of scope of SCA.');
  if (forced === true)
    return decide('Challenge', 'The issuer stepped up to a challenge (sandbox simulation).');
  if (forced === false)
    return decide(
      'Frictionless',
      'The issuer let the payment through without a challenge (sandbox simulation).',
    );
  if (request.setsUpMandate)
    return decide(
      'Challenge',
      'Saving the payment method for later merchant-initiated payments needs strong customer authentication.',
    );
  const series = request.authenticatedSeriesAmount;
  if (initiator === 'CITR' && series !== null && equals(series, request.amount))
    return decide(
      'Frictionless',
      'Exempt: a recurring payment of the same amount as the authenticated first payment (RTS art. 14).',
      'RecurringSeries',
    );
  if (amountEurCents <= LOW_VALUE_LIMIT_EUR_CENTS) {
    const cumulative = counters.exemptedEurCents + amountEurCents;
    if (counters.exemptedCount >= LOW_VALUE_MAX_CONSECUTIVE)
      return decide(
        'Challenge',
        `Low value, but ${counters.exemptedCount} payments have been exempted since the last authentication (RTS art. 16 allows five).`,
      );
    if (cumulative > LOW_VALUE_CUMULATIVE_LIMIT_EUR_CENTS)
      return decide(
        'Challenge',
        `Low value, but exempted payments since the last authentication would reach ${euros(cumulative)}, over EUR 100.00 (RTS art. 16).`,
      );
    return decide(
      'Frictionless',
      `Exempt: low value (${euros(amountEurCents)}, at most EUR 30.00; RTS art. 16).`,
      'LowValue',
    );
  }
  const threshold = TRA_THRESHOLD_EUR_CENTS[request.traClass];
  if (amountEurCents <= threshold)
    return decide(
      'Frictionless',
      `Exempt: transaction risk analysis (${euros(amountEurCents)} within the ${euros(threshold)} threshold of fraud-rate class ${request.traClass}; RTS art. 18).`,
      'TransactionRiskAnalysis',
    );
  return decide(
    'Challenge',
    `A customer-initiated payment of ${euros(amountEurCents)} for an ${merchantRegion} merchant needs strong customer authentication.`,
  );
}

/** Low-value exemptions count towards the next decision; authentication starts the count again. */
export function countersAfterDecision(counters: ScaCounters, decision: ScaDecision): ScaCounters {
  if (decision.exemption !== 'LowValue') return counters;
  return {
    exemptedCount: counters.exemptedCount + 1,
    exemptedEurCents: counters.exemptedEurCents + decision.amountEurCents,
  };
}

export const countersAfterAuthentication = (): ScaCounters => NO_EXEMPTIONS_YET;
