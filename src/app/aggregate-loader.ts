import { expireChargePermission } from '../domain/charge-permission/charge-permission-operations.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import { expireCheckoutSession } from '../domain/checkout-session/checkout-session-operations.js';
import type { CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import { notFound } from '../domain/shared/errors.js';
import { checkoutSessionDeleted } from '../domain/shared/retention.js';
import { TIMER_CAUSE } from './inspection/change-cause.js';
import { chargePermissionChanged } from './notifications.js';
import type { AggregateRepository } from './ports.js';
import type { Unit } from './unit-of-work.js';

/**
 * Loading an aggregate first applies every timer that is due on the merchant's clock, so a read
 * after the clock moves sees the same state the background sweep would produce. The same loaders
 * serve the sweep, so the two can never disagree. This module holds the mechanism and the loaders
 * whose changes notify nothing else; loaders whose changes ripple to other aggregates (a charge
 * moving its permission) live in load-aggregates.ts, above the effects they call.
 */
export interface Loader<T> {
  readonly name: string;
  readonly repository: (unit: Unit) => AggregateRepository<T>;
  readonly settle: (aggregate: T, now: number) => T;
  readonly onChange: (unit: Unit, before: T, after: T) => Promise<void>;
}

export async function loadWith<T>(loader: Loader<T>, unit: Unit, id: string): Promise<T> {
  const repository = loader.repository(unit);
  const found = await repository.findForUpdate(unit.scope, id);
  if (found === undefined) throw notFound(loader.name, id);
  const settled = loader.settle(found, unit.now);
  if (settled !== found)
    // A timer made this change, whichever request or sweep read the object (the timeline's cause).
    await unit.tx.causedBy(TIMER_CAUSE, async () => {
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

/** Amazon deletes Checkout Sessions 30 days after creation (domain/shared/retention.ts). */
export async function loadCheckoutSession(unit: Unit, id: string): Promise<CheckoutSession> {
  const session = await loadWith(checkoutSessions, unit, id);
  if (checkoutSessionDeleted(session, unit.now)) throw notFound(checkoutSessions.name, id);
  return session;
}

export const loadChargePermission = (unit: Unit, id: string): Promise<ChargePermission> =>
  loadWith(chargePermissions, unit, id);
