import { describe, expect, it } from 'vitest';
import { terminalStates } from '../shared/lifecycle.js';
import { CHARGE_STATES, type ChargeState } from './charge.js';
import { CHARGE_IS_TERMINAL, CHARGE_TRANSITIONS } from './charge-lifecycle.js';

function reachableFrom(start: ChargeState): ChargeState[] {
  const seen = new Set<ChargeState>([start]);
  for (const state of seen) for (const next of CHARGE_TRANSITIONS[state]) seen.add(next);
  return [...seen];
}

describe('charge transition table', () => {
  it.each(CHARGE_STATES)('%s: IS_TERMINAL agrees with the table', (state) => {
    expect(CHARGE_TRANSITIONS[state].length === 0).toBe(CHARGE_IS_TERMINAL[state]);
  });

  it('has exactly Captured, Canceled and Declined as terminal states', () => {
    expect(terminalStates(CHARGE_TRANSITIONS).sort()).toEqual(['Canceled', 'Captured', 'Declined']);
  });

  it('reaches every state from ActionRequired', () => {
    expect(reachableFrom('ActionRequired').sort()).toEqual([...CHARGE_STATES].sort());
  });

  it.each(CHARGE_STATES.filter((state) => !CHARGE_IS_TERMINAL[state]))(
    '%s can still end in a terminal state',
    (state) => {
      expect(reachableFrom(state).some((s) => CHARGE_IS_TERMINAL[s])).toBe(true);
    },
  );

  it('has no self-loops and names only known states', () => {
    for (const state of CHARGE_STATES)
      for (const next of CHARGE_TRANSITIONS[state]) {
        expect(next).not.toBe(state);
        expect(CHARGE_STATES).toContain(next);
      }
  });

  /** The whole table, spelled out: a change to the graph has to change this test too. */
  const EXITS = {
    // every new charge starts here and leaves by its authorization outcome (or its challenge)
    ActionRequired: [
      'AuthorizationInitiated',
      'Authorized',
      'CaptureInitiated',
      'Captured',
      'Declined',
      'Canceled',
    ],
    // a pending authorization resolves; with captureNow it may go on to an asynchronous capture
    AuthorizationInitiated: ['Authorized', 'CaptureInitiated', 'Captured', 'Declined', 'Canceled'],
    Authorized: ['CaptureInitiated', 'Captured', 'Declined', 'Canceled'],
    // spec §8.12: no cancel once the capture started
    CaptureInitiated: ['Captured', 'Declined'],
    Captured: [],
    Canceled: [],
    Declined: [],
  } as const satisfies Record<ChargeState, readonly ChargeState[]>;

  it.each(
    CHARGE_STATES.flatMap((from) =>
      CHARGE_STATES.map(
        (to) => [from, to, (EXITS[from] as readonly ChargeState[]).includes(to)] as const,
      ),
    ),
  )('%s → %s allowed: %s', (from, to, allowed) => {
    expect((CHARGE_TRANSITIONS[from] as readonly ChargeState[]).includes(to)).toBe(allowed);
  });

  it('only the initial and authorized states can be canceled', () => {
    const cancelable = CHARGE_STATES.filter((state) =>
      (CHARGE_TRANSITIONS[state] as readonly ChargeState[]).includes('Canceled'),
    );
    expect(cancelable).toEqual(['ActionRequired', 'AuthorizationInitiated', 'Authorized']);
  });
});
