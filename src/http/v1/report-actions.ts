import type { AppDependencies, XmlContent } from '../../app/ports.js';
import { createReport } from '../../app/back-office/create-report.js';
import { getReportDocument } from '../../app/back-office/get-report-document.js';
import { acknowledgeReports, cancelReports } from '../../app/back-office/report-requests.js';
import {
  cancelReportSchedule,
  createReportSchedule,
  getReportSchedules,
} from '../../app/back-office/report-schedules.js';
import { inMerchantUnit, type Unit } from '../../app/unit-of-work.js';
import { REPORT_TYPES, type Report } from '../../domain/report/report.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import { DAY, type Instant } from '../../domain/shared/time.js';
import { parseReportType } from '../v2/schemas/back-office-schemas.js';
import { MwsTransportError } from './mws-errors.js';
import type { MwsParams } from './mws-params.js';
import { decodeToken, page, type ListingKind } from './report-list-tokens.js';
import {
  allReports,
  DEFAULT_LOOKBACK,
  environmentOf,
  inEachEnvironment,
  MWS_PROCESSING_STATUSES,
  MWS_SCHEDULES,
  mwsStatusOf,
  reportInfo,
  reportRequestInfo,
  reportScheduleInfo,
} from './report-views.js';

/**
 * The MWS Reports API actions amazon-payments exposes (lib/reports.js, version 2009-01-01), over
 * the reports the v2 API creates (report-views.ts for the mapping). An action answers its Result
 * content, or GetReport's raw document.
 */
export type ReportAnswer =
  | { readonly kind: 'xml'; readonly result: XmlContent }
  | { readonly kind: 'document'; readonly content: string };

export interface ReportActionContext {
  readonly deps: AppDependencies;
  readonly merchantId: string;
  readonly params: MwsParams;
}

type ReportAction = (context: ReportActionContext) => Promise<ReportAnswer>;

const xml = (result: XmlContent): ReportAnswer => ({ kind: 'xml', result });

const KNOWN_TYPES: readonly string[] = REPORT_TYPES;

/** ReportTypeList.Type.n: the Amazon Pay report types. */
function typeList(params: MwsParams): string[] | null {
  const types = params.list('ReportTypeList.Type') ?? null;
  for (const type of types ?? [])
    if (!KNOWN_TYPES.includes(type))
      throw invalidParameter('ReportTypeList.Type', `'${type}' is not a report type.`);
  return types;
}

function statusList(params: MwsParams): string[] | null {
  const statuses = params.list('ReportProcessingStatusList.Status') ?? null;
  for (const status of statuses ?? [])
    if (!(MWS_PROCESSING_STATUSES as readonly string[]).includes(status))
      throw invalidParameter(
        'ReportProcessingStatusList.Status',
        `'${status}' is not one of ${MWS_PROCESSING_STATUSES.join(', ')}.`,
      );
  return statuses;
}

function dateParam(params: MwsParams, name: string): Instant | null {
  const value = params.optional(name);
  if (value === null) return null;
  const at = /^\d{4}-\d{2}-\d{2}(T|$)/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(at)) throw invalidParameter(name, `'${value}' is not an ISO 8601 date.`);
  return at;
}

/** MaxCount: "1 to 100, default 10" (GetReportRequestList, GetReportList). */
function maxCount(params: MwsParams): number {
  const max = params.integer('MaxCount', 10);
  if (max < 1 || max > 100) throw invalidParameter('MaxCount', 'it must be from 1 to 100.');
  return max;
}

/** "If you pass in ReportRequestId values, other query conditions are ignored." */
function requestMatcher(params: MwsParams, now: Instant): (report: Report) => boolean {
  const ids = params.list('ReportRequestIdList.Id') ?? null;
  const types = typeList(params);
  const statuses = statusList(params);
  const from = dateParam(params, 'RequestedFromDate') ?? now - DEFAULT_LOOKBACK;
  const to = dateParam(params, 'RequestedToDate') ?? now;
  return (report) =>
    ids !== null
      ? ids.includes(report.id)
      : (types === null || types.includes(report.reportType)) &&
        (statuses === null || statuses.includes(mwsStatusOf(report))) &&
        report.createdAt >= from &&
        report.createdAt <= to;
}

/** GetReportList lists done reports, by the time they became available. */
function reportMatcher(params: MwsParams, now: Instant): (report: Report) => boolean {
  const ids = params.list('ReportRequestIdList.Id') ?? null;
  const types = typeList(params);
  const acknowledged =
    params.optional('Acknowledged') === null ? null : params.boolean('Acknowledged', false);
  const from = dateParam(params, 'AvailableFromDate') ?? now - DEFAULT_LOOKBACK;
  const to = dateParam(params, 'AvailableToDate') ?? now;
  return (report) => {
    if (report.state !== 'COMPLETED' || report.reportDocumentId === null) return false;
    if (ids !== null) return ids.includes(report.id);
    const available = report.processingEndTime ?? report.createdAt;
    return (
      (types === null || types.includes(report.reportType)) &&
      (acknowledged === null || (report.acknowledged === true) === acknowledged) &&
      available >= from &&
      available <= to
    );
  };
}

