import {
  updateCheckoutSession as applyChanges,
  type CheckoutSessionChanges,
} from '../domain/checkout-session/checkout-session-operations.js';
import type {
  CheckoutSession,
  CheckoutSimulation,
} from '../domain/checkout-session/checkout-session.js';
import { loadCheckoutSession } from './load-aggregates.js';
import type { Unit } from './unit-of-work.js';

/** Update Checkout Session (spec §8.3): merge semantics while Open. */
export async function updateCheckoutSession(
  unit: Unit,
  id: string,
  changes: CheckoutSessionChanges,
  simulation: CheckoutSimulation | null = null,
): Promise<CheckoutSession> {
  const session = await loadCheckoutSession(unit, id);
  const changed = applyChanges(session, changes, unit.now, unit.sandboxHttp);
  // A simulation sent on Update is remembered and applied at completion (spec §9.2, SFCC usage).
  const next = simulation === null ? changed : { ...changed, simulation };
  await unit.tx.checkoutSessions.update(next);
  return next;
}

export const getCheckoutSession = loadCheckoutSession;
