import type { Dispute } from '../../../domain/dispute/dispute.js';
import type { Disbursement } from '../../../domain/ledger/settlement.js';
import type { Report } from '../../../domain/report/report.js';
import type { ReportSchedule } from '../../../domain/report/report-schedule.js';
import { formatAmount, money } from '../../../domain/shared/money.js';
import type { EvidenceFile } from '../../../app/back-office/back-office-ports.js';
import { UPLOAD_URL_LIFETIME } from '../../../app/back-office/evidence-files.js';
import { optionalTimestamp, price, timestamp } from '../wire-format.js';

/** Report object, keys in the order of the Node SDK's own test (tst/webStoreClientTest.js). */
export const serializeReport = (report: Report): Record<string, unknown> => ({
  createdTime: timestamp(report.createdAt),
  endTime: timestamp(report.endTime),
  processingEndTime: optionalTimestamp(report.processingEndTime),
  processingStartTime: optionalTimestamp(report.processingStartTime),
  processingStatus: report.state,
  reportDocumentId: report.reportDocumentId,
  reportId: report.id,
  reportType: report.reportType,
  startTime: timestamp(report.startTime),
});

export const serializeReportSchedule = (schedule: ReportSchedule): Record<string, unknown> => ({
  nextReportCreationTime: timestamp(schedule.nextReportCreationTime),
  reportScheduleId: schedule.id,
  reportType: schedule.reportType,
  scheduleFrequency: schedule.scheduleFrequency,
});

/** Disbursement, as on request-disbursement-details.html (transactionTime in ISO 8601). */
export const serializeDisbursement = (
  sellerId: string,
  disbursement: Disbursement,
): Record<string, unknown> => ({
  sellerId,
  settlementId: disbursement.settlementId,
  amazonDisbursementReferenceId: disbursement.amazonDisbursementReferenceId,
  amount: formatAmount(money(disbursement.amountMinor, disbursement.currency)),
  currencyCode: disbursement.currency,
  transactionTime: new Date(disbursement.transactionTime).toISOString(),
});

/** Dispute object (amazon-pay-api-v2/dispute.html). */
export const serializeDispute = (dispute: Dispute): Record<string, unknown> => ({
  disputeId: dispute.id,
  chargeId: dispute.chargeId,
  disputeType: dispute.disputeType,
  disputeAmount: price(dispute.disputeAmount),
  filingReason: dispute.filingReason,
  statusDetails: {
    state: dispute.statusDetails.state,
    reasonCode: dispute.statusDetails.reasonCode,
    reasonDescription: dispute.statusDetails.reasonDescription,
    resolution: dispute.statusDetails.resolution,
    lastUpdatedTimestamp: timestamp(dispute.statusDetails.lastUpdatedTimestamp),
  },
  merchantEvidences: dispute.merchantEvidences.map((evidence) => ({ ...evidence })),
  merchantResponseDeadline: timestamp(dispute.merchantResponseDeadline),
  resolutionAuthority: dispute.resolutionAuthority,
  creationTimestamp: timestamp(dispute.createdAt),
  closureTimestamp: optionalTimestamp(dispute.closureTimestamp),
  releaseEnvironment: dispute.environment,
});

/** File object: the keys the Node SDK's test checks (id, type, purpose, url, size, …). */
export const serializeFile = (file: EvidenceFile, uploadUrl: string): Record<string, unknown> => ({
  id: file.id,
  type: file.type,
  purpose: file.purpose,
  url: uploadUrl,
  size: file.size,
  uploadTimestamp: optionalTimestamp(file.uploadedAt),
  urlExpirationTimestamp: timestamp(file.createdAt + UPLOAD_URL_LIFETIME),
});
