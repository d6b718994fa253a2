import type { ReleaseEnvironment } from '../shared/environment.js';
import { DomainError } from '../shared/errors.js';

/**
 * v1 sandbox simulations (spec amazon-pay-v1.md §5, seed 000 "Testing payment authentications"):
 * a JSON string `{"SandboxSimulation": {...}}` in a free-text note field of the triggering call.
 * The JSON is parsed, never string-matched (whitespace varies between integrations); a note that
 * is not a simulation is just a note. A simulation that is not a valid State/ReasonCode pair for
 * its object, or one sent to the Live endpoint, is InvalidSandboxSimulationSpecified.
 */
export const V1_SIMULATION_TARGETS = [
  /** SellerNote of SetOrderReferenceDetails, SetOrderAttributes, CreateOrderReferenceForId. */
  'OrderReference',
  /** SellerNote of SetBillingAgreementDetails. */
  'BillingAgreement',
  /** SellerAuthorizationNote of Authorize and AuthorizeOnBillingAgreement. */
  'Authorization',
  /** SellerCaptureNote of Capture. */
  'Capture',
  /** SellerRefundNote of Refund. */
  'Refund',
  /** ClosureReason of CloseOrderReference and CloseBillingAgreement. */
  'Closure',
] as const;
export type V1SimulationTarget = (typeof V1_SIMULATION_TARGETS)[number];

/** The buyer's SCA outcome a SellerNote forces (seed 000), or localpay's internal-error case. */
export type AuthenticationSimulation =
  | { readonly kind: 'AuthenticationStatus'; readonly state: 'Failure' | 'Abandoned' }
  | { readonly kind: 'ConfirmationFlowError'; readonly errorCode: 'InternalServerError' };

export type ContractSimulation =
  | { readonly kind: 'Constraint'; readonly constraint: 'PaymentMethodNotAllowed' }
  | AuthenticationSimulation;

export type AuthorizationSimulation =
  | {
      readonly kind: 'Declined';
      readonly reasonCode: 'InvalidPaymentMethod';
      readonly softDecline: boolean;
      /** After this many minutes the "buyer updates the payment method": Suspended → Open. */
      readonly paymentMethodUpdateTimeInMins: number | null;
    }
  | {
      readonly kind: 'Declined';
      readonly reasonCode: 'AmazonRejected' | 'TransactionTimedOut' | 'ProcessingFailure';
      readonly softDecline: boolean;
      readonly paymentMethodUpdateTimeInMins: null;
    }
  | { readonly kind: 'ExpiredUnused'; readonly expirationTimeInMins: number }
  | { readonly kind: 'AmazonClosed' };

export type CaptureSimulation =
  | { readonly kind: 'Pending' }
  | { readonly kind: 'Declined'; readonly reasonCode: 'AmazonRejected' | 'ProcessingFailure' }
  | { readonly kind: 'AmazonClosed' };

export type RefundSimulation = {
  readonly kind: 'Declined';
  readonly reasonCode: 'AmazonRejected' | 'ProcessingFailure';
};

export type ClosureSimulation = { readonly kind: 'AmazonClosed' };

export interface V1SimulationByTarget {
  OrderReference: ContractSimulation;
  BillingAgreement: ContractSimulation;
  Authorization: AuthorizationSimulation;
  Capture: CaptureSimulation;
  Refund: RefundSimulation;
  Closure: ClosureSimulation;
}

const invalid = (why: string): DomainError =>
  new DomainError('InvalidSandboxSimulationSpecified', `Invalid sandbox simulation: ${why}`);

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whole minutes given as a number or a numeric string ("5"). */
function minutes(value: unknown, field: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 525_600)
    throw invalid(`${field} must be a whole number of minutes.`);
  return n;
}

function boolish(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalid(`${field} must be "true" or "false".`);
}

function contract(sim: Json): ContractSimulation {
  if (sim.Constraint !== undefined) {
    if (sim.Constraint === 'PaymentMethodNotAllowed')
      return { kind: 'Constraint', constraint: 'PaymentMethodNotAllowed' };
    throw invalid(`the only Constraint that can be simulated is PaymentMethodNotAllowed.`);
  }
  const status = sim.PaymentAuthenticationStatus;
  if (isObject(status)) {
    if (status.State === 'Failure' || status.State === 'Abandoned')
      return { kind: 'AuthenticationStatus', state: status.State };
    if (status.ErrorCode === 'InternalServerError')
      return { kind: 'ConfirmationFlowError', errorCode: 'InternalServerError' };
    throw invalid('PaymentAuthenticationStatus.State must be Failure or Abandoned.');
  }
  throw invalid('use Constraint or PaymentAuthenticationStatus.');
}

