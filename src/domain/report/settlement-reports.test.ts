import { describe, expect, it } from 'vitest';
import { DEFAULT_FEES } from '../ledger/fee-schedule.js';
import { captureEntry } from '../ledger/ledger-postings.js';
import { disbursementsOf, settlementsOf } from '../ledger/settlement.js';
import { money, type CurrencyCode } from '../shared/money.js';
import { DAY, HOUR } from '../shared/time.js';
import { settlementIdOfReport, settlementReportsOf } from './settlement-reports.js';

const t0 = Date.UTC(2026, 2, 1);
const capture = (id: string, at: number, minor: number, currency: CurrencyCode) =>
  captureEntry(
    {
      id,
      merchantId: 'M1',
      environment: 'Live',
      postedAt: at,
      transactionId: id,
      orderReferenceId: 'S01-1-1',
      sellerReferenceId: null,
      sellerOrderId: null,
      storeName: null,
    },
    money(minor, currency),
    DEFAULT_FEES.NA,
  );

describe('settlement reports created by localpay', () => {
  const entries = [
    capture('a', t0 + HOUR, 1000, 'USD'),
    capture('b', t0 + 2 * HOUR, 2000, 'EUR'),
    capture('c', t0 + DAY + HOUR, 500, 'USD'),
  ];

  it('makes one report per closed settlement, created at its end, named by its SettlementId', () => {
    const reports = settlementReportsOf(entries, t0 + DAY + 2 * HOUR);
    const closed = settlementsOf(entries).filter((s) => s.period.end <= t0 + DAY + 2 * HOUR);
    expect(reports.map((r) => r.id)).toEqual(closed.map((s) => s.settlementId));
    expect(reports).toHaveLength(2);
    for (const report of reports) {
      expect(report).toMatchObject({
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
        state: 'IN_QUEUE',
        startTime: t0,
        endTime: t0 + DAY,
        createdAt: t0 + DAY,
        scheduled: true,
        environment: 'Live',
      });
      expect(settlementIdOfReport(report)).toBe(report.id);
    }
  });

  it('names the same settlements the disbursements pay', () => {
    const now = t0 + 3 * DAY;
    const paid = disbursementsOf(settlementsOf(entries), now, { from: 0, to: now });
    expect(settlementReportsOf(entries, now).map((r) => r.id)).toEqual(
      paid.map((d) => d.settlementId),
    );
  });

  it('makes none before a period closes', () => {
    expect(settlementReportsOf(entries, t0 + DAY - 1)).toEqual([]);
  });
});
