import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { parseV1Simulation, type V1SimulationTarget } from './v1-simulations.js';

const sim = (body: unknown): string => JSON.stringify({ SandboxSimulation: body });

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('parseV1Simulation (spec v1 §5, seed 000)', () => {
  it.each<[V1SimulationTarget, string | null]>([
    ['OrderReference', null],
    ['OrderReference', 'Please ring the bell'],
    ['Authorization', 'A note about { braces } that mentions SandboxSimulation in passing'],
  ])('%s: %j is an ordinary note', (target, note) => {
    expect(parseV1Simulation(target, note, 'Sandbox')).toBeNull();
  });

  it.each<[V1SimulationTarget, string, unknown]>([
    [
      'OrderReference',
      sim({ PaymentAuthenticationStatus: { State: 'Failure' } }),
      { kind: 'AuthenticationStatus', state: 'Failure' },
    ],
    [
      'OrderReference',
      sim({ PaymentAuthenticationStatus: { State: 'Abandoned' } }),
      { kind: 'AuthenticationStatus', state: 'Abandoned' },
    ],
    [
      'OrderReference',
      sim({ PaymentAuthenticationStatus: { ErrorCode: 'InternalServerError' } }),
      { kind: 'ConfirmationFlowError', errorCode: 'InternalServerError' },
    ],
    [
      'OrderReference',
      '{ "SandboxSimulation": { "Constraint": "PaymentMethodNotAllowed" } }',
      { kind: 'Constraint', constraint: 'PaymentMethodNotAllowed' },
    ],
    [
      'Authorization',
      sim({
        State: 'Declined',
        ReasonCode: 'InvalidPaymentMethod',
        PaymentMethodUpdateTimeInMins: 5,
        SoftDecline: 'true',
      }),
      {
        kind: 'Declined',
        reasonCode: 'InvalidPaymentMethod',
        softDecline: true,
        paymentMethodUpdateTimeInMins: 5,
      },
    ],
    [
      'Authorization',
      sim({ State: 'Declined', ReasonCode: 'AmazonRejected' }),
      {
        kind: 'Declined',
        reasonCode: 'AmazonRejected',
        softDecline: false,
        paymentMethodUpdateTimeInMins: null,
      },
    ],
    [
      'Authorization',
      sim({ State: 'Declined', ReasonCode: 'TransactionTimedOut' }),
      {
        kind: 'Declined',
        reasonCode: 'TransactionTimedOut',
        softDecline: false,
        paymentMethodUpdateTimeInMins: null,
      },
    ],
    [
      'Authorization',
      sim({ State: 'Closed', ReasonCode: 'ExpiredUnused', ExpirationTimeInMins: 1 }),
      { kind: 'ExpiredUnused', expirationTimeInMins: 1 },
    ],
    [
      'Authorization',
      sim({ State: 'Closed', ReasonCode: 'AmazonClosed' }),
      { kind: 'AmazonClosed' },
    ],
    ['Capture', sim({ State: 'Pending' }), { kind: 'Pending' }],
    [
      'Capture',
      sim({ State: 'Declined', ReasonCode: 'AmazonRejected' }),
      { kind: 'Declined', reasonCode: 'AmazonRejected' },
    ],
    ['Capture', sim({ State: 'Closed', ReasonCode: 'AmazonClosed' }), { kind: 'AmazonClosed' }],
    [
      'Refund',
      sim({ State: 'Declined', ReasonCode: 'AmazonRejected' }),
      { kind: 'Declined', reasonCode: 'AmazonRejected' },
    ],
    ['Closure', sim({ State: 'Closed', ReasonCode: 'AmazonClosed' }), { kind: 'AmazonClosed' }],
  ])('%s accepts %s', (target, note, expected) => {
    expect(parseV1Simulation(target, note, 'Sandbox')).toEqual(expected);
  });

  it.each<[V1SimulationTarget, string]>([
    ['OrderReference', sim({ PaymentAuthenticationStatus: { State: 'Success' } })],
    ['OrderReference', sim({ Constraint: 'AmountNotSet' })],
    ['Authorization', sim({ State: 'Open' })],
    ['Authorization', sim({ State: 'Declined', ReasonCode: 'Nope' })],
    [
      'Authorization',
      sim({
        State: 'Declined',
        ReasonCode: 'InvalidPaymentMethod',
        PaymentMethodUpdateTimeInMins: 'soon',
      }),
    ],
    ['Capture', sim({ State: 'Completed' })],
    ['Refund', sim({ State: 'Pending' })],
    ['Closure', sim({ State: 'Closed', ReasonCode: 'SellerClosed' })],
    ['Capture', '{"SandboxSimulation": {"State": "Pending"'],
  ])('%s refuses %s with InvalidSandboxSimulationSpecified', (target, note) => {
    expect(codeOf(() => parseV1Simulation(target, note, 'Sandbox'))).toBe(
      'InvalidSandboxSimulationSpecified',
    );
  });

  it('refuses any simulation on the Live endpoint', () => {
    expect(codeOf(() => parseV1Simulation('Capture', sim({ State: 'Pending' }), 'Live'))).toBe(
      'InvalidSandboxSimulationSpecified',
    );
  });
});
