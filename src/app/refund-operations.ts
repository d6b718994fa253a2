import { newRefund, type NewRefundInput } from '../domain/refund/refund-operations.js';
import type { Refund } from '../domain/refund/refund.js';
import { newRefundId } from '../domain/shared/ids.js';
import type { SimulationCode } from '../domain/simulation/simulation-codes.js';
import { loadCharge, loadRefund } from './load-aggregates.js';
import { refundChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';

export interface CreateRefundInput extends Omit<NewRefundInput, 'id'> {
  readonly chargeId: string;
}

/**
 * Create Refund (spec §8.14). The charge row is locked while earlier refunds are summed, so two
 * concurrent refunds cannot together pass the over-refund limit.
 */
export async function createRefund(
  unit: Unit,
  input: CreateRefundInput,
  simulation: SimulationCode<'createRefund'> | null,
): Promise<Refund> {
  const charge = await loadCharge(unit, input.chargeId);
  const earlier = await unit.tx.refunds.listByCharge(unit.scope, charge.id);
  const refund = newRefund(
    charge,
    earlier,
    { ...input, id: newRefundId(unit.random, charge.id) },
    simulation,
    unit.now,
  );
  await unit.tx.refunds.insert(refund);
  await refundChanged(unit, null, refund);
  return refund;
}

export const getRefund = loadRefund;
