import { cancelCharge, isCancelable } from '../domain/charge/charge-operations.js';
import type { Charge } from '../domain/charge/charge.js';
import { chargeMoved } from './charge-effects.js';
import { loadCharge } from './load-aggregates.js';
import type { Unit } from './unit-of-work.js';

/**
 * Cancels the charges of a closed permission that `which` selects (Close Charge Permission with
 * cancelPendingCharges; a buyer removing the Saved Wallet), each with its notification.
 */
export async function cancelChargesOf(
  unit: Unit,
  permissionId: string,
  which: (charge: Charge) => boolean,
  reasonCode: Parameters<typeof cancelCharge>[1],
  reasonDescription: string,
): Promise<void> {
  for (const listed of await unit.tx.charges.listByChargePermission(unit.scope, permissionId)) {
    const charge = await loadCharge(unit, listed.id);
    if (!isCancelable(charge) || !which(charge)) continue;
    const canceled = cancelCharge(charge, reasonCode, reasonDescription, unit.now);
    await unit.tx.charges.update(canceled);
    await chargeMoved(unit, charge, canceled);
  }
}