const REQUEST_FILTER = [
  'ReportRequestIdList',
  'ReportTypeList',
  'ReportProcessingStatusList',
  'RequestedFromDate',
  'RequestedToDate',
  'MaxCount',
];
const REPORT_FILTER = [
  'ReportRequestIdList',
  'ReportTypeList',
  'Acknowledged',
  'AvailableFromDate',
  'AvailableToDate',
  'MaxCount',
];

interface Listing {
  readonly kind: ListingKind;
  readonly fields: readonly string[];
  readonly matcher: (params: MwsParams, now: Instant) => (report: Report) => boolean;
  readonly element: 'ReportRequestInfo' | 'ReportInfo';
  readonly info: (report: Report) => XmlContent;
}

const REQUESTS: Listing = {
  kind: 'ReportRequestList',
  fields: REQUEST_FILTER,
  matcher: requestMatcher,
  element: 'ReportRequestInfo',
  info: reportRequestInfo,
};
const REPORTS: Listing = {
  kind: 'ReportList',
  fields: REPORT_FILTER,
  matcher: reportMatcher,
  element: 'ReportInfo',
  info: reportInfo,
};

async function matching(
  listing: Listing,
  { deps, merchantId }: ReportActionContext,
  filter: MwsParams,
): Promise<Report[]> {
  const { items, now } = await allReports(deps, merchantId);
  return items.filter(listing.matcher(filter, now));
}

async function listPage(
  listing: Listing,
  context: ReportActionContext,
  filter: MwsParams,
  offset: number,
): Promise<ReportAnswer> {
  const max = maxCount(filter);
  const found = await matching(listing, context, filter);
  const shown = page(found, listing.kind, filter.pick(listing.fields), offset, max);
  return xml({
    NextToken: shown.next,
    HasNext: shown.next !== null,
    [listing.element]: shown.items.map(listing.info),
  });
}

const list =
  (listing: Listing): ReportAction =>
  (context) =>
    listPage(listing, context, context.params, 0);

const listNext =
  (listing: Listing): ReportAction =>
  (context) => {
    const { filter, offset } = decodeToken(context.params, listing.kind);
    return listPage(listing, context, filter, offset);
  };

const count =
  (listing: Listing): ReportAction =>
  async (context) =>
    xml({ Count: (await matching(listing, context, context.params)).length });

/** Runs `work` on each environment's share of `reports`, in that environment's transaction. */
async function perEnvironment(
  context: ReportActionContext,
  reports: readonly Report[],
  work: (unit: Unit, ids: string[]) => Promise<Report[]>,
): Promise<Report[]> {
  const done: Report[] = [];
  for (const environment of ['Sandbox', 'Live'] as const satisfies ReleaseEnvironment[]) {
    const ids = reports.filter((r) => r.environment === environment).map((r) => r.id);
    if (ids.length === 0) continue;
    done.push(
      ...(await inMerchantUnit(
        context.deps,
        { merchantId: context.merchantId, environment },
        (unit) => work(unit, ids),
      )),
    );
  }
  return done;
}

/**
 * RequestReport: the v2 Create Report in the report type's environment (the sandbox settlement
 * report in Sandbox; the settlement report is refused, as it cannot be requested). EndDate
 * defaults to now; StartDate to 30 days before EndDate, the settlement report's longest range
 * (docs/decisions.md).
 */
const requestReport: ReportAction = async ({ deps, merchantId, params }) => {
  const reportType = parseReportType(params.required('ReportType'), 'ReportType');
  const endDate = dateParam(params, 'EndDate');
  const startDate = dateParam(params, 'StartDate');
  const report = await inMerchantUnit(
    deps,
    { merchantId, environment: environmentOf(reportType) },
    (unit) => {
      const endTime = endDate ?? unit.now;
      return createReport(unit, {
        reportType,
        startTime: startDate ?? endTime - 30 * DAY,
        endTime,
      });
    },
  );
  return xml({ ReportRequestInfo: reportRequestInfo(report) });
};

/** CancelReportRequests: the matching requests still _SUBMITTED_ are cancelled. */
const cancelReportRequests: ReportAction = async (context) => {
  const found = await matching(REQUESTS, context, context.params);
  const cancelled = await perEnvironment(
    context,
    found.filter((r) => r.state === 'IN_QUEUE'),
    cancelReports,
  );
  return xml({ Count: cancelled.length, ReportRequestInfo: cancelled.map(reportRequestInfo) });
};

