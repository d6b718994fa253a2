import { createReport } from '../../../app/back-office/create-report.js';
import { getDisbursements } from '../../../app/back-office/get-disbursements.js';
import { getReportDocument } from '../../../app/back-office/get-report-document.js';
import { getReportById, getReports } from '../../../app/back-office/get-reports.js';
import {
  cancelReportSchedule,
  createReportSchedule,
  getReportScheduleById,
  getReportSchedules,
} from '../../../app/back-office/report-schedules.js';
import { parseFrequency } from '../../../domain/report/report-schedule.js';
import { validateBody } from '../request-body.js';
import {
  createReportSchema,
  createReportScheduleSchema,
  listParameter,
  optionalWireTime,
  pageToken,
  parsePageSize,
  parsePageToken,
  parseReportType,
  parseStatuses,
  parseWireTime,
} from '../schemas/back-office-schemas.js';
import {
  serializeDisbursement,
  serializeReport,
  serializeReportSchedule,
} from '../serializers/back-office-serializers.js';
import { json, type V2Route } from '../v2-route.js';

/** Where a report document is downloaded (served by back-office-downloads.ts). */
export const REPORT_DOWNLOAD_PATH = '/documents/reports';

/** Reports, report schedules, report documents (reports.html) and disbursements. */
export const reportRoutes: readonly V2Route[] = [
  {
    method: 'POST',
    url: '/reports',
    idempotency: 'optional',
    async handle(unit, request) {
      const body = validateBody(createReportSchema, request.body);
      const report = await createReport(unit, {
        reportType: parseReportType(body.reportType),
        startTime: parseWireTime(body.startTime, 'startTime'),
        endTime: parseWireTime(body.endTime, 'endTime'),
      });
      return json(201, { reportId: report.id });
    },
  },
  {
    method: 'GET',
    url: '/reports',
    idempotency: 'ignored',
    async handle(unit, { query }) {
      const reportTypes = listParameter(query.reportTypes);
      for (const type of reportTypes ?? []) parseReportType(type, 'reportTypes');
      const limit = parsePageSize(query.pageSize);
      const page = await getReports(unit, {
        reportTypes,
        processingStatuses: parseStatuses(query.processingStatuses),
        createdSince: optionalWireTime(query.createdSince, 'createdSince'),
        createdUntil: optionalWireTime(query.createdUntil, 'createdUntil'),
        offset: parsePageToken(query.nextToken),
        limit,
      });
      return json(200, {
        reports: page.reports.map(serializeReport),
        nextToken: pageToken(page.nextOffset),
      });
    },
  },
  {
    method: 'GET',
    url: '/reports/:reportId',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(200, serializeReport(await getReportById(unit, request.params.reportId ?? '')));
    },
  },
  {
    method: 'GET',
    url: '/report-documents/:reportDocumentId',
    idempotency: 'ignored',
    async handle(unit, request) {
      const document = await getReportDocument(unit, request.params.reportDocumentId ?? '');
      return json(200, {
        reportDocumentId: document.id,
        url: `${request.links.base()}${REPORT_DOWNLOAD_PATH}/${document.id}`,
        compressionAlgorithm: 'N/A',
      });
    },
  },
  {
    method: 'POST',
    url: '/report-schedules',
    idempotency: 'optional',
    async handle(unit, request) {
      const body = validateBody(createReportScheduleSchema, request.body);
      const schedule = await createReportSchedule(unit, {
        reportType: parseReportType(body.reportType),
        scheduleFrequency: parseFrequency(body.scheduleFrequency),
        nextReportCreationTime: optionalWireTime(
          body.nextReportCreationTime,
          'nextReportCreationTime',
        ),
        deleteExistingSchedule: body.deleteExistingSchedule ?? false,
      });
      return json(201, { reportScheduleId: schedule.id });
    },
  },
  {
    method: 'GET',
    url: '/report-schedules',
    idempotency: 'ignored',
    async handle(unit, { query }) {
      const reportTypes = listParameter(query.reportTypes);
      for (const type of reportTypes ?? []) parseReportType(type, 'reportTypes');
      const schedules = await getReportSchedules(unit, reportTypes);
      return json(200, { reportSchedules: schedules.map(serializeReportSchedule) });
    },
  },
  {
    method: 'GET',
    url: '/report-schedules/:reportScheduleId',
    idempotency: 'ignored',
    async handle(unit, request) {
      const schedule = await getReportScheduleById(unit, request.params.reportScheduleId ?? '');
      return json(200, serializeReportSchedule(schedule));
    },
  },
  {
    method: 'DELETE',
    url: '/report-schedules/:reportScheduleId',
    idempotency: 'ignored',
    async handle(unit, request) {
      await cancelReportSchedule(unit, request.params.reportScheduleId ?? '');
      return json(200, {});
    },
  },
  {
    method: 'GET',
    url: '/disbursements',
    idempotency: 'ignored',
    async handle(unit, { query }) {
      const page = await getDisbursements(unit, {
        startTime: parseWireTime(query.startTime, 'startTime'),
        endTime: parseWireTime(query.endTime, 'endTime'),
        offset: parsePageToken(query.nextToken),
        limit: parsePageSize(query.pageSize),
      });
      return json(200, {
        disbursements: page.disbursements.map((d) =>
          serializeDisbursement(unit.scope.merchantId, d),
        ),
        nextToken: pageToken(page.nextOffset),
      });
    },
  },
];
