import { recordRefunded, settleChargeTimers } from '../domain/charge/charge-operations.js';
import type { Charge } from '../domain/charge/charge.js';
import { settleRefund } from '../domain/refund/refund-operations.js';
import type { Refund } from '../domain/refund/refund.js';
import { chargePermissions, checkoutSessions, loadWith, type Loader } from './aggregate-loader.js';
import { chargeMoved } from './charge-effects.js';
import { openSimulatedDispute } from './back-office/dispute-opening.js';
import { refundChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';
import { V1_LOADERS } from './v1/v1-loaders.js';
import { PROVIDER_CREDIT_LOADERS } from './v1/provider-credit-operations.js';

/**
 * The loaders of charges and refunds, whose timers ripple to other aggregates (charge-effects.ts),
 * and the list the background sweep walks. The mechanism and the other loaders are in
 * aggregate-loader.ts, re-exported here so callers have one place to load from.
 */
export {
  chargePermissions,
  checkoutSessions,
  loadChargePermission,
  loadCheckoutSession,
  loadWith,
  type Loader,
} from './aggregate-loader.js';

export const charges: Loader<Charge> = {
  name: 'Charge',
  repository: (unit) => unit.tx.charges,
  settle: settleChargeTimers,
  onChange: async (unit, before, after) => {
    await chargeMoved(unit, before, after);
    await openSimulatedDispute(unit, before, after);
  },
};

export const refunds: Loader<Refund> = {
  name: 'Refund',
  repository: (unit) => unit.tx.refunds,
  settle: settleRefund,
  onChange: (unit, before, after) => refundMoved(unit, before, after),
};

/** A refund that completed adds to its charge's refundedAmount (spec §8.14). */
async function refundMoved(unit: Unit, before: Refund, after: Refund): Promise<void> {
  await refundChanged(unit, before, after);
  if (before.state === 'Refunded' || after.state !== 'Refunded') return;
  const charge = await loadWith(charges, unit, after.chargeId);
  await unit.tx.charges.update(recordRefunded(charge, after.refundAmount, unit.now));
}

export const loadCharge = (unit: Unit, id: string): Promise<Charge> => loadWith(charges, unit, id);
export const loadRefund = (unit: Unit, id: string): Promise<Refund> => loadWith(refunds, unit, id);

/** v1 loaders (v1/v1-loaders.ts) fire their timers in the same sweep. */
export const ALL_LOADERS = [
  checkoutSessions,
  chargePermissions,
  charges,
  refunds,
  ...V1_LOADERS,
  ...PROVIDER_CREDIT_LOADERS,
] as const;
