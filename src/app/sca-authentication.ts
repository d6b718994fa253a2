import type { ChargeInitiator } from '../domain/charge/charge.js';
import {
  countersAfterAuthentication,
  countersAfterDecision,
  decideAuthentication,
  NO_EXEMPTIONS_YET,
  type ScaCounters,
  type ScaDecision,
} from '../domain/sca/sca-policy.js';
import type { Money } from '../domain/shared/money.js';
import { ownEntry } from '../domain/shared/own-entry.js';
import type { TestBuyer } from '../domain/simulation/test-buyers.js';
import type { Unit } from './unit-of-work.js';

/**
 * The app side of the SCA policy: it reads the issuer's counters for the buyer's card, asks the
 * domain policy, and keeps the counters up to date (an exemption counts, an authentication resets).
 */
export interface PaymentToAuthenticate {
  readonly initiator: ChargeInitiator | null;
  readonly amount: Money;
  readonly forced: boolean | null;
  readonly setsUpMandate: boolean;
  readonly buyerId: string | null;
  readonly instrumentId: string | null;
  readonly authenticatedSeriesAmount: Money | null;
}

async function buyerOf(unit: Unit, buyerId: string | null): Promise<TestBuyer | undefined> {
  return buyerId === null ? undefined : unit.tx.testBuyers.find(unit.merchant.merchantId, buyerId);
}

/** `buyer` as read in this unit: the decision reads it once and saves from that read. */
async function saveCounters(
  unit: Unit,
  buyer: TestBuyer | undefined,
  instrumentId: string | null,
  next: (counters: ScaCounters) => ScaCounters,
): Promise<void> {
  if (!buyer || instrumentId === null) return;
  const current = ownEntry(buyer.scaCounters ?? {}, instrumentId) ?? NO_EXEMPTIONS_YET;
  const updated = next(current);
  if (updated === current) return;
  await unit.tx.testBuyers.update(unit.merchant.merchantId, {
    ...buyer,
    scaCounters: { ...buyer.scaCounters, [instrumentId]: updated },
  });
}

/**
 * Decides and, when an exemption was used, counts it. A payment without a chargeInitiator is
 * treated as merchant-initiated: integrations written before the field existed are not challenged.
 */
export async function decidePaymentAuthentication(
  unit: Unit,
  payment: PaymentToAuthenticate,
): Promise<ScaDecision> {
  const buyer = await buyerOf(unit, payment.buyerId);
  const counters =
    (payment.instrumentId !== null
      ? ownEntry(buyer?.scaCounters ?? {}, payment.instrumentId)
      : undefined) ?? NO_EXEMPTIONS_YET;
  const decision = decideAuthentication({
    merchantRegion: unit.merchant.region,
    initiator: payment.initiator ?? 'MITU',
    amount: payment.amount,
    forced: payment.forced,
    setsUpMandate: payment.setsUpMandate,
    counters,
    authenticatedSeriesAmount: payment.authenticatedSeriesAmount,
    traClass: unit.merchant.scaTraClass,
  });
  await saveCounters(unit, buyer, payment.instrumentId, (current) =>
    countersAfterDecision(current, decision),
  );
  return decision;
}

/** The buyer passed a challenge: the issuer starts counting exemptions again (RTS art. 16). */
export const recordAuthentication = (
  unit: Unit,
  buyerId: string | null,
  instrumentId: string | null,
): Promise<void> =>
  buyerOf(unit, buyerId).then((buyer) =>
    saveCounters(unit, buyer, instrumentId, () => countersAfterAuthentication()),
  );
