import type { TransitionTable } from '../shared/lifecycle.js';
import type { BillingAgreementState } from './billing-agreement.js';

/** The billing agreement graph of spec v1 §3.5. */
export const BILLING_AGREEMENT_TRANSITIONS = {
  Draft: ['Open', 'Canceled', 'Closed'],
  Open: ['Suspended', 'Canceled', 'Closed'],
  Suspended: ['Open', 'Canceled', 'Closed'],
  Canceled: [],
  Closed: [],
} as const satisfies TransitionTable<BillingAgreementState>;

export const BILLING_AGREEMENT_IS_TERMINAL = {
  Draft: false,
  Open: false,
  Suspended: false,
  Canceled: true,
  Closed: true,
} as const satisfies Record<BillingAgreementState, boolean>;
