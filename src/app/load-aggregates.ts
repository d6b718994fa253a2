import { expireCharge } from '../domain/charge/charge-operations.js';
import type { Charge } from '../domain/charge/charge.js';
import { expireChargePermission } from '../domain/charge-permission/charge-permission-operations.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import { expireCheckoutSession } from '../domain/checkout-session/checkout-session-operations.js';
import type { CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import { notFound } from '../domain/shared/errors.js';
import type { AggregateRepository } from './ports.js';
import { chargeChanged, chargePermissionChanged } from './notifications.js';
import type { Unit } from './unit-of-work.js';

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
  if (settled !== found) {
    await repository.update(settled);
    await loader.onChange(unit, found, settled);
  }
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
  settle: expireCharge,
  onChange: chargeChanged,
};

export const loadCheckoutSession = (unit: Unit, id: string): Promise<CheckoutSession> =>
  load(checkoutSessions, unit, id);
export const loadChargePermission = (unit: Unit, id: string): Promise<ChargePermission> =>
  load(chargePermissions, unit, id);
export const loadCharge = (unit: Unit, id: string): Promise<Charge> => load(charges, unit, id);

export const ALL_LOADERS = [checkoutSessions, chargePermissions, charges] as const;
export { load as loadWith };
export type { Loader };
