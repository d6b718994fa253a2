import { requireRole } from '../../domain/partners/delegation.js';
import {
  updateChargeStatus,
  type ChargeStatusUpdate,
} from '../../domain/charge/charge-status-update.js';
import type { Charge } from '../../domain/charge/charge.js';
import { chargeMoved } from '../charge-effects.js';
import { loadCharge } from '../load-aggregates.js';
import type { Unit } from '../unit-of-work.js';

/**
 * Update Charge (PATCH /v2/charges/{chargeId}), payment service providers only (Node/PHP/Java SDK
 * READMEs: "supported only for PSPs"). The charge moves as its lifecycle allows; its permission
 * follows and the IPNs go out exactly as after Capture or Cancel Charge (charge-effects.ts).
 * `callerId` owns the signing key; with x-amz-pay-authtoken the unit acts for the merchant.
 */
export async function updateCharge(
  unit: Unit,
  callerId: string,
  chargeId: string,
  update: ChargeStatusUpdate,
): Promise<Charge> {
  requireRole(
    await unit.tx.partnerRoles.list(callerId),
    'PaymentServiceProvider',
    callerId,
    'Update Charge',
  );
  const before = await loadCharge(unit, chargeId);
  const after = updateChargeStatus(before, update, unit.now);
  await unit.tx.charges.update(after);
  await chargeMoved(unit, before, after);
  return after;
}
