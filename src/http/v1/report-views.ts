import type { AppDependencies, XmlContent } from '../../app/ports.js';
import { getReports } from '../../app/back-office/get-reports.js';
import { inMerchantUnit, type Unit } from '../../app/unit-of-work.js';
import type { Report } from '../../domain/report/report.js';
import type { ReportSchedule, ScheduleFrequency } from '../../domain/report/report-schedule.js';
import { RELEASE_ENVIRONMENTS, type ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DAY, type Instant } from '../../domain/shared/time.js';
import { compareText } from '../../domain/shared/compare-text.js';

/**
 * How the MWS Reports section (API version 2009-01-01) sees the reports the v2 API creates: one
 * store, two wire shapes. A report's ReportRequestId is its v2 reportId; its ReportId (MWS's
 * GeneratedReportId) is its v2 reportDocumentId, which exists once the report is done, as an MWS
 * report does. The section has one endpoint for Sandbox and Live (amazon-payments' Sandbox.Reports
 * and Production.Reports are the same URL), so it lists the merchant's reports of both
 * environments (docs/decisions.md).
 */

/** Each environment's unit in turn, results concatenated. */
export async function inEachEnvironment<T>(
  deps: AppDependencies,
  merchantId: string,
  work: (unit: Unit) => Promise<readonly T[]>,
): Promise<{ readonly items: T[]; readonly now: Instant }> {
  const items: T[] = [];
  let now = 0;
  for (const environment of RELEASE_ENVIRONMENTS)
    await inMerchantUnit(deps, { merchantId, environment }, async (unit) => {
      now = unit.now;
      items.push(...(await work(unit)));
    });
  return { items, now };
}

/** Every report of the merchant, settled on its clock, newest first. */
export async function allReports(
  deps: AppDependencies,
  merchantId: string,
): Promise<{ readonly items: Report[]; readonly now: Instant }> {
  const found = await inEachEnvironment(deps, merchantId, async (unit) => {
    const page = await getReports(unit, {
      reportTypes: null,
      processingStatuses: null,
      createdSince: null,
      createdUntil: null,
      offset: 0,
      limit: Number.MAX_SAFE_INTEGER,
    });
    return page.reports;
  });
  found.items.sort((a, b) => b.createdAt - a.createdAt || compareText(b.id, a.id));
  return found;
}

/** The environment a request for this report type is made in: the sandbox report's own. */
export const environmentOf = (reportType: string): ReleaseEnvironment =>
  reportType === '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_' ? 'Sandbox' : 'Live';

/** "The default is 90 days ago" for RequestedFromDate and AvailableFromDate (Reports API). */
export const DEFAULT_LOOKBACK = 90 * DAY;

export const MWS_PROCESSING_STATUSES = [
  '_SUBMITTED_',
  '_IN_PROGRESS_',
  '_CANCELLED_',
  '_DONE_',
  '_DONE_NO_DATA_',
] as const;
export type MwsProcessingStatus = (typeof MWS_PROCESSING_STATUSES)[number];

/**
 * ReportProcessingStatus: a report cancelled for having no rows (it has a processing end) is
 * _DONE_NO_DATA_; one cancelled before processing is _CANCELLED_. localpay never fails a report.
 */
export function mwsStatusOf(report: Report): MwsProcessingStatus {
  switch (report.state) {
    case 'IN_QUEUE':
      return '_SUBMITTED_';
    case 'IN_PROGRESS':
      return '_IN_PROGRESS_';
    case 'COMPLETED':
      return '_DONE_';
    case 'CANCELLED':
      return report.processingEndTime === null ? '_CANCELLED_' : '_DONE_NO_DATA_';
    case 'FAILED':
      return '_CANCELLED_';
  }
}

/** MWS dates: ISO 8601 in UTC. */
export const mwsDate = (at: Instant | null | undefined): string | null =>
  at === null || at === undefined ? null : new Date(at).toISOString();

/** ReportRequestInfo (GetReportRequestList, RequestReport, CancelReportRequests). */
export const reportRequestInfo = (report: Report): XmlContent => ({
  ReportRequestId: report.id,
  ReportType: report.reportType,
  StartDate: mwsDate(report.startTime),
  EndDate: mwsDate(report.endTime),
  Scheduled: report.scheduled === true,
  SubmittedDate: mwsDate(report.createdAt),
  ReportProcessingStatus: mwsStatusOf(report),
  GeneratedReportId: report.reportDocumentId,
  StartedProcessingDate: mwsDate(report.processingStartTime),
  CompletedDate: mwsDate(report.processingEndTime),
});

/** ReportInfo (GetReportList, UpdateReportAcknowledgements): a done report's document. */
export const reportInfo = (report: Report): XmlContent => ({
  ReportId: report.reportDocumentId,
  ReportType: report.reportType,
  ReportRequestId: report.id,
  AvailableDate: mwsDate(report.processingEndTime),
  Acknowledged: report.acknowledged === true,
  AcknowledgedDate: mwsDate(report.acknowledgedAt),
});

/**
 * The Schedule enumeration of ManageReportSchedule and the v2 scheduleFrequency it stands for.
 * v2 periods without an MWS name (PT5M, PT84H, P18D) are listed with their ISO 8601 name.
 */
export const MWS_SCHEDULES = {
  _15_MINUTES_: 'PT15M',
  _30_MINUTES_: 'PT30M',
  _1_HOUR_: 'PT1H',
  _2_HOURS_: 'PT2H',
  _4_HOURS_: 'PT4H',
  _8_HOURS_: 'PT8H',
  _12_HOURS_: 'PT12H',
  _1_DAY_: 'P1D',
  _2_DAYS_: 'P2D',
  _72_HOURS_: 'P3D',
  _1_WEEK_: 'P7D',
  _14_DAYS_: 'P14D',
  _15_DAYS_: 'P15D',
  _30_DAYS_: 'P30D',
} as const satisfies Record<string, ScheduleFrequency>;

const scheduleName = (frequency: ScheduleFrequency): string =>
  Object.entries(MWS_SCHEDULES).find(([, value]) => value === frequency)?.[0] ?? frequency;

export const reportScheduleInfo = (schedule: ReportSchedule): XmlContent => ({
  ReportType: schedule.reportType,
  Schedule: scheduleName(schedule.scheduleFrequency),
  ScheduledDate: mwsDate(schedule.nextReportCreationTime),
});
