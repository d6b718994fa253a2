import { processCheckout } from '../domain/checkout-session/checkout-processing.js';
import { checkFinalization } from '../domain/checkout-session/finalize-rules.js';
import { updateCheckoutSession as applyChanges } from '../domain/checkout-session/checkout-session-operations.js';
import type {
  CheckoutSimulation,
  PaymentIntent,
} from '../domain/checkout-session/checkout-session.js';
import type { Address } from '../domain/shared/buyer.js';
import { DomainError } from '../domain/shared/errors.js';
import type { Money } from '../domain/shared/money.js';
import { completeCheckoutSession, type Completion } from './complete-checkout-session.js';
import { loadCheckoutSession } from './load-aggregates.js';
import type { Unit } from './unit-of-work.js';

export interface FinalizeCheckoutSessionInput {
  readonly chargeAmount: Money;
  readonly totalOrderAmount?: Money | undefined;
  readonly paymentIntent: PaymentIntent;
  readonly canHandlePendingAuthorization?: boolean | undefined;
  readonly supplementaryData?: string | null | undefined;
  readonly shippingAddress?: Address | undefined;
  readonly billingAddress?: Address | undefined;
}

/**
 * Finalize Checkout Session (spec §8.5): for checkouts that never visit amazonPayRedirectUrl, the
 * merchant confirms the payment details (they must match the session, finalize-rules.ts) and
 * localpay processes and completes in one step. A decline is
 * an outcome that is committed (the session is Canceled), not a rolled-back error.
 */
export async function finalizeCheckoutSession(
  unit: Unit,
  id: string,
  input: FinalizeCheckoutSessionInput,
  simulation: CheckoutSimulation | null = null,
): Promise<Completion> {
  const session = await loadCheckoutSession(unit, id);
  if (session.state === 'Open' && session.buyerProgress === 'NotAssociated')
    throw new DomainError(
      'InvalidCheckoutSessionStatus',
      `No buyer has signed in to Checkout Session ${id} yet; it cannot be finalized.`,
    );
  if (session.state === 'Open') checkFinalization(session, input);
  const changed = applyChanges(
    session,
    {
      paymentDetails: {
        paymentIntent: input.paymentIntent,
        chargeAmount: input.chargeAmount,
        totalOrderAmount: input.totalOrderAmount,
        canHandlePendingAuthorization: input.canHandlePendingAuthorization,
      },
      supplementaryData: input.supplementaryData,
    },
    unit.now,
    unit.sandboxHttp,
  );
  // The addresses were checked against what Amazon shared; the session keeps its own.
  const processed = processCheckout(changed, unit.now);
  await unit.tx.checkoutSessions.update(processed);
  if (processed.state === 'Canceled') return { kind: 'Canceled', session: processed, charge: null };
  return completeCheckoutSession(
    unit,
    id,
    { chargeAmount: input.chargeAmount, totalOrderAmount: input.totalOrderAmount },
    simulation,
  );
}
