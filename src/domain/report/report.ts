import type { ReleaseEnvironment } from '../shared/environment.js';
import { TRANSACTION_REPORT_TYPES } from './transaction-reports.js';
import type { TransitionTable } from '../shared/lifecycle.js';
import { SECOND, type Instant } from '../shared/time.js';

/**
 * Report types localpay generates (amazon-pay-api-v2/reports.html, "Enum: ReportTypes"). The
 * settlement report is created by itself for each closed settlement; the sandbox settlement report
 * is requested with Create Report over any time range. Both share one column set
 * (settlement-report-csv.ts). The transaction reports are requested in Live
 * (transaction-reports.ts).
 */
export const REPORT_TYPES = [
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
  '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
  ...TRANSACTION_REPORT_TYPES,
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** Processing states as Amazon spells them (reports.html, "Enum: ProcessingStatus"). */
export const PROCESSING_STATUSES = [
  'IN_QUEUE',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

export const REPORT_TRANSITIONS = {
  IN_QUEUE: ['IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['COMPLETED', 'CANCELLED', 'FAILED'],
  COMPLETED: [],
  CANCELLED: [],
  FAILED: [],
} as const satisfies TransitionTable<ProcessingStatus>;

/** How long a report waits and processes, on the merchant's clock (docs/decisions.md). */
export const QUEUE_TIME = 5 * SECOND;
export const PROCESSING_TIME = 25 * SECOND;

export interface Report {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly reportType: ReportType;
  /** processingStatus; named `state` like every stored aggregate. */
  readonly state: ProcessingStatus;
  readonly startTime: Instant;
  readonly endTime: Instant;
  readonly createdAt: Instant;
  readonly processingStartTime: Instant | null;
  readonly processingEndTime: Instant | null;
  readonly reportDocumentId: string | null;
  /**
   * MWS UpdateReportAcknowledgements (Reports API 2009-01-01): whether the merchant marked the
   * report as received. Absent on reports stored before v1 reports existed, which reads as false.
   */
  readonly acknowledged?: boolean;
  /** Created by a schedule or, for settlement reports, by Amazon itself (MWS `Scheduled`). */
  readonly scheduled?: boolean;
  readonly acknowledgedAt?: Instant | null;
}

export const SETTLEMENT_REPORT_TYPE = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_';

/**
 * An explicit cancellation "before the report starts processing" (reports.html, Enum
 * ProcessingStatus: CANCELLED); MWS CancelReportRequests cancels only _SUBMITTED_ requests.
 */
export const cancelQueuedReport = (report: Report): Report | null =>
  report.state === 'IN_QUEUE' ? { ...report, state: 'CANCELLED' } : null;

export const acknowledgeReport = (report: Report, acknowledged: boolean, now: Instant): Report => ({
  ...report,
  acknowledged,
  acknowledgedAt: acknowledged ? now : null,
});

export function newReport(input: {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly reportType: ReportType;
  readonly startTime: Instant;
  readonly endTime: Instant;
  readonly now: Instant;
}): Report {
  const { now, ...rest } = input;
  return {
    ...rest,
    state: 'IN_QUEUE',
    createdAt: now,
    processingStartTime: null,
    processingEndTime: null,
    reportDocumentId: null,
  };
}

export const reportDueAt = (report: Report): Instant | null => {
  if (report.state === 'IN_QUEUE') return report.createdAt + QUEUE_TIME;
  if (report.state === 'IN_PROGRESS') return report.createdAt + QUEUE_TIME + PROCESSING_TIME;
  return null;
};

/**
 * Moves a report along its timers. Reaching the end of processing yields COMPLETED with a
 * document id; the app writes the document then, and turns a report without rows into CANCELLED
 * ("an automatic cancellation if there is no data to return", reports.html).
 */
export function settleReport(report: Report, now: Instant, documentId: string): Report {
  let next = report;
  if (next.state === 'IN_QUEUE' && now >= next.createdAt + QUEUE_TIME)
    next = { ...next, state: 'IN_PROGRESS', processingStartTime: next.createdAt + QUEUE_TIME };
  const doneAt = next.createdAt + QUEUE_TIME + PROCESSING_TIME;
  if (next.state === 'IN_PROGRESS' && now >= doneAt)
    next = { ...next, state: 'COMPLETED', processingEndTime: doneAt, reportDocumentId: documentId };
  return next;
}

/** No data in the range: cancelled automatically, without a document. */
export const cancelEmptyReport = (report: Report): Report => ({
  ...report,
  state: 'CANCELLED',
  reportDocumentId: null,
});

/** A document id per report, so settling stays a pure function of the report and the clock. */
export const documentIdOf = (reportId: string): string => `${reportId}1`;
