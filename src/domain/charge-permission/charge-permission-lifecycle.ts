import type { TransitionTable } from '../shared/lifecycle.js';
import type { ChargePermissionState } from './charge-permission.js';

/**
 * NonChargeable → NonChargeable is a real transition: the reasons change (for example from
 * ChargeInProgress to PaymentMethodInvalid) while the state stays (spec §12A.1).
 */
export const CHARGE_PERMISSION_TRANSITIONS = {
  Chargeable: ['NonChargeable', 'Closed'],
  NonChargeable: ['Chargeable', 'NonChargeable', 'Closed'],
  Closed: [],
} as const satisfies TransitionTable<ChargePermissionState>;

export const CHARGE_PERMISSION_IS_TERMINAL = {
  Chargeable: false,
  NonChargeable: false,
  Closed: true,
} as const satisfies Record<ChargePermissionState, boolean>;
