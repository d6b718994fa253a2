import { describe, expect, it } from 'vitest';
import {
  BILLING_AGREEMENT_IS_TERMINAL,
  BILLING_AGREEMENT_TRANSITIONS,
} from '../billing-agreement/billing-agreement-lifecycle.js';
import { BILLING_AGREEMENT_STATES } from '../billing-agreement/billing-agreement.js';
import {
  ORDER_REFERENCE_IS_TERMINAL,
  ORDER_REFERENCE_TRANSITIONS,
} from '../order-reference/order-reference-lifecycle.js';
import { ORDER_REFERENCE_STATES } from '../order-reference/order-reference.js';
import { terminalStates, type TransitionTable } from '../shared/lifecycle.js';
import {
  AUTHORIZATION_IS_TERMINAL,
  AUTHORIZATION_TRANSITIONS,
  CAPTURE_IS_TERMINAL,
  CAPTURE_TRANSITIONS,
  V1_REFUND_IS_TERMINAL,
  V1_REFUND_TRANSITIONS,
} from './v1-payments-lifecycle.js';
import { AUTHORIZATION_STATES, CAPTURE_STATES, V1_REFUND_STATES } from './v1-payments.js';

/** Every v1 lifecycle (spec v1 §3): every state reachable from the first, terminal states have no exits. */
interface Graph {
  readonly name: string;
  readonly states: readonly string[];
  readonly table: TransitionTable<string>;
  readonly terminal: Readonly<Record<string, boolean>>;
  readonly start: string;
  readonly terminals: readonly string[];
}

const GRAPHS: readonly Graph[] = [
  {
    name: 'OrderReference',
    states: ORDER_REFERENCE_STATES,
    table: ORDER_REFERENCE_TRANSITIONS,
    terminal: ORDER_REFERENCE_IS_TERMINAL,
    start: 'Draft',
    terminals: ['Canceled', 'Closed'],
  },
  {
    name: 'BillingAgreement',
    states: BILLING_AGREEMENT_STATES,
    table: BILLING_AGREEMENT_TRANSITIONS,
    terminal: BILLING_AGREEMENT_IS_TERMINAL,
    start: 'Draft',
    terminals: ['Canceled', 'Closed'],
  },
  {
    name: 'Authorization',
    states: AUTHORIZATION_STATES,
    table: AUTHORIZATION_TRANSITIONS,
    terminal: AUTHORIZATION_IS_TERMINAL,
    start: 'Pending',
    terminals: ['Closed', 'Declined'],
  },
  {
    name: 'Capture',
    states: CAPTURE_STATES,
    table: CAPTURE_TRANSITIONS,
    terminal: CAPTURE_IS_TERMINAL,
    start: 'Pending',
    terminals: ['Closed', 'Declined'],
  },
  {
    name: 'Refund',
    states: V1_REFUND_STATES,
    table: V1_REFUND_TRANSITIONS,
    terminal: V1_REFUND_IS_TERMINAL,
    start: 'Pending',
    terminals: ['Completed', 'Declined'],
  },
];

describe.each(GRAPHS)('$name lifecycle', (graph) => {
  it('reaches every state from its first one', () => {
    const seen = new Set([graph.start]);
    for (const state of seen) for (const next of graph.table[state] ?? []) seen.add(next);
    expect([...seen].sort()).toEqual([...graph.states].sort());
  });

  it('has exactly the documented terminal states, and IS_TERMINAL agrees', () => {
    expect(terminalStates(graph.table).sort()).toEqual([...graph.terminals].sort());
    for (const state of graph.states)
      expect(graph.terminal[state]).toBe((graph.table[state] ?? []).length === 0);
  });

  it('names only known states, without self-loops', () => {
    for (const state of graph.states)
      for (const next of graph.table[state] ?? []) {
        expect(graph.states).toContain(next);
        expect(next).not.toBe(state);
      }
  });
});
