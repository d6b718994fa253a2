import type { ReleaseEnvironment } from '../shared/environment.js';
import { DomainError } from '../shared/errors.js';

/**
 * The `x-amz-pay-simulation-code` header (spec §9.2): which codes each operation accepts. The
 * official table is unconfirmed; these follow the reason codes each operation can produce, plus
 * `Pending<Code>` for "AuthorizationInitiated now, <Code> later", as the spec recommends, and two
 * localpay codes that force or skip the buyer's SCA challenge. A code overrides the test card's
 * own behaviour. docs/decisions.md lists them for merchants.
 */
export const SIMULATION_CODES = {
  createCharge: [
    'SoftDeclined',
    'HardDeclined',
    'AmazonRejected',
    'ProcessingFailure',
    'TransactionTimedOut',
    'AuthorizationInitiated',
    'PendingSoftDeclined',
    'PendingHardDeclined',
    'PendingAmazonRejected',
    'PendingProcessingFailure',
    'PendingTransactionTimedOut',
    'CaptureInitiated',
    'BuyerActionRequired',
    'BuyerActionNotRequired',
  ],
  captureCharge: [
    'SoftDeclined',
    'HardDeclined',
    'AmazonRejected',
    'ProcessingFailure',
    'CaptureInitiated',
    // A late capture "CaptureInitiated then Captured | Declined" (spec §12A.1): pending, then declined.
    'PendingSoftDeclined',
    'PendingHardDeclined',
    'PendingAmazonRejected',
    'PendingProcessingFailure',
    // localpay: the capture succeeds and the buyer opens a chargeback an hour after it is Captured.
    'DisputeOpened',
  ],
  createRefund: ['AmazonRejected', 'ProcessingFailure'],
  updateCheckoutSession: ['BuyerCanceled', 'Declined', 'AmazonCanceled', 'AuthorizationInitiated'],
  completeCheckoutSession: [
    'BuyerCanceled',
    'Declined',
    'AmazonCanceled',
    'AuthorizationInitiated',
  ],
  closeChargePermission: ['AmazonClosed'],
  cancelCharge: [],
  createCheckoutSession: [],
  finalizeCheckoutSession: [
    'BuyerCanceled',
    'Declined',
    'AmazonCanceled',
    'AuthorizationInitiated',
  ],
  updateChargePermission: [],
} as const;

export type SimulatedOperation = keyof typeof SIMULATION_CODES;
export type SimulationCode<O extends SimulatedOperation> = (typeof SIMULATION_CODES)[O][number];

/**
 * Checks a simulation header for an operation: absent is fine; in Live, or not a code of this
 * operation, it is InvalidSandboxSimulationSpecified (400).
 */
export function parseSimulation<O extends SimulatedOperation>(
  operation: O,
  code: string | null,
  environment: ReleaseEnvironment,
): SimulationCode<O> | null {
  if (code === null || code === '') return null;
  if (environment === 'Live')
    throw new DomainError(
      'InvalidSandboxSimulationSpecified',
      'Simulation codes can only be used in the Sandbox environment.',
    );
  const allowed: readonly string[] = SIMULATION_CODES[operation];
  if (!allowed.includes(code))
    throw new DomainError(
      'InvalidSandboxSimulationSpecified',
      allowed.length === 0
        ? `This operation accepts no simulation code; '${code}' is not valid here.`
        : `'${code}' is not a valid simulation code for this operation. Valid codes: ${allowed.join(', ')}.`,
    );
  return code as SimulationCode<O>;
}
