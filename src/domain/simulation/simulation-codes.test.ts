import { describe, expect, it } from 'vitest';
import { RELEASE_ENVIRONMENTS } from '../shared/environment.js';
import { DomainError } from '../shared/errors.js';
import { parseSimulation, SIMULATION_CODES, type SimulatedOperation } from './simulation-codes.js';

const OPERATIONS = Object.keys(SIMULATION_CODES) as SimulatedOperation[];
const ALL_CODES = [...new Set(OPERATIONS.flatMap((operation) => SIMULATION_CODES[operation]))];

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

describe('parseSimulation', () => {
  it.each(OPERATIONS.flatMap((op) => RELEASE_ENVIRONMENTS.map((env) => [op, env] as const)))(
    '%s in %s: no header (or an empty one) is fine',
    (operation, environment) => {
      expect(parseSimulation(operation, null, environment)).toBeNull();
      expect(parseSimulation(operation, '', environment)).toBeNull();
    },
  );

  const valid = OPERATIONS.flatMap((op) => SIMULATION_CODES[op].map((code) => [op, code] as const));

  it.each(valid)('%s accepts %s in Sandbox', (operation, code) => {
    expect(parseSimulation(operation, code, 'Sandbox')).toBe(code);
  });

  it.each(valid)('%s refuses %s in Live', (operation, code) => {
    const error = errorOf(() => parseSimulation(operation, code, 'Live'));
    expect(error.code).toBe('InvalidSandboxSimulationSpecified');
    expect(error.message).toContain('Sandbox');
  });

  const wrong = OPERATIONS.flatMap((op) =>
    ALL_CODES.filter((code) => !(SIMULATION_CODES[op] as readonly string[]).includes(code)).map(
      (code) => [op, code] as const,
    ),
  );

  it.each(wrong)('%s refuses %s, a code of another operation', (operation, code) => {
    const error = errorOf(() => parseSimulation(operation, code, 'Sandbox'));
    expect(error.code).toBe('InvalidSandboxSimulationSpecified');
    expect(error.message).toContain(`'${code}'`);
  });

  it.each(OPERATIONS)('%s refuses an unknown code and a differently cased one', (operation) => {
    for (const code of ['NoSuchCode', 'softdeclined', ' SoftDeclined'])
      expect(errorOf(() => parseSimulation(operation, code, 'Sandbox')).code).toBe(
        'InvalidSandboxSimulationSpecified',
      );
  });

  it.each(OPERATIONS)('%s: the message lists the valid codes', (operation) => {
    const { message } = errorOf(() => parseSimulation(operation, 'NoSuchCode', 'Sandbox'));
    const codes = SIMULATION_CODES[operation];
    if (codes.length === 0) expect(message).toContain('accepts no simulation code');
    else {
      expect(message).toContain(`Valid codes: ${codes.join(', ')}.`);
      for (const code of codes) expect(message).toContain(code);
    }
  });

  it('has codes for the operations that can produce the outcomes (spec §9.2)', () => {
    expect(SIMULATION_CODES.closeChargePermission).toEqual(['AmazonClosed']);
    expect(SIMULATION_CODES.createRefund).toEqual(['AmazonRejected', 'ProcessingFailure']);
    expect(SIMULATION_CODES.cancelCharge).toEqual([]);
    expect(SIMULATION_CODES.completeCheckoutSession).toEqual(
      expect.arrayContaining([
        'BuyerCanceled',
        'Declined',
        'AmazonCanceled',
        'AuthorizationInitiated',
      ]),
    );
    // every Pending<Code> of Create Charge names a decline Create Charge can also give at once
    for (const code of SIMULATION_CODES.createCharge)
      if (code.startsWith('Pending'))
        expect(SIMULATION_CODES.createCharge).toContain(code.slice('Pending'.length));
  });
});
