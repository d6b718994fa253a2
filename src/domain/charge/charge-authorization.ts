import type { PaymentInstrument } from '../shared/buyer.js';
import { DomainError } from '../shared/errors.js';
import { behaviourOf } from '../simulation/payment-instruments.js';
import type { SimulationCode } from '../simulation/simulation-codes.js';
import type { AuthorizationOutcome, DeclineReason } from './charge.js';

/**
 * What the (simulated) issuer answers to an authorization: a simulation code wins over the test
 * card's own behaviour (spec §9.2), and the card decides otherwise (spec §9.1).
 */
export interface AuthorizationRequest {
  readonly instrument: PaymentInstrument | null;
  readonly simulation: SimulationCode<'createCharge'> | null;
  readonly canHandlePendingAuthorization: boolean;
  readonly captureNow: boolean;
}

const needsPendingHandling = (code: string): DomainError =>
  new DomainError(
    'InvalidParameterCombination',
    `The simulation ${code} leaves the authorization pending, which needs canHandlePendingAuthorization set to true.`,
  );

function fromSimulation(request: AuthorizationRequest): AuthorizationOutcome | null {
  const code = request.simulation;
  switch (code) {
    case null:
    case 'BuyerActionRequired':
    case 'BuyerActionNotRequired':
      return null;
    case 'SoftDeclined':
    case 'HardDeclined':
    case 'AmazonRejected':
    case 'ProcessingFailure':
    case 'TransactionTimedOut':
      return { kind: 'Declined', reason: code };
    case 'AuthorizationInitiated':
      if (!request.canHandlePendingAuthorization) throw needsPendingHandling(code);
      return { kind: 'Pending', resolution: 'Succeeded' };
    case 'PendingSoftDeclined':
    case 'PendingHardDeclined':
    case 'PendingAmazonRejected':
    case 'PendingProcessingFailure':
    case 'PendingTransactionTimedOut':
      if (!request.canHandlePendingAuthorization) throw needsPendingHandling(code);
      return { kind: 'Pending', resolution: code.slice('Pending'.length) as DeclineReason };
    case 'CaptureInitiated':
      if (!request.captureNow)
        throw new DomainError(
          'InvalidParameterCombination',
          'The simulation CaptureInitiated needs captureNow set to true.',
        );
      return { kind: 'Approved', captureAsync: true };
  }
}

/**
 * The asynchronous test cards (0701, 4354) simulate an authorization that stays pending, which
 * Amazon documents for "paymentIntent=Authorize and canHandlePendingAuthorization=true, else
 * error" (spec §9.1, Sandbox simulations): with AuthorizeWithCapture (captureNow) they are refused.
 */
export function requireAuthorizeForAsyncCard(
  instrument: PaymentInstrument | null,
  captureNow: boolean,
): void {
  if (instrument === null || !captureNow) return;
  const behaviour = behaviourOf(instrument);
  if (behaviour === 'PendingThenAuthorized' || behaviour === 'PendingThenHardDeclined')
    throw new DomainError(
      'InvalidParameterCombination',
      `The test card ending ${instrument.cardEnding} simulates an asynchronous authorization, which needs paymentIntent Authorize (captureNow false) with canHandlePendingAuthorization true; it cannot be used with AuthorizeWithCapture.`,
    );
}

export function decideAuthorization(request: AuthorizationRequest): AuthorizationOutcome {
  const simulated = fromSimulation(request);
  if (simulated) return simulated;
  if (request.instrument === null) return { kind: 'Approved', captureAsync: false };
  const pendingAllowed = request.canHandlePendingAuthorization;
  switch (behaviourOf(request.instrument)) {
    case 'PendingThenAuthorized':
      // Without pending handling the issuer cannot answer in time (spec §10.1).
      return pendingAllowed
        ? { kind: 'Pending', resolution: 'Succeeded' }
        : { kind: 'Declined', reason: 'TransactionTimedOut' };
    case 'PendingThenHardDeclined':
      return pendingAllowed
        ? { kind: 'Pending', resolution: 'HardDeclined' }
        : { kind: 'Declined', reason: 'HardDeclined' };
    case 'CheckoutDeclined':
      return { kind: 'Declined', reason: 'HardDeclined' };
    case 'CheckoutBuyerCanceled':
    case 'Success':
      return { kind: 'Approved', captureAsync: false };
  }
}

/** The outcome of a capture request: only a simulation changes it (spec §9.2). */
export function decideCapture(
  simulation: SimulationCode<'captureCharge'> | null,
): AuthorizationOutcome {
  switch (simulation) {
    case null:
    case 'DisputeOpened':
      return { kind: 'Approved', captureAsync: false };
    case 'CaptureInitiated':
      return { kind: 'Approved', captureAsync: true };
    case 'SoftDeclined':
    case 'HardDeclined':
    case 'AmazonRejected':
    case 'ProcessingFailure':
      return { kind: 'Declined', reason: simulation };
    case 'PendingSoftDeclined':
    case 'PendingHardDeclined':
    case 'PendingAmazonRejected':
    case 'PendingProcessingFailure':
      return { kind: 'Pending', resolution: simulation.slice('Pending'.length) as DeclineReason };
  }
}
