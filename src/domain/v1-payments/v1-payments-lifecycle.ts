import type { TransitionTable } from '../shared/lifecycle.js';
import type { AuthorizationState, CaptureState, V1RefundState } from './v1-payments.js';

/** Authorization graph (spec v1 §3.2): every authorization starts Pending; synchronous ones move on at once. */
export const AUTHORIZATION_TRANSITIONS = {
  Pending: ['Open', 'Declined', 'Closed'],
  Open: ['Closed'],
  Declined: [],
  Closed: [],
} as const satisfies TransitionTable<AuthorizationState>;

/** Capture graph (spec v1 §3.3). */
export const CAPTURE_TRANSITIONS = {
  Pending: ['Completed', 'Declined'],
  Completed: ['Closed'],
  Declined: [],
  Closed: [],
} as const satisfies TransitionTable<CaptureState>;

/** Refund graph (spec v1 §3.4): always Pending first. */
export const V1_REFUND_TRANSITIONS = {
  Pending: ['Completed', 'Declined'],
  Completed: [],
  Declined: [],
} as const satisfies TransitionTable<V1RefundState>;

export const AUTHORIZATION_IS_TERMINAL = {
  Pending: false,
  Open: false,
  Declined: true,
  Closed: true,
} as const satisfies Record<AuthorizationState, boolean>;
export const CAPTURE_IS_TERMINAL = {
  Pending: false,
  Completed: false,
  Declined: true,
  Closed: true,
} as const satisfies Record<CaptureState, boolean>;
export const V1_REFUND_IS_TERMINAL = {
  Pending: false,
  Completed: true,
  Declined: true,
} as const satisfies Record<V1RefundState, boolean>;
