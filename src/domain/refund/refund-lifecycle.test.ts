import { describe, expect, it } from 'vitest';
import { terminalStates } from '../shared/lifecycle.js';
import { SIMULATION_CODES } from '../simulation/simulation-codes.js';
import { REFUND_DECLINE_REASONS, REFUND_STATES, type RefundState } from './refund.js';
import { REFUND_IS_TERMINAL, REFUND_TRANSITIONS } from './refund-lifecycle.js';

function reachableFrom(start: RefundState): RefundState[] {
  const seen = new Set<RefundState>([start]);
  for (const state of seen) for (const next of REFUND_TRANSITIONS[state]) seen.add(next);
  return [...seen];
}

describe('refund transition table', () => {
  it.each(REFUND_STATES)('%s: IS_TERMINAL agrees with the table', (state) => {
    expect(REFUND_TRANSITIONS[state].length === 0).toBe(REFUND_IS_TERMINAL[state]);
  });

  it('has exactly Refunded and Declined as terminal states', () => {
    expect(terminalStates(REFUND_TRANSITIONS).sort()).toEqual(['Declined', 'Refunded']);
  });

  it('reaches every state from RefundInitiated, where every refund starts (spec §10.1)', () => {
    expect(reachableFrom('RefundInitiated').sort()).toEqual([...REFUND_STATES].sort());
  });

  it('has no self-loops, names only known states, and nothing leads back to RefundInitiated', () => {
    for (const state of REFUND_STATES)
      for (const next of REFUND_TRANSITIONS[state]) {
        expect(next).not.toBe(state);
        expect(REFUND_STATES).toContain(next);
        expect(next).not.toBe('RefundInitiated');
      }
  });

  it.each(
    REFUND_STATES.flatMap((from) =>
      REFUND_STATES.map(
        (to) => [from, to, from === 'RefundInitiated' && to !== 'RefundInitiated'] as const,
      ),
    ),
  )('%s → %s allowed: %s', (from, to, allowed) => {
    expect((REFUND_TRANSITIONS[from] as readonly RefundState[]).includes(to)).toBe(allowed);
  });

  it('a refund can be declined for exactly the reasons a simulation can ask for', () => {
    expect([...REFUND_DECLINE_REASONS].sort()).toEqual([...SIMULATION_CODES.createRefund].sort());
  });
});
