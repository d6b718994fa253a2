import {
  updateCheckoutSession as applyChanges,
  type CheckoutSessionChanges,
} from '../domain/checkout-session/checkout-session-operations.js';
import type { CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import { loadCheckoutSession } from './load-aggregates.js';
import type { Unit } from './unit-of-work.js';

/** Update Checkout Session (spec §8.3): merge semantics while Open. */
export async function updateCheckoutSession(
  unit: Unit,
  id: string,
  changes: CheckoutSessionChanges,
): Promise<CheckoutSession> {
  const session = await loadCheckoutSession(unit, id);
  const next = applyChanges(session, changes, unit.now);
  await unit.tx.checkoutSessions.update(next);
  return next;
}

export const getCheckoutSession = loadCheckoutSession;
