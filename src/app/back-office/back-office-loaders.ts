import { expireDispute } from '../../domain/dispute/dispute-operations.js';
import type { Dispute } from '../../domain/dispute/dispute.js';
import { byPosting, periodOf, settlementIdOf } from '../../domain/ledger/settlement.js';
import {
  cancelEmptyReport,
  documentIdOf,
  newReport,
  settleReport,
  type Report,
} from '../../domain/report/report.js';
import { fireSchedule, type ReportSchedule } from '../../domain/report/report-schedule.js';
import { settlementReportCsv } from '../../domain/report/settlement-report-csv.js';
import { settlementIdOfReport } from '../../domain/report/settlement-reports.js';
import {
  isTransactionReportType,
  transactionReportCsv,
} from '../../domain/report/transaction-reports.js';
import { transactionSources } from './transaction-sources.js';
import { loadWith, type Loader } from '../load-aggregates.js';
import type { Unit } from '../unit-of-work.js';
import { disputeChanged } from './dispute-effects.js';

/**
 * The back-office aggregates' timers on the merchant clock (DESIGN.md §8: report generation runs
 * as a timer, like expiries): reports queue and process, schedules create reports, disputes fall
 * to the buyer at their deadline. Reading one settles it first, like every other aggregate.
 */
export const reports: Loader<Report> = {
  name: 'Report',
  repository: (unit) => unit.tx.reports,
  settle: (report, now) => settleReport(report, now, documentIdOf(report.id)),
  onChange: (unit, before, after) => reportMoved(unit, before, after),
};

/** A report that completes gets its document now; one without rows is cancelled instead. */
async function reportMoved(unit: Unit, before: Report, after: Report): Promise<void> {
  if (
    after.state !== 'COMPLETED' ||
    before.state === 'COMPLETED' ||
    after.reportDocumentId === null
  )
    return;
  const content = await reportContent(unit, after);
  if (content === null) {
    await unit.tx.reports.update(cancelEmptyReport(after));
    return;
  }
  await unit.tx.reportDocuments.insert({
    id: after.reportDocumentId,
    merchantId: after.merchantId,
    environment: after.environment,
    content,
    createdAt: unit.now,
  });
}

/** The report's flat file, or null when its range holds no data. */
async function reportContent(unit: Unit, report: Report): Promise<string | null> {
  const range = { start: report.startTime, end: report.endTime };
  if (isTransactionReportType(report.reportType))
    return transactionReportCsv(
      report.reportType,
      await transactionSources(unit, report.reportType),
      range,
    );
  const inRange = await unit.tx.ledger.list(unit.scope, { from: range.start, to: range.end });
  // A settlement report lists its own settlement only (one per currency and period).
  const settlementId = settlementIdOfReport(report);
  const entries =
    settlementId === null
      ? inRange
      : inRange.filter(
          (entry) =>
            settlementIdOf(
              entry.merchantId,
              entry.environment,
              periodOf(entry.postedAt),
              entry.currency,
            ) === settlementId,
        );
  if (entries.length === 0) return null;
  return settlementReportCsv({
    sellerId: report.merchantId,
    startTime: report.startTime,
    endTime: report.endTime,
    entries: [...entries].sort(byPosting),
  });
}

export const reportSchedules: Loader<ReportSchedule> = {
  name: 'Report Schedule',
  repository: (unit) => unit.tx.reportSchedules,
  settle: fireSchedule,
  onChange: (unit, _before, after) => scheduleFired(unit, after),
};

/** One report per period the schedule covered, created as if requested at the period's end. */
async function scheduleFired(unit: Unit, schedule: ReportSchedule): Promise<void> {
  for (const run of schedule.runs)
    await unit.tx.reports.insert({
      ...newReport({
        id: unit.random.digits(11),
        merchantId: schedule.merchantId,
        environment: schedule.environment,
        reportType: schedule.reportType,
        startTime: run.start,
        endTime: run.end,
        now: run.end,
      }),
      scheduled: true,
    });
  await unit.tx.reportSchedules.update({ ...schedule, runs: [] });
}

export const disputes: Loader<Dispute> = {
  name: 'Dispute',
  repository: (unit) => unit.tx.disputes,
  settle: expireDispute,
  onChange: disputeChanged,
};

export const loadReport = (unit: Unit, id: string): Promise<Report> => loadWith(reports, unit, id);
export const loadReportSchedule = (unit: Unit, id: string): Promise<ReportSchedule> =>
  loadWith(reportSchedules, unit, id);
export const loadDispute = (unit: Unit, id: string): Promise<Dispute> =>
  loadWith(disputes, unit, id);

export const BACK_OFFICE_LOADERS = [reports, reportSchedules, disputes] as const;
