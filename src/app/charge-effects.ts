import { isOpen, type Charge } from '../domain/charge/charge.js';
import { followCharge } from '../domain/charge-permission/charge-permission-charging.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import { loadChargePermission } from './aggregate-loader.js';
import { chargeChanged, chargePermissionChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';

/**
 * Everything that follows a charge's state change, in the caller's transaction: the outbox row for
 * the charge, and its permission following it (balance, ChargeInProgress, decline effects).
 */
export async function chargeMoved(unit: Unit, before: Charge, after: Charge): Promise<void> {
  await chargeChanged(unit, before, after);
  if (before.state === after.state) return;
  const permission = await loadChargePermission(unit, after.chargePermissionId);
  await savePermission(unit, permission, followCharge(permission, isOpen(before), after, unit.now));
}

/** Persists a permission change and notifies it; nothing happens when nothing changed. */
export async function savePermission(
  unit: Unit,
  before: ChargePermission,
  after: ChargePermission,
): Promise<void> {
  if (before === after) return;
  await unit.tx.chargePermissions.update(after);
  await chargePermissionChanged(unit, before, after);
}
