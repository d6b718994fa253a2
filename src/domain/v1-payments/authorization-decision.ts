import { decideAuthorization, decideCapture } from '../charge/charge-authorization.js';
import type { DeclineReason } from '../charge/charge.js';
import type { PaymentInstrument } from '../shared/buyer.js';
import type { AuthorizationSimulation, CaptureSimulation } from '../simulation/v1-simulations.js';
import { v1CardBehaviour } from '../simulation/v1-test-cards.js';
import type {
  AuthorizationDeclineReason,
  AuthorizationFinal,
  CaptureFinal,
} from './v1-payments.js';

/**
 * The v1 authorization decision reuses the v2 one (charge-authorization.ts: test cards, pending
 * cards) and adds what only v1 has (spec v1 §5): the SellerAuthorizationNote simulations, the
 * sandbox Wallet's * cards, and the SCA gate of seed 000 (no passed challenge → declined).
 */
export interface V1AuthorizationRequest {
  readonly instrument: PaymentInstrument | null;
  readonly simulation: AuthorizationSimulation | null;
  /** TransactionTimeout = 0. */
  readonly synchronous: boolean;
  readonly captureNow: boolean;
  /** The buyer passed the contract's challenge, or none was needed. */
  readonly authenticated: boolean;
}

export interface V1AuthorizationDecision {
  readonly final: AuthorizationFinal;
  readonly closeUnusedAfterMinutes: number | null;
  readonly resumeAfterMinutes: number | null;
  /** Declined only because the buyer's challenge was not passed (it says nothing of the card). */
  readonly authenticationMissing?: boolean;
}

/** v2's decline reasons as v1 states them: soft and hard declines are both InvalidPaymentMethod. */
export const V1_DECLINE_OF = {
  SoftDeclined: { reason: 'InvalidPaymentMethod', softDecline: true },
  HardDeclined: { reason: 'InvalidPaymentMethod', softDecline: false },
  AmazonRejected: { reason: 'AmazonRejected', softDecline: false },
  ProcessingFailure: { reason: 'ProcessingFailure', softDecline: true },
  TransactionTimedOut: { reason: 'TransactionTimedOut', softDecline: true },
} as const satisfies Record<
  DeclineReason,
  { reason: AuthorizationDeclineReason; softDecline: boolean }
>;

const declined = (
  reason: AuthorizationDeclineReason,
  softDecline: boolean,
): V1AuthorizationDecision => ({
  final: { kind: 'Declined', reason, softDecline },
  closeUnusedAfterMinutes: null,
  resumeAfterMinutes: null,
});

const open = (closeUnusedAfterMinutes: number | null = null): V1AuthorizationDecision => ({
  final: { kind: 'Open' },
  closeUnusedAfterMinutes,
  resumeAfterMinutes: null,
});

export function decideV1Authorization(request: V1AuthorizationRequest): V1AuthorizationDecision {
  // Seed 000: an order reference whose challenge did not succeed cannot be authorized.
  if (!request.authenticated)
    return { ...declined('InvalidPaymentMethod', true), authenticationMissing: true };
  const sim = request.simulation;
  if (sim !== null)
    switch (sim.kind) {
      case 'Declined':
        return {
          ...declined(sim.reasonCode, sim.softDecline),
          resumeAfterMinutes: sim.paymentMethodUpdateTimeInMins,
        };
      case 'ExpiredUnused':
        return open(sim.expirationTimeInMins);
      case 'AmazonClosed':
        return {
          final: { kind: 'AmazonClosed' },
          closeUnusedAfterMinutes: null,
          resumeAfterMinutes: null,
        };
    }
  if (request.instrument !== null)
    switch (v1CardBehaviour(request.instrument)) {
      case 'TransactionTimedOut':
        return declined('TransactionTimedOut', true);
      case 'AmazonRejected':
        return declined('AmazonRejected', false);
      case 'PaymentMethodNotAllowed':
      case 'InvalidPaymentMethod':
        return declined('InvalidPaymentMethod', false);
      case null:
        break;
    }
  const outcome = decideAuthorization({
    instrument: request.instrument,
    simulation: null,
    canHandlePendingAuthorization: !request.synchronous,
    captureNow: request.captureNow,
  });
  switch (outcome.kind) {
    case 'Approved':
      return open();
    case 'Declined': {
      const d = V1_DECLINE_OF[outcome.reason];
      return declined(d.reason, d.softDecline);
    }
    case 'Pending': {
      if (outcome.resolution === 'Succeeded') return open();
      const d = V1_DECLINE_OF[outcome.resolution];
      return declined(d.reason, d.softDecline);
    }
  }
}

/** The capture outcome: v1's SellerCaptureNote simulations through the v2 capture decision. */
export function decideV1Capture(simulation: CaptureSimulation | null): {
  final: CaptureFinal;
  pending: boolean;
} {
  if (simulation?.kind === 'AmazonClosed')
    return { final: { kind: 'AmazonClosed' }, pending: false };
  const outcome = decideCapture(
    simulation === null
      ? null
      : simulation.kind === 'Pending'
        ? 'CaptureInitiated'
        : simulation.reasonCode,
  );
  switch (outcome.kind) {
    case 'Approved':
      return { final: { kind: 'Completed' }, pending: outcome.captureAsync };
    case 'Declined':
      return {
        final: {
          kind: 'Declined',
          reason: outcome.reason === 'AmazonRejected' ? 'AmazonRejected' : 'ProcessingFailure',
        },
        pending: false,
      };
    case 'Pending':
      return { final: { kind: 'Completed' }, pending: true };
  }
}
