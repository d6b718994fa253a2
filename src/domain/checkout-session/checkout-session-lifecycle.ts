import type { TransitionTable } from '../shared/lifecycle.js';
import type { CheckoutSessionState } from './checkout-session.js';

/** Open is the only state with exits; Completed sessions are never reused (spec §4.1, §12A.1). */
export const CHECKOUT_SESSION_TRANSITIONS = {
  Open: ['Completed', 'Canceled'],
  Completed: [],
  Canceled: [],
} as const satisfies TransitionTable<CheckoutSessionState>;

export const CHECKOUT_SESSION_IS_TERMINAL = {
  Open: false,
  Completed: true,
  Canceled: true,
} as const satisfies Record<CheckoutSessionState, boolean>;

/** Which operations each state allows; anything else answers with the state error. */
export const CHECKOUT_SESSION_OPERATIONS = [
  'update',
  'associateBuyer',
  'process',
  'complete',
  'cancel',
  'expire',
] as const;
export type CheckoutSessionOperation = (typeof CHECKOUT_SESSION_OPERATIONS)[number];

export const CHECKOUT_SESSION_ALLOWS = {
  Open: ['update', 'associateBuyer', 'process', 'complete', 'cancel', 'expire'],
  Completed: [],
  Canceled: [],
} as const satisfies Record<CheckoutSessionState, readonly CheckoutSessionOperation[]>;
