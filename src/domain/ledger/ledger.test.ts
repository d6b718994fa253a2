import { describe, expect, it } from 'vitest';
import { money } from '../shared/money.js';
import { DAY, HOUR } from '../shared/time.js';
import { DEFAULT_FEES, percentageOf, validateFeeSchedule } from './fee-schedule.js';
import { netMinor } from './ledger-entry.js';
import {
  captureEntry,
  chargebackEntry,
  chargebackReversalEntry,
  refundEntry,
  type PostingContext,
} from './ledger-postings.js';
import { disbursementsOf, isClosed, periodOf, settlementsOf } from './settlement.js';

const at = Date.UTC(2026, 0, 10, 12);
const context = (id: string, postedAt = at): PostingContext => ({
  id,
  merchantId: 'M1',
  environment: 'Sandbox',
  postedAt,
  transactionId: `T-${id}`,
  orderReferenceId: 'P01-1',
  sellerReferenceId: null,
  sellerOrderId: null,
  storeName: null,
});

describe('fees', () => {
  it('rounds the percentage half away from zero to the minor unit', () => {
    expect(percentageOf(1000, 290)).toBe(29);
    expect(percentageOf(50, 290)).toBe(1); // 1.45 → 1
    expect(percentageOf(1724, 290)).toBe(50); // 49.996 → 50
    expect(percentageOf(-1724, 290)).toBe(-50);
  });
  it('has a default per region in its ledger currency', () => {
    expect(DEFAULT_FEES.NA).toEqual({
      percentageBasisPoints: 290,
      fixedFeeMinor: 30,
      chargebackFeeMinor: 2000,
      currency: 'USD',
    });
    expect(DEFAULT_FEES.JP.fixedFeeMinor).toBe(0);
    expect(DEFAULT_FEES.EU.fixedFeeMinor).toBe(35);
  });
  it('rejects fractional or negative fees', () => {
    expect(() => validateFeeSchedule({ ...DEFAULT_FEES.NA, percentageBasisPoints: 2.5 })).toThrow(
      /percentageBasisPoints/,
    );
    expect(() => validateFeeSchedule({ ...DEFAULT_FEES.NA, fixedFeeMinor: -1 })).toThrow(
      /fixedFeeMinor/,
    );
  });
});

describe('postings', () => {
  const fees = DEFAULT_FEES.NA;
  it('nets a capture, its refund, a chargeback and its reversal', () => {
    const capture = captureEntry(context('c'), money(10_000, 'USD'), fees);
    expect([capture.amountMinor, capture.percentageFeeMinor, capture.fixedFeeMinor]).toEqual([
      10_000, -290, -30,
    ]);
    const refund = refundEntry(context('r'), money(4_000, 'USD'), fees);
    expect([refund.amountMinor, refund.percentageFeeMinor, refund.fixedFeeMinor]).toEqual([
      -4_000, 116, 0,
    ]);
    const chargeback = chargebackEntry(context('d'), money(6_000, 'USD'), fees);
    expect(netMinor(chargeback)).toBe(-8_000);
    expect(netMinor(chargebackReversalEntry(context('a'), money(6_000, 'USD')))).toBe(6_000);
  });
  it('applies the fixed fee only in the schedule currency', () => {
    expect(captureEntry(context('c'), money(1_000, 'EUR'), fees).fixedFeeMinor).toBe(0);
  });
});

describe('settlements', () => {
  const fees = DEFAULT_FEES.NA;
  const entries = [
    captureEntry(context('a', at), money(1_000, 'USD'), fees),
    captureEntry(context('b', at + HOUR), money(2_000, 'USD'), fees),
    captureEntry(context('c', at + DAY), money(3_000, 'USD'), fees),
    captureEntry(context('d', at), money(5_000, 'EUR'), fees),
  ];
  it('groups by UTC day and currency with stable ids', () => {
    const settlements = settlementsOf(entries);
    expect(settlements.map((s) => [s.currency, s.entries.length])).toEqual([
      ['EUR', 1],
      ['USD', 2],
      ['USD', 1],
    ]);
    expect(new Set(settlements.map((s) => s.settlementId)).size).toBe(3);
    expect(settlementsOf(entries)[1]?.settlementId).toBe(settlements[1]?.settlementId);
    expect(settlements[1]?.netMinor).toBe(1_000 - 29 - 30 + 2_000 - 58 - 30);
  });
  it('disburses a settlement once the clock passes its period end', () => {
    const settlements = settlementsOf(entries);
    const end = periodOf(at).end;
    expect(isClosed(settlements[1]!, end - 1)).toBe(false);
    const paid = disbursementsOf(settlements, end, { from: 0, to: end });
    expect(paid.map((d) => [d.currency, d.amountMinor, d.transactionTime])).toEqual([
      ['EUR', 5_000 - 145, end],
      ['USD', 2_853, end],
    ]);
    expect(disbursementsOf(settlements, end + DAY, { from: 0, to: end + DAY })).toHaveLength(3);
  });
});
