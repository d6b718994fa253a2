import { describe, expect, it } from 'vitest';
import { terminalStates, type TransitionTable } from '../shared/lifecycle.js';
import {
  PROVIDER_CREDIT_IS_TERMINAL,
  PROVIDER_CREDIT_REVERSAL_IS_TERMINAL,
  PROVIDER_CREDIT_REVERSAL_TRANSITIONS,
  PROVIDER_CREDIT_TRANSITIONS,
} from './provider-credit.js';
import { checkProviderCreditList } from './provider-credit-operations.js';
import { money } from '../shared/money.js';

describe('provider credit lifecycles', () => {
  it.each([
    ['ProviderCredit', PROVIDER_CREDIT_TRANSITIONS, PROVIDER_CREDIT_IS_TERMINAL],
    [
      'ProviderCreditReversal',
      PROVIDER_CREDIT_REVERSAL_TRANSITIONS,
      PROVIDER_CREDIT_REVERSAL_IS_TERMINAL,
    ],
  ] as [string, TransitionTable<string>, Readonly<Record<string, boolean>>][])(
    '%s: terminal states are exactly those without exits; all reachable',
    (_, table, terminal) => {
      const states = Object.keys(table);
      expect(terminalStates(table).sort()).toEqual(states.filter((s) => terminal[s]).sort());
      const reached = new Set(['Pending']);
      for (const from of states) for (const to of table[from] ?? []) reached.add(to);
      expect([...reached].sort()).toEqual(states.sort());
    },
  );
});

describe('ProviderCreditList checks', () => {
  const usd = (minor: number) => money(minor, 'USD');
  it.each([
    [[{ providerId: 'P', amount: money(100, 'EUR') }], 'CurrencyMismatch'],
    [[{ providerId: 'P', amount: usd(0) }], 'InvalidParameterValue'],
    [
      [
        { providerId: 'P', amount: usd(600) },
        { providerId: 'Q', amount: usd(401) },
      ],
      'TransactionAmountExceeded',
    ],
    [
      [
        { providerId: 'P', amount: usd(1) },
        { providerId: 'P', amount: usd(1) },
      ],
      'InvalidParameterValue',
    ],
  ])('refuses %j with %s', (list, code) => {
    expect(() => checkProviderCreditList(usd(1000), list)).toThrow(
      expect.objectContaining({ code }),
    );
  });
  it('accepts credits up to the captured amount', () => {
    expect(() =>
      checkProviderCreditList(usd(1000), [
        { providerId: 'P', amount: usd(600) },
        { providerId: 'Q', amount: usd(400) },
      ]),
    ).not.toThrow();
  });
});
