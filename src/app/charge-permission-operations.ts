import { asServed } from '../domain/shared/retention.js';
import {
  closeChargePermission as close,
  updateChargePermission as update,
} from '../domain/charge-permission/charge-permission-operations.js';
import type { RecurringMetadata } from '../domain/checkout-session/checkout-session.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import type { MerchantMetadataPatch } from '../domain/shared/merchant-metadata.js';
import { cancelChargesOf } from './charge-cancellation.js';
import { loadChargePermission } from './load-aggregates.js';
import { chargePermissionChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';

/** Get Charge Permission: buyer details only while Amazon serves them (retention.ts). */
export const getChargePermission = async (unit: Unit, id: string): Promise<ChargePermission> =>
  asServed(await loadChargePermission(unit, id), unit.now);

/** Update Charge Permission (spec §8.7); new recurringMetadata recomputes a Recurring expiry. */
export async function updateChargePermission(
  unit: Unit,
  id: string,
  merchantMetadata: MerchantMetadataPatch | undefined,
  recurringMetadata?: RecurringMetadata,
): Promise<ChargePermission> {
  const before = await loadChargePermission(unit, id);
  const recurring =
    recurringMetadata === undefined
      ? undefined
      : { metadata: recurringMetadata, lastChargedAt: await lastChargedAt(unit, id) };
  const after = update(before, merchantMetadata, unit.now, recurring);
  await unit.tx.chargePermissions.update(after);
  return asServed(after, unit.now);
}

export interface CloseChargePermissionInput {
  readonly closureReason: string | null;
  readonly cancelPendingCharges: boolean;
  /** The AmazonClosed simulation closes it as Amazon would (spec §9.2). */
  readonly simulateAmazonClosed?: boolean;
}

/**
 * Close Charge Permission (spec §8.8). With cancelPendingCharges, open charges become
 * Canceled/ChargePermissionCanceled in the same transaction.
 */
export async function closeChargePermission(
  unit: Unit,
  id: string,
  input: CloseChargePermissionInput,
): Promise<ChargePermission> {
  const before = await loadChargePermission(unit, id);
  const after = close(
    before,
    input.closureReason,
    unit.now,
    input.simulateAmazonClosed ? 'AmazonClosed' : 'MerchantClosed',
  );
  await unit.tx.chargePermissions.update(after);
  await chargePermissionChanged(unit, before, after);
  if (input.cancelPendingCharges)
    await cancelChargesOf(
      unit,
      id,
      () => true,
      'ChargePermissionCanceled',
      'The Charge Permission was closed.',
    );
  return asServed(after, unit.now);
}

/** When the permission was last charged (a charge that was not declined or canceled), if ever. */
async function lastChargedAt(unit: Unit, permissionId: string): Promise<number | null> {
  const charges = await unit.tx.charges.listByChargePermission(unit.scope, permissionId);
  const times = charges
    .filter((charge) => charge.state !== 'Declined' && charge.state !== 'Canceled')
    .map((charge) => charge.createdAt);
  return times.length === 0 ? null : Math.max(...times);
}
