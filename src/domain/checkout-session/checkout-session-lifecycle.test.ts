import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { terminalStates } from '../shared/lifecycle.js';
import { money } from '../shared/money.js';
import { DAY } from '../shared/time.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import { processCheckout } from './checkout-processing.js';
import {
  BUYER_PROGRESS,
  CHECKOUT_SESSION_STATES,
  type BuyerProgress,
  type CheckoutSession,
  type CheckoutSessionState,
} from './checkout-session.js';
import {
  CHECKOUT_SESSION_ALLOWS,
  CHECKOUT_SESSION_IS_TERMINAL,
  CHECKOUT_SESSION_TRANSITIONS,
} from './checkout-session-lifecycle.js';
import {
  associateBuyer,
  cancelCheckoutSession,
  checkCompletion,
  expireCheckoutSession,
  markCompleted,
  newCheckoutSession,
  updateCheckoutSession,
  type BuyerSelection,
} from './checkout-session-operations.js';

const NOW = Date.UTC(2024, 0, 15, 12);
const LATER = NOW + 60_000;
const USD_14 = money(1400, 'USD');

function newSession(): CheckoutSession {
  return newCheckoutSession(
    {
      storeId: 'amzn1.application-oa2-client.test',
      webCheckoutDetails: {
        checkoutReviewReturnUrl: 'https://shop.example/review',
        checkoutResultReturnUrl: 'https://shop.example/result',
      },
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: USD_14 },
    },
    { id: 'cs-1', merchantId: 'AMERCHANT0001', environment: 'Sandbox', region: 'EU', now: NOW },
  );
}

function buyerSelection(): BuyerSelection {
  const buyer = defaultTestBuyer('EU', 'amzn1.account.TESTBUYER');
  return {
    buyer: buyer.details,
    shippingAddress: buyer.addresses[0] ?? null,
    billingAddress: null,
    paymentInstrument: buyer.instruments[0]!, // Visa 1111: succeeds
  };
}

type Situation =
  'Open/NotAssociated' | 'Open/Associated' | 'Open/Processed' | 'Completed' | 'Canceled';

/** A realistic session in each situation, built through the operations themselves. */
function sessionIn(situation: Situation): CheckoutSession {
  const open = newSession();
  const associated = associateBuyer(open, buyerSelection(), NOW);
  const processed = processCheckout(associated, NOW);
  switch (situation) {
    case 'Open/NotAssociated':
      return open;
    case 'Open/Associated':
      return associated;
    case 'Open/Processed':
      return processed;
    case 'Completed':
      return markCompleted(processed, 'S02-0000000-0000000', 'S02-0000000-0000000-C000000', NOW);
    case 'Canceled':
      return cancelCheckoutSession(associated, 'BuyerCanceled', 'The buyer canceled.', NOW);
  }
}

const OPERATIONS = {
  updateCheckoutSession: (s: CheckoutSession) =>
    updateCheckoutSession(s, { merchantMetadata: { merchantReferenceId: 'order-42' } }, LATER),
  associateBuyer: (s: CheckoutSession) => associateBuyer(s, buyerSelection(), LATER),
  cancelCheckoutSession: (s: CheckoutSession) =>
    cancelCheckoutSession(s, 'BuyerCanceled', 'The buyer canceled.', LATER),
  'expireCheckoutSession (before expiry)': (s: CheckoutSession) => expireCheckoutSession(s, LATER),
  'expireCheckoutSession (at expiry)': (s: CheckoutSession) => expireCheckoutSession(s, NOW + DAY),
  processCheckout: (s: CheckoutSession) => processCheckout(s, LATER),
  checkCompletion: (s: CheckoutSession) => {
    checkCompletion(s, { chargeAmount: USD_14 });
    return s;
  },
  markCompleted: (s: CheckoutSession) => markCompleted(s, 'S02-1111111-1111111', null, LATER),
} as const satisfies Record<string, (s: CheckoutSession) => CheckoutSession>;
type Operation = keyof typeof OPERATIONS;

/** A resulting `state/buyerProgress` (buyerProgress only for Open), or the DomainError code. */
type Outcome = `Open/${BuyerProgress}` | Exclude<CheckoutSessionState, 'Open'> | ErrorCode;

const ICSS = 'InvalidCheckoutSessionStatus';

