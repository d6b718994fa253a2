import { newReport, type Report, type ReportType } from '../../domain/report/report.js';
import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import type { Instant } from '../../domain/shared/time.js';
import type { Unit } from '../unit-of-work.js';

export interface CreateReportInput {
  readonly reportType: ReportType;
  readonly startTime: Instant;
  readonly endTime: Instant;
}

/**
 * Create Report (amazon-pay-api-v2/reports.html): the settlement report is created by Amazon per
 * settlement ("No scheduling or manual creation possible"); the sandbox settlement report is
 * requested, in Sandbox only, over a past range. It starts IN_QUEUE on the merchant's clock.
 */
export async function createReport(unit: Unit, input: CreateReportInput): Promise<Report> {
  assertRequestable(unit, input.reportType);
  if (input.endTime <= input.startTime)
    throw invalidParameter('endTime', 'it must be later than startTime.');
  if (input.endTime > unit.now) throw invalidParameter('endTime', 'it must not be in the future.');
  const report = newReport({
    id: unit.random.digits(11),
    merchantId: unit.scope.merchantId,
    environment: unit.scope.environment,
    ...input,
    now: unit.now,
  });
  await unit.tx.reports.insert(report);
  return report;
}

/**
 * Which report types a merchant may request or schedule here (reports.html: "Sandbox support only
 * exists for the Sandbox Settlement Report. All other report types are not available in sandbox";
 * the settlement report is never requested; docs/decisions.md).
 */
export function assertRequestable(unit: Unit, reportType: ReportType): void {
  if (reportType === '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_')
    throw new DomainError(
      'InvalidParameterValue',
      'The settlement report is created with each settlement; it cannot be requested or scheduled.',
    );
  const sandboxOnly = reportType === '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_';
  if (sandboxOnly && unit.scope.environment !== 'Sandbox')
    throw new DomainError(
      'InvalidParameterValue',
      `The report type ${reportType} is only available in Sandbox.`,
    );
  if (!sandboxOnly && unit.scope.environment === 'Sandbox')
    throw new DomainError(
      'InvalidParameterValue',
      `The report type ${reportType} is not available in Sandbox; only the sandbox settlement report is.`,
    );
}
