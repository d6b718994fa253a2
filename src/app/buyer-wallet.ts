import { replacePaymentMethod } from '../domain/charge-permission/charge-permission-charging.js';
import { closeByBuyer } from '../domain/charge-permission/charge-permission-operations.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import type { Merchant } from '../domain/merchant/merchant.js';
import { invalidParameter } from '../domain/shared/errors.js';
import type { PaymentInstrument } from '../domain/shared/buyer.js';
import { cancelChargesOf } from './charge-cancellation.js';
import { savePermission } from './charge-effects.js';
import { inObjectScope } from './in-object-scope.js';
import { loadChargePermission } from './load-aggregates.js';
import type { AppDependencies } from './ports.js';
import type { Unit } from './unit-of-work.js';

/**
 * The buyer's Saved Wallet page, `/jr/your-account/ba/{ChargePermissionId}` (seed 004): see the
 * permission, choose another payment method (a NonChargeable permission becomes Chargeable), or
 * remove the Saved Wallet (Closed, BuyerClosed).
 */
export interface WalletView {
  readonly permission: ChargePermission;
  readonly merchant: Merchant;
  readonly instruments: readonly PaymentInstrument[];
}

const inPermission = <T>(
  deps: AppDependencies,
  id: string,
  work: (unit: Unit) => Promise<T>,
): Promise<T> => inObjectScope(deps, (tx) => tx.chargePermissions, 'Charge Permission', id, work);

async function walletOf(
  unit: Unit,
  permission: ChargePermission,
): Promise<readonly PaymentInstrument[]> {
  const buyerId = permission.buyer?.buyerId;
  const buyer = buyerId
    ? await unit.tx.testBuyers.find(unit.merchant.merchantId, buyerId)
    : undefined;
  return buyer?.instruments ?? [];
}

export function viewWallet(deps: AppDependencies, permissionId: string): Promise<WalletView> {
  return inPermission(deps, permissionId, async (unit) => {
    const permission = await loadChargePermission(unit, permissionId);
    return { permission, merchant: unit.merchant, instruments: await walletOf(unit, permission) };
  });
}

export function updateWalletPaymentMethod(
  deps: AppDependencies,
  permissionId: string,
  instrumentId: string,
): Promise<ChargePermission> {
  return inPermission(deps, permissionId, async (unit) => {
    const before = await loadChargePermission(unit, permissionId);
    const instrument = (await walletOf(unit, before)).find(
      (candidate) => candidate.instrumentId === instrumentId,
    );
    if (!instrument)
      throw invalidParameter('paymentMethod', "choose one of the buyer's payment methods.");
    const after = replacePaymentMethod(before, instrument, unit.now);
    await savePermission(unit, before, after);
    return after;
  });
}

/** The buyer removes the Saved Wallet; charges still waiting on it are canceled with it. */
export function removeWallet(
  deps: AppDependencies,
  permissionId: string,
): Promise<ChargePermission> {
  return inPermission(deps, permissionId, async (unit) => {
    const before = await loadChargePermission(unit, permissionId);
    const after = closeByBuyer(before, unit.now);
    await savePermission(unit, before, after);
    // A charge still waiting for this buyer's challenge cannot go on without the wallet.
    await cancelChargesOf(
      unit,
      permissionId,
      (charge) => charge.state === 'ActionRequired',
      'BuyerCanceled',
      'The buyer removed the Saved Wallet.',
    );
    return after;
  });
}
