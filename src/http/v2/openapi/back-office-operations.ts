import {
  contestDisputeSchema,
  createDisputeSchema,
  createReportScheduleSchema,
  createReportSchema,
  updateDisputeSchema,
  uploadFileSchema,
} from '../schemas/back-office-schemas.js';
import type { V2OperationDoc } from './v2-operations.js';

/**
 * The OpenAPI entries of the back-office routes (issue 12: reports, disbursements, disputes and
 * files), spread into V2_OPERATION_DOCS. operationIds are the official SDKs' method names.
 */
const REPORTS = 'Reports';
const DISPUTES = 'Disputes';

export const BACK_OFFICE_OPERATION_DOCS: Readonly<Record<string, V2OperationDoc>> = {
  'POST /reports': {
    operationId: 'createReport',
    summary: 'Request a report for a period (processed on the merchant clock)',
    tag: REPORTS,
    responses: { '201': '{ reportId }' },
    body: createReportSchema,
  },
  'GET /reports': {
    operationId: 'getReports',
    summary:
      'List reports (query: reportTypes, processingStatuses, createdSince, createdUntil, pageSize, nextToken)',
    tag: REPORTS,
    responses: { '200': '{ reports, nextToken }' },
  },
  'GET /reports/:reportId': {
    operationId: 'getReportById',
    summary: 'Get a report',
    tag: REPORTS,
    responses: { '200': 'The report' },
  },
  'GET /report-documents/:reportDocumentId': {
    operationId: 'getReportDocument',
    summary: "Get a report document's download URL",
    tag: REPORTS,
    responses: { '200': '{ reportDocumentId, url }' },
  },
  'POST /report-schedules': {
    operationId: 'createReportSchedule',
    summary: 'Schedule a report type at a period',
    tag: REPORTS,
    responses: { '201': '{ reportScheduleId }' },
    body: createReportScheduleSchema,
  },
  'GET /report-schedules': {
    operationId: 'getReportSchedules',
    summary: 'List report schedules (query: reportTypes)',
    tag: REPORTS,
    responses: { '200': '{ reportSchedules }' },
  },
  'GET /report-schedules/:reportScheduleId': {
    operationId: 'getReportScheduleById',
    summary: 'Get a report schedule',
    tag: REPORTS,
    responses: { '200': 'The report schedule' },
  },
  'DELETE /report-schedules/:reportScheduleId': {
    operationId: 'cancelReportSchedule',
    summary: 'Cancel a report schedule',
    tag: REPORTS,
    responses: { '200': 'Canceled' },
  },
  'GET /disbursements': {
    operationId: 'getDisbursements',
    summary: 'List disbursements in a time range (query: startTime, endTime, pageSize, nextToken)',
    tag: REPORTS,
    responses: { '200': '{ disbursements, nextToken }' },
  },
  'POST /disputes': {
    operationId: 'createDispute',
    summary: 'Open a dispute on a captured charge (payment service providers)',
    tag: DISPUTES,
    responses: { '200': 'The dispute' },
    body: createDisputeSchema,
  },
  'GET /disputes/:disputeId': {
    operationId: 'getDispute',
    summary: 'Get a dispute',
    tag: DISPUTES,
    responses: { '200': 'The dispute' },
  },
  'PATCH /disputes/:disputeId': {
    operationId: 'updateDispute',
    summary: 'Update a dispute',
    tag: DISPUTES,
    responses: { '200': 'The dispute' },
    body: updateDisputeSchema,
  },
  'POST /disputes/:disputeId/contest': {
    operationId: 'contestDispute',
    summary: "Contest a dispute with the merchant's evidence",
    tag: DISPUTES,
    responses: { '200': 'The dispute' },
    body: contestDisputeSchema,
  },
  'POST /files': {
    operationId: 'uploadFile',
    summary: 'Register an evidence file; answers where to PUT its bytes',
    tag: DISPUTES,
    responses: { '200': '{ fileId, uploadUrl }' },
    body: uploadFileSchema,
  },
};
