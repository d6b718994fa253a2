import type { ChargePermission } from '../../domain/charge-permission/charge-permission.js';
import { monthlyLimit } from '../../domain/charge/monthly-limits.js';
import type { PaymentInstrument } from '../../domain/shared/buyer.js';
import { DomainError } from '../../domain/shared/errors.js';
import { money, type Money } from '../../domain/shared/money.js';
import type { ScaDecision } from '../../domain/sca/sca-policy.js';
import {
  behaviourOf,
  type InstrumentBehaviour,
} from '../../domain/simulation/payment-instruments.js';
import { chargedThisMonth } from '../create-charge.js';
import type { Unit } from '../unit-of-work.js';

/**
 * The "why" of an object (issue 14 point 3): the SCA decision with the PSD2 rule that applied,
 * the reason of a decline or closure, the test instrument and what it simulates, and for a Saved
 * Wallet or Recurring permission this month's use of its monthly limit.
 */
export interface Explanation {
  readonly sca: ScaDecision | null;
  readonly reason: { readonly code: string; readonly description: string | null } | null;
  readonly instrument: {
    readonly descriptor: string;
    readonly simulates: InstrumentBehaviour;
  } | null;
  readonly monthly: {
    readonly limit: Money;
    readonly used: Money;
    readonly from: number;
    readonly to: number;
  } | null;
}

interface Explainable {
  readonly scaDecision?: ScaDecision | null;
  readonly reasonCode?: string | null;
  readonly reasonDescription?: string | null;
  readonly reasons?: readonly { reasonCode: string; reasonDescription: string | null }[] | null;
  readonly paymentInstrument?: PaymentInstrument | null;
}

async function monthlyUse(
  unit: Unit,
  permission: ChargePermission,
): Promise<Explanation['monthly']> {
  let limit: Money | null;
  try {
    limit = monthlyLimit(permission.type, unit.merchant.region, permission.presentmentCurrency);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
  if (limit === null) return null;
  const { used, from, to } = await chargedThisMonth(unit, permission.id, limit.currency);
  return { limit, used: money(used, limit.currency), from, to };
}

export async function explain(unit: Unit, slug: string, object: unknown): Promise<Explanation> {
  const o = object as Explainable;
  const firstReason = o.reasons?.[0];
  const reason =
    typeof o.reasonCode === 'string'
      ? { code: o.reasonCode, description: o.reasonDescription ?? null }
      : firstReason !== undefined
        ? { code: firstReason.reasonCode, description: firstReason.reasonDescription }
        : null;
  const instrument = o.paymentInstrument ?? null;
  return {
    sca: o.scaDecision ?? null,
    reason,
    instrument:
      instrument === null
        ? null
        : { descriptor: instrument.descriptor, simulates: behaviourOf(instrument) },
    monthly:
      slug === 'charge-permissions' ? await monthlyUse(unit, object as ChargePermission) : null,
  };
}