function stateAndReason(sim: Json): { state: unknown; reason: unknown } {
  return { state: sim.State, reason: sim.ReasonCode };
}

function authorization(sim: Json): AuthorizationSimulation {
  const { state, reason } = stateAndReason(sim);
  if (state === 'Declined') {
    const softDecline = boolish(sim.SoftDecline, 'SoftDecline');
    if (reason === 'InvalidPaymentMethod')
      return {
        kind: 'Declined',
        reasonCode: reason,
        softDecline,
        paymentMethodUpdateTimeInMins:
          sim.PaymentMethodUpdateTimeInMins === undefined
            ? null
            : minutes(sim.PaymentMethodUpdateTimeInMins, 'PaymentMethodUpdateTimeInMins'),
      };
    if (
      reason === 'AmazonRejected' ||
      reason === 'TransactionTimedOut' ||
      reason === 'ProcessingFailure'
    )
      return {
        kind: 'Declined',
        reasonCode: reason,
        softDecline,
        paymentMethodUpdateTimeInMins: null,
      };
  }
  if (state === 'Closed' && reason === 'ExpiredUnused')
    return {
      kind: 'ExpiredUnused',
      expirationTimeInMins: minutes(sim.ExpirationTimeInMins ?? 1, 'ExpirationTimeInMins'),
    };
  if (state === 'Closed' && reason === 'AmazonClosed') return { kind: 'AmazonClosed' };
  throw invalid(
    `${String(state)}/${String(reason)} is not a State and ReasonCode an authorization can be given.`,
  );
}

function capture(sim: Json): CaptureSimulation {
  const { state, reason } = stateAndReason(sim);
  if (state === 'Pending' && reason === undefined) return { kind: 'Pending' };
  if (state === 'Declined' && (reason === 'AmazonRejected' || reason === 'ProcessingFailure'))
    return { kind: 'Declined', reasonCode: reason };
  if (state === 'Closed' && reason === 'AmazonClosed') return { kind: 'AmazonClosed' };
  throw invalid(
    `${String(state)}/${String(reason)} is not a State and ReasonCode a capture can be given.`,
  );
}

function refund(sim: Json): RefundSimulation {
  const { state, reason } = stateAndReason(sim);
  if (state === 'Declined' && (reason === 'AmazonRejected' || reason === 'ProcessingFailure'))
    return { kind: 'Declined', reasonCode: reason };
  throw invalid(
    `${String(state)}/${String(reason)} is not a State and ReasonCode a refund can be given.`,
  );
}

function closure(sim: Json): ClosureSimulation {
  const { state, reason } = stateAndReason(sim);
  if (state === 'Closed' && reason === 'AmazonClosed') return { kind: 'AmazonClosed' };
  throw invalid(`${String(state)}/${String(reason)} cannot be simulated on close.`);
}

const PARSERS: { readonly [T in V1SimulationTarget]: (sim: Json) => V1SimulationByTarget[T] } = {
  OrderReference: contract,
  BillingAgreement: contract,
  Authorization: authorization,
  Capture: capture,
  Refund: refund,
  Closure: closure,
};

/** Does this note try to be a simulation? A note that merely mentions the word is not one. */
const looksLikeSimulation = (text: string): boolean =>
  text.trimStart().startsWith('{') && text.includes('SandboxSimulation');

/**
 * The simulation in a note, or null when the note is an ordinary note. `environment` Live refuses
 * any simulation, as the v2 simulation header does.
 */
export function parseV1Simulation<T extends V1SimulationTarget>(
  target: T,
  note: string | null | undefined,
  environment: ReleaseEnvironment,
): V1SimulationByTarget[T] | null {
  if (note === null || note === undefined || !looksLikeSimulation(note)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(note);
  } catch {
    throw invalid('the note is not valid JSON.');
  }
  if (!isObject(parsed) || !isObject(parsed.SandboxSimulation))
    throw invalid('expected {"SandboxSimulation": {...}}.');
  if (environment === 'Live')
    throw new DomainError(
      'InvalidSandboxSimulationSpecified',
      'Sandbox simulations can only be used on the OffAmazonPayments_Sandbox endpoint.',
    );
  return PARSERS[target](parsed.SandboxSimulation);
}
