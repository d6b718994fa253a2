import type { ScaDecision } from '../sca/sca-policy.js';
import { DomainError } from '../shared/errors.js';
import type { Instant } from '../shared/time.js';

/**
 * The buyer's SCA for a v1 contract (seed 000): decided when the order reference (or billing
 * agreement) is confirmed, then settled on localpay's hosted confirmation page. It lives on the
 * contract, so an authorization can ask whether the buyer passed before it is approved.
 */
export const AUTHENTICATION_STATUSES = [
  'NotRequired',
  'Required',
  'Success',
  'Failure',
  'Abandoned',
] as const;
export type AuthenticationStatus = (typeof AUTHENTICATION_STATUSES)[number];

export type AuthenticationOutcome = Extract<
  AuthenticationStatus,
  'Success' | 'Failure' | 'Abandoned'
>;

export interface PaymentAuthentication {
  readonly decision: ScaDecision;
  readonly status: AuthenticationStatus;
  /** The one-time code the test issuer shows on the challenge. */
  readonly code: string;
  /** A SellerNote simulation decides the outcome, whatever the buyer answers (seed 000). */
  readonly simulated: 'Failure' | 'Abandoned' | null;
  /** localpay's simulation of an internal error on the hosted page (ErrorCode=InternalServerError). */
  readonly simulatedError: 'InternalServerError' | null;
  readonly decidedAt: Instant;
  readonly answeredAt: Instant | null;
}

/** The wire value of PaymentAuthenticationStatus/State (only REQUIRED is confirmed, spec §2.2). */
export const AUTHENTICATION_WIRE_STATE = {
  NotRequired: null,
  Required: 'REQUIRED',
  Success: 'SUCCESS',
  Failure: 'FAILURE',
  Abandoned: 'ABANDONED',
} as const satisfies Record<AuthenticationStatus, string | null>;

export function newPaymentAuthentication(
  decision: ScaDecision,
  code: string,
  simulated: PaymentAuthentication['simulated'],
  simulatedError: PaymentAuthentication['simulatedError'],
  now: Instant,
): PaymentAuthentication {
  return {
    decision,
    status: decision.outcome === 'Challenge' ? 'Required' : 'NotRequired',
    code,
    simulated,
    simulatedError,
    decidedAt: now,
    answeredAt: null,
  };
}

/** A challenge is waiting for the buyer. */
export const awaitsChallenge = (auth: PaymentAuthentication | null): boolean =>
  auth !== null && auth.status === 'Required';

/** Payments on the contract may go ahead: no challenge was needed, or the buyer passed it. */
export const authenticationPassed = (auth: PaymentAuthentication | null): boolean =>
  auth === null || auth.status === 'NotRequired' || auth.status === 'Success';

/**
 * The buyer's answer: the right code passes, anything else fails, closing abandons; a simulation
 * overrides whatever the buyer did.
 */
export function answerAuthentication(
  auth: PaymentAuthentication,
  answer: { readonly abandon: true } | { readonly abandon: false; readonly code: string },
  now: Instant,
): PaymentAuthentication {
  if (auth.status !== 'Required')
    throw new DomainError('InvalidRequest', 'This challenge has already been answered.');
  const buyerOutcome: AuthenticationOutcome = answer.abandon
    ? 'Abandoned'
    : answer.code.trim() === auth.code
      ? 'Success'
      : 'Failure';
  return { ...auth, status: auth.simulated ?? buyerOutcome, answeredAt: now };
}

/** Settles a challenge with a given outcome (headless control in tests and CI). */
export function settleAuthentication(
  auth: PaymentAuthentication,
  outcome: AuthenticationOutcome,
  now: Instant,
): PaymentAuthentication {
  if (auth.status !== 'Required')
    throw new DomainError('InvalidRequest', 'This challenge has already been answered.');
  return { ...auth, status: auth.simulated ?? outcome, answeredAt: now };
}
