import { checkoutSessionDeleted } from '../domain/shared/retention.js';
import { TIMER_CAUSE, withChangeCause } from './inspection/change-cause.js';
import { recordRefunded, settleChargeTimers } from '../domain/charge/charge-operations.js';
import type { Charge } from '../domain/charge/charge.js';
import { expireChargePermission } from '../domain/charge-permission/charge-permission-operations.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import { expireCheckoutSession } from '../domain/checkout-session/checkout-session-operations.js';
import type { CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import { settleRefund } from '../domain/refund/refund-operations.js';
import type { Refund } from '../domain/refund/refund.js';
import { notFound } from '../domain/shared/errors.js';
import { chargeMoved } from './charge-effects.js';
import type { AggregateRepository } from './ports.js';
import { chargePermissionChanged, refundChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';
import { V1_LOADERS } from './v1/v1-loaders.js';

/**
 * Loading an aggregate first applies every timer that is due on the merchant's clock, so a read
 * after the clock moves sees the same state the background sweep would produce. The same loaders
 * serve the sweep, so the two can never disagree.
 */
interface Loader<T> {
  readonly name: string;
  readonly repository: (unit: Unit) => AggregateRepository<T>;
  readonly settle: (aggregate: T, now: number) => T;
  readonly onChange: (unit: Unit, before: T, after: T) => Promise<void>;
}

async function load<T>(loader: Loader<T>, unit: Unit, id: string): Promise<T> {
  const repository = loader.repository(unit);
  const found = await repository.findForUpdate(unit.scope, id);
  if (found === undefined) throw notFound(loader.name, id);
  const settled = loader.settle(found, unit.now);
  if (settled !== found)
    // A timer made this change, whichever request or sweep read the object (the timeline's cause).
    await withChangeCause(TIMER_CAUSE, async () => {
      await repository.update(settled);
      await loader.onChange(unit, found, settled);
    });
  return settled;
}

const noNotification = (): Promise<void> => Promise.resolve();

export const checkoutSessions: Loader<CheckoutSession> = {
  name: 'Checkout Session',
  repository: (unit) => unit.tx.checkoutSessions,
  settle: expireCheckoutSession,
  onChange: noNotification,
};

export const chargePermissions: Loader<ChargePermission> = {
  name: 'Charge Permission',
  repository: (unit) => unit.tx.chargePermissions,
  settle: expireChargePermission,
  onChange: chargePermissionChanged,
};

export const charges: Loader<Charge> = {
  name: 'Charge',
  repository: (unit) => unit.tx.charges,
  settle: settleChargeTimers,
  // Called lazily: charge-effects.ts imports this module too.
  onChange: (unit, before, after) => chargeMoved(unit, before, after),
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
  const charge = await load(charges, unit, after.chargeId);
  await unit.tx.charges.update(recordRefunded(charge, after.refundAmount, unit.now));
}

/** Amazon deletes Checkout Sessions 30 days after creation (domain/shared/retention.ts). */
export async function loadCheckoutSession(unit: Unit, id: string): Promise<CheckoutSession> {
  const session = await load(checkoutSessions, unit, id);
  if (checkoutSessionDeleted(session, unit.now)) throw notFound(checkoutSessions.name, id);
  return session;
}
export const loadChargePermission = (unit: Unit, id: string): Promise<ChargePermission> =>
  load(chargePermissions, unit, id);
export const loadCharge = (unit: Unit, id: string): Promise<Charge> => load(charges, unit, id);
export const loadRefund = (unit: Unit, id: string): Promise<Refund> => load(refunds, unit, id);

/** v1 loaders (v1/v1-loaders.ts) fire their timers in the same sweep. */
export const ALL_LOADERS = [
  checkoutSessions,
  chargePermissions,
  charges,
  refunds,
  ...V1_LOADERS,
] as const;
export { load as loadWith };
export type { Loader };
