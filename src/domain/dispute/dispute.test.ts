import { describe, expect, it } from 'vitest';
import type { Charge } from '../charge/charge.js';
import { terminalStates } from '../shared/lifecycle.js';
import { money } from '../shared/money.js';
import { DAY } from '../shared/time.js';
import {
  contestDispute,
  expireDispute,
  openDispute,
  resolveDispute,
  returnsFunds,
  updateDispute,
} from './dispute-operations.js';
import { DISPUTE_STATES, DISPUTE_TRANSITIONS, disputeDueAt } from './dispute.js';

const t0 = Date.UTC(2026, 5, 1);
const captured = {
  id: 'S01-1234567-1234567-C000001',
  chargePermissionId: 'S01-1234567-1234567',
  merchantId: 'M1',
  environment: 'Sandbox',
  state: 'Captured',
  captureAmount: money(5000, 'USD'),
} as Charge;
const open = (charge: Charge = captured) =>
  openDispute(
    charge,
    {
      id: 'D1',
      amount: null,
      filingReason: 'Fraudulent',
      resolutionAuthority: 'AmazonPay',
      providerDisputeId: null,
    },
    t0,
  );
const evidence = [{ evidenceType: 'Receipt', fileId: null, evidenceText: 'paid' }] as const;

describe('dispute lifecycle', () => {
  it('reaches every state from ActionRequired; Closed has no exits', () => {
    const seen = new Set<string>(['ActionRequired']);
    for (const state of DISPUTE_STATES)
      for (const next of DISPUTE_TRANSITIONS[state]) seen.add(next);
    expect([...seen].sort()).toEqual([...DISPUTE_STATES].sort());
    expect(terminalStates(DISPUTE_TRANSITIONS)).toEqual(['Closed']);
  });

  it('opens only on captured money, for at most the captured amount', () => {
    expect(open()).toMatchObject({ state: 'ActionRequired', disputeAmount: money(5000, 'USD') });
    expect(() => open({ ...captured, state: 'Authorized' })).toThrow(/only a captured charge/);
    expect(() =>
      openDispute(
        captured,
        {
          id: 'D',
          amount: money(5001, 'USD'),
          filingReason: 'Other',
          resolutionAuthority: 'AmazonPay',
          providerDisputeId: null,
        },
        t0,
      ),
    ).toThrow(/exceeds/);
  });

  it('is contested once, with evidence, then resolved', () => {
    const contested = contestDispute(open(), evidence, t0 + 1);
    expect(contested.statusDetails).toMatchObject({
      state: 'UnderReview',
      reasonCode: 'MerchantContested',
    });
    expect(() => contestDispute(open(), [], t0)).toThrow(/evidence/);
    expect(() => contestDispute(contested, evidence, t0)).toThrow(
      /only be contested while ActionRequired/,
    );
    const won = resolveDispute(contested, 'MerchantWon', t0 + 2);
    expect(won.statusDetails).toMatchObject({ state: 'Resolved', resolution: 'MerchantWon' });
    expect(returnsFunds(contested, won)).toBe(true);
    expect(returnsFunds(won, won)).toBe(false);
    expect(() => resolveDispute(won, 'BuyerWon', t0)).toThrow(/cannot move to Resolved/);
    expect(
      updateDispute(
        won,
        {
          state: 'Closed',
          resolution: 'MerchantWon',
          reasonCode: null,
          reasonDescription: null,
          closureTimestamp: t0 + 3,
        },
        t0 + 3,
      ),
    ).toMatchObject({
      state: 'Closed',
      closureTimestamp: t0 + 3,
    });
  });

  it('falls to the buyer when the 11-day deadline passes unanswered', () => {
    const dispute = open();
    expect(disputeDueAt(dispute)).toBe(t0 + 11 * DAY);
    expect(expireDispute(dispute, t0 + 11 * DAY - 1)).toBe(dispute);
    expect(expireDispute(dispute, t0 + 20 * DAY).statusDetails).toMatchObject({
      state: 'Resolved',
      resolution: 'BuyerWon',
      reasonCode: 'MerchantResponseDeadlineExpired',
      lastUpdatedTimestamp: t0 + 11 * DAY,
    });
    expect(disputeDueAt(contestDispute(dispute, evidence, t0))).toBeNull();
  });
});
