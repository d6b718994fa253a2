import type { Charge } from '../domain/charge/charge.js';
import type { CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import { inObjectScope } from './in-object-scope.js';
import { loadCharge, loadCheckoutSession } from './load-aggregates.js';
import type { AppDependencies } from './ports.js';

/**
 * What localpay knows about an object beyond its wire form, for operators and tests: the SCA
 * decision and its reason, pending timers, a challenge's state. Read through the same loaders as
 * the API, so timers due on the merchant's clock have fired.
 */
export const inspectCharge = (deps: AppDependencies, id: string): Promise<Charge> =>
  inObjectScope(
    deps,
    (tx) => tx.charges,
    'Charge',
    id,
    (unit) => loadCharge(unit, id),
  );

export const inspectCheckoutSession = (
  deps: AppDependencies,
  id: string,
): Promise<CheckoutSession> =>
  inObjectScope(
    deps,
    (tx) => tx.checkoutSessions,
    'Checkout Session',
    id,
    (unit) => loadCheckoutSession(unit, id),
  );
