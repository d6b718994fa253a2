import type { TransitionTable } from '../shared/lifecycle.js';
import type { RefundState } from './refund.js';

/** All refunds are asynchronous: RefundInitiated, then Refunded or Declined (spec §10.1). */
export const REFUND_TRANSITIONS = {
  RefundInitiated: ['Refunded', 'Declined'],
  Refunded: [],
  Declined: [],
} as const satisfies TransitionTable<RefundState>;

export const REFUND_IS_TERMINAL = {
  RefundInitiated: false,
  Refunded: true,
  Declined: true,
} as const satisfies Record<RefundState, boolean>;
