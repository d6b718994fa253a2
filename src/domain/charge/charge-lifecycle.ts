import type { TransitionTable } from '../shared/lifecycle.js';
import type { ChargeState } from './charge.js';

/**
 * The charge graph of spec §12A.1, with the seed's ActionRequired in front of authorization. A new
 * charge is built in ActionRequired and immediately moved on by its authorization outcome, so every
 * way a charge can start is an edge of this table.
 */
export const CHARGE_TRANSITIONS = {
  ActionRequired: [
    'AuthorizationInitiated',
    'Authorized',
    'CaptureInitiated',
    'Captured',
    'Declined',
    'Canceled',
  ],
  AuthorizationInitiated: ['Authorized', 'CaptureInitiated', 'Captured', 'Declined', 'Canceled'],
  Authorized: ['CaptureInitiated', 'Captured', 'Declined', 'Canceled'],
  CaptureInitiated: ['Captured', 'Declined'],
  Captured: [],
  Canceled: [],
  Declined: [],
} as const satisfies TransitionTable<ChargeState>;

export const CHARGE_IS_TERMINAL = {
  ActionRequired: false,
  AuthorizationInitiated: false,
  Authorized: false,
  CaptureInitiated: false,
  Captured: true,
  Canceled: true,
  Declined: true,
} as const satisfies Record<ChargeState, boolean>;
