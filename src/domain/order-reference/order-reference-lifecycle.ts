import type { TransitionTable } from '../shared/lifecycle.js';
import type { OrderReferenceState } from './order-reference.js';

/** The order reference graph of spec v1 §3.1. */
export const ORDER_REFERENCE_TRANSITIONS = {
  Draft: ['Open', 'Canceled'],
  Open: ['Suspended', 'Canceled', 'Closed'],
  Suspended: ['Open', 'Canceled', 'Closed'],
  Canceled: [],
  Closed: [],
} as const satisfies TransitionTable<OrderReferenceState>;

export const ORDER_REFERENCE_IS_TERMINAL = {
  Draft: false,
  Open: false,
  Suspended: false,
  Canceled: true,
  Closed: true,
} as const satisfies Record<OrderReferenceState, boolean>;