// Every (situation, operation) pair: either a defined next state or a domain error (DESIGN.md §3).
const EXPECTED: Record<Situation, Record<Operation, Outcome>> = {
  'Open/NotAssociated': {
    updateCheckoutSession: 'Open/NotAssociated',
    associateBuyer: 'Open/Associated',
    cancelCheckoutSession: 'Canceled',
    'expireCheckoutSession (before expiry)': 'Open/NotAssociated',
    'expireCheckoutSession (at expiry)': 'Canceled',
    processCheckout: ICSS, // BuyerNotAssociated constraint
    checkCompletion: ICSS,
    // markCompleted trusts its caller to have run checkCompletion first
    markCompleted: 'Completed',
  },
  'Open/Associated': {
    updateCheckoutSession: 'Open/Associated',
    associateBuyer: 'Open/Associated',
    cancelCheckoutSession: 'Canceled',
    'expireCheckoutSession (before expiry)': 'Open/Associated',
    'expireCheckoutSession (at expiry)': 'Canceled',
    processCheckout: 'Open/Processed',
    checkCompletion: ICSS,
    markCompleted: 'Completed',
  },
  'Open/Processed': {
    updateCheckoutSession: ICSS,
    associateBuyer: ICSS,
    cancelCheckoutSession: 'Canceled',
    'expireCheckoutSession (before expiry)': 'Open/Processed',
    'expireCheckoutSession (at expiry)': 'Canceled',
    processCheckout: 'Open/Processed', // the buyer may reload the page
    checkCompletion: 'Open/Processed',
    markCompleted: 'Completed',
  },
  Completed: {
    updateCheckoutSession: ICSS,
    associateBuyer: ICSS,
    cancelCheckoutSession: ICSS,
    'expireCheckoutSession (before expiry)': 'Completed',
    'expireCheckoutSession (at expiry)': 'Completed',
    processCheckout: ICSS,
    checkCompletion: ICSS,
    markCompleted: ICSS,
  },
  Canceled: {
    updateCheckoutSession: ICSS,
    associateBuyer: ICSS,
    cancelCheckoutSession: ICSS,
    'expireCheckoutSession (before expiry)': 'Canceled',
    'expireCheckoutSession (at expiry)': 'Canceled',
    processCheckout: ICSS,
    checkCompletion: 'CheckoutSessionCanceled',
    markCompleted: ICSS,
  },
};

function outcomeOf(operation: () => CheckoutSession): {
  outcome: Outcome;
  session?: CheckoutSession;
} {
  try {
    const session = operation();
    const outcome: Outcome =
      session.state === 'Open' ? `Open/${session.buyerProgress}` : session.state;
    return { outcome, session };
  } catch (error) {
    if (error instanceof DomainError) return { outcome: error.code };
    throw error;
  }
}

function reachableFrom(start: CheckoutSessionState): CheckoutSessionState[] {
  const seen = new Set<CheckoutSessionState>([start]);
  for (const state of seen) for (const next of CHECKOUT_SESSION_TRANSITIONS[state]) seen.add(next);
  return [...seen];
}

describe('checkout session transition table', () => {
  it('agrees with IS_TERMINAL: terminal states are exactly those without exits', () => {
    for (const state of CHECKOUT_SESSION_STATES)
      expect(CHECKOUT_SESSION_TRANSITIONS[state].length === 0).toBe(
        CHECKOUT_SESSION_IS_TERMINAL[state],
      );
    expect(terminalStates(CHECKOUT_SESSION_TRANSITIONS).sort()).toEqual(['Canceled', 'Completed']);
  });

  it('reaches every state from Open', () => {
    expect(reachableFrom('Open').sort()).toEqual([...CHECKOUT_SESSION_STATES].sort());
  });

  it('allows no operation in a terminal state', () => {
    for (const state of CHECKOUT_SESSION_STATES)
      if (CHECKOUT_SESSION_IS_TERMINAL[state]) expect(CHECKOUT_SESSION_ALLOWS[state]).toEqual([]);
  });

  it('builds a session in every state and buyer progress', () => {
    const built = (Object.keys(EXPECTED) as Situation[]).map(sessionIn);
    expect(new Set(built.map((s) => s.state))).toEqual(new Set(CHECKOUT_SESSION_STATES));
    const open = built.filter((s) => s.state === 'Open').map((s) => s.buyerProgress);
    expect(open.sort()).toEqual([...BUYER_PROGRESS].sort());
  });
});

describe('every (state, operation) pair', () => {
  const cases = (Object.keys(EXPECTED) as Situation[]).flatMap((situation) =>
    (Object.keys(OPERATIONS) as Operation[]).map(
      (operation) => [situation, operation, EXPECTED[situation][operation]] as const,
    ),
  );

  it.each(cases)('%s × %s → %s', (situation, operation, expected) => {
    const before = sessionIn(situation);
    const { outcome, session } = outcomeOf(() => OPERATIONS[operation](before));
    expect(outcome).toBe(expected);
    // a state change must be one the table allows
    if (session && session.state !== before.state)
      expect(CHECKOUT_SESSION_TRANSITIONS[before.state]).toContain(session.state);
  });
});