/** The done reports whose ReportId (document id) is in `ids`; an unknown id is refused. */
async function reportsById(
  context: ReportActionContext,
  ids: readonly string[],
): Promise<Report[]> {
  const { items } = await allReports(context.deps, context.merchantId);
  return ids.map((id) => {
    const report = items.find((r) => r.reportDocumentId === id);
    if (report === undefined)
      throw invalidParameter('ReportId', `${id} is not a report of this seller.`);
    return report;
  });
}

/** GetReport: the report's content as generated, not XML. */
const getReport: ReportAction = async (context) => {
  const [report] = await reportsById(context, [context.params.required('ReportId')]);
  const document = await inMerchantUnit(
    context.deps,
    { merchantId: context.merchantId, environment: (report as Report).environment },
    (unit) => getReportDocument(unit, (report as Report).reportDocumentId ?? ''),
  );
  return { kind: 'document', content: document.content };
};

/** UpdateReportAcknowledgements: ReportIdList.Id.n (1 to 100); Acknowledged defaults to true. */
const updateReportAcknowledgements: ReportAction = async (context) => {
  const ids = context.params.list('ReportIdList.Id');
  if (ids === undefined)
    throw new MwsTransportError(
      'MissingParameter',
      'The request must contain the parameter ReportIdList.Id.1.',
    );
  if (ids.length > 100) throw invalidParameter('ReportIdList', 'it takes at most 100 ids.');
  const acknowledged = context.params.boolean('Acknowledged', true);
  const reports = await reportsById(context, ids);
  const updated = await perEnvironment(context, reports, (unit, reportIds) =>
    acknowledgeReports(unit, reportIds, acknowledged),
  );
  return xml({ Count: updated.length, ReportInfo: updated.map(reportInfo) });
};

/**
 * ManageReportSchedule: creates or replaces the type's schedule (v2 Create Report Schedule with
 * deleteExistingSchedule); `_NEVER_` deletes it.
 */
const manageReportSchedule: ReportAction = async ({ deps, merchantId, params }) => {
  const reportType = parseReportType(params.required('ReportType'), 'ReportType');
  const schedule = params.required('Schedule');
  const scheduledDate = dateParam(params, 'ScheduleDate');
  if (schedule !== '_NEVER_' && !Object.hasOwn(MWS_SCHEDULES, schedule))
    throw invalidParameter(
      'Schedule',
      `'${schedule}' is not one of ${[...Object.keys(MWS_SCHEDULES), '_NEVER_'].join(', ')}.`,
    );
  return inMerchantUnit(
    deps,
    { merchantId, environment: environmentOf(reportType) },
    async (unit) => {
      if (schedule === '_NEVER_') {
        const existing = await getReportSchedules(unit, [reportType]);
        for (const one of existing) await cancelReportSchedule(unit, one.id);
        return xml({
          Count: existing.length,
          ReportSchedule: existing.map((one) => ({
            ...reportScheduleInfo(one),
            Schedule: '_NEVER_',
          })),
        });
      }
      const created = await createReportSchedule(unit, {
        reportType,
        scheduleFrequency: MWS_SCHEDULES[schedule as keyof typeof MWS_SCHEDULES],
        nextReportCreationTime: scheduledDate,
        deleteExistingSchedule: true,
      });
      return xml({ Count: 1, ReportSchedule: reportScheduleInfo(created) });
    },
  );
};

async function schedules(context: ReportActionContext) {
  const types = typeList(context.params);
  const { items } = await inEachEnvironment(context.deps, context.merchantId, (unit) =>
    getReportSchedules(unit, types),
  );
  return items;
}

/** GetReportScheduleList returns every schedule at once: HasNext is always false. */
const getReportScheduleList: ReportAction = async (context) =>
  xml({ HasNext: false, ReportSchedule: (await schedules(context)).map(reportScheduleInfo) });

/** "Currently this operation can never be called": no listing of schedules issues a NextToken. */
const getReportScheduleListByNextToken: ReportAction = ({ params }) => {
  const token = params.required('NextToken');
  throw new DomainError(
    'InvalidParameterValue',
    `NextToken ${token} is not a token that GetReportScheduleList issued; it returns every schedule at once.`,
  );
};

export const REPORT_ACTIONS: ReadonlyMap<string, ReportAction> = new Map(
  Object.entries({
    RequestReport: requestReport,
    GetReportRequestList: list(REQUESTS),
    GetReportRequestListByNextToken: listNext(REQUESTS),
    GetReportRequestCount: count(REQUESTS),
    CancelReportRequests: cancelReportRequests,
    GetReportList: list(REPORTS),
    GetReportListByNextToken: listNext(REPORTS),
    GetReportCount: count(REPORTS),
    GetReport: getReport,
    ManageReportSchedule: manageReportSchedule,
    GetReportScheduleList: getReportScheduleList,
    GetReportScheduleListByNextToken: getReportScheduleListByNextToken,
    GetReportScheduleCount: async (context) => xml({ Count: (await schedules(context)).length }),
    UpdateReportAcknowledgements: updateReportAcknowledgements,
  }),
);
