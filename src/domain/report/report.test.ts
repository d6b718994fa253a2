import { describe, expect, it } from 'vitest';
import { DEFAULT_FEES } from '../ledger/fee-schedule.js';
import { captureEntry } from '../ledger/ledger-postings.js';
import { terminalStates } from '../shared/lifecycle.js';
import { money } from '../shared/money.js';
import { DAY, HOUR } from '../shared/time.js';
import {
  cancelEmptyReport,
  newReport,
  PROCESSING_STATUSES,
  PROCESSING_TIME,
  QUEUE_TIME,
  REPORT_TRANSITIONS,
  reportDueAt,
  settleReport,
} from './report.js';
import { fireSchedule, type ReportSchedule } from './report-schedule.js';
import { SETTLEMENT_BODY_COLUMNS, settlementReportCsv } from './settlement-report-csv.js';

const t0 = Date.UTC(2026, 2, 1);
const report = newReport({
  id: 'R1',
  merchantId: 'M1',
  environment: 'Sandbox',
  reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
  startTime: t0 - DAY,
  endTime: t0,
  now: t0,
});

describe('report lifecycle', () => {
  it('is a total table whose every state is reachable from IN_QUEUE', () => {
    const seen = new Set<string>(['IN_QUEUE']);
    for (const state of PROCESSING_STATUSES)
      for (const next of REPORT_TRANSITIONS[state]) seen.add(next);
    expect([...seen].sort()).toEqual([...PROCESSING_STATUSES].sort());
    expect(terminalStates(REPORT_TRANSITIONS).sort()).toEqual(['CANCELLED', 'COMPLETED', 'FAILED']);
  });
  it('queues, processes and completes on the merchant clock', () => {
    expect(settleReport(report, t0 + QUEUE_TIME - 1, 'D')).toBe(report);
    const started = settleReport(report, t0 + QUEUE_TIME, 'D');
    expect(started.state).toBe('IN_PROGRESS');
    expect(reportDueAt(started)).toBe(t0 + QUEUE_TIME + PROCESSING_TIME);
    const done = settleReport(report, t0 + HOUR, 'D');
    expect(done).toMatchObject({
      state: 'COMPLETED',
      processingStartTime: t0 + QUEUE_TIME,
      processingEndTime: t0 + QUEUE_TIME + PROCESSING_TIME,
      reportDocumentId: 'D',
    });
    expect(reportDueAt(done)).toBeNull();
    expect(cancelEmptyReport(done)).toMatchObject({ state: 'CANCELLED', reportDocumentId: null });
  });
});

describe('schedules', () => {
  it('turns every passed creation time into one run of the period before it', () => {
    const schedule: ReportSchedule = {
      id: 'S1',
      merchantId: 'M1',
      environment: 'Sandbox',
      reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
      state: 'Active',
      scheduleFrequency: 'P1D',
      nextReportCreationTime: t0,
      createdAt: t0 - HOUR,
      runs: [],
    };
    expect(fireSchedule(schedule, t0 - 1)).toBe(schedule);
    const fired = fireSchedule(schedule, t0 + DAY + 1);
    expect(fired.runs).toEqual([
      { start: t0 - DAY, end: t0 },
      { start: t0, end: t0 + DAY },
    ]);
    expect(fired.nextReportCreationTime).toBe(t0 + 2 * DAY);
  });
});

describe('settlement report CSV', () => {
  it('has the header block and the documented body columns, amounts to the cent', () => {
    const entry = captureEntry(
      {
        id: 'L1',
        merchantId: 'M1',
        environment: 'Sandbox',
        postedAt: t0 + 1000,
        transactionId: 'S01-1-1-C1',
        orderReferenceId: 'S01-1-1',
        sellerReferenceId: 'ref "1"',
        sellerOrderId: null,
        storeName: null,
      },
      money(1234, 'USD'),
      DEFAULT_FEES.NA,
    );
    const lines = settlementReportCsv({
      sellerId: 'M1',
      startTime: t0,
      endTime: t0 + DAY,
      entries: [entry],
    }).split('\r\n');
    expect(lines[0]).toBe('"SellerId","SettlementStartDate","SettlementEndDate"');
    expect(lines[1]).toBe('"M1","2026-03-01T00:00:00-0000","2026-03-02T00:00:00-0000"');
    expect(lines[3]).toBe(SETTLEMENT_BODY_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(lines[4]).toContain(
      '"ref ""1""","Capture","S01-1-1","","","USD","12.34","-0.36","-0.30","-0.66","11.68","Capture"',
    );
  });
});
