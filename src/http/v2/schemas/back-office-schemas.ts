import { z } from 'zod';
import {
  EVIDENCE_TYPES,
  FILING_REASONS,
  RESOLUTIONS,
  DISPUTE_STATES,
} from '../../../domain/dispute/dispute.js';
import {
  PROCESSING_STATUSES,
  REPORT_TYPES,
  type ProcessingStatus,
  type ReportType,
} from '../../../domain/report/report.js';
import { invalidParameter, missingParameter } from '../../../domain/shared/errors.js';
import type { Instant } from '../../../domain/shared/time.js';
import { booleanSchema, priceSchema } from './common-schemas.js';

/** Request shapes of the back-office operations (reports.html, dispute.html, files, disbursements). */

const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const DASHED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/;

/**
 * Times arrive as the v2 compact form (20230618T150630Z, the SDK samples), as ISO 8601, or as the
 * dashed form of the disbursements page's example (2022-08-04T00-00-00Z).
 */
export function parseWireTime(value: unknown, field: string): Instant {
  if (value === undefined || value === null || value === '') throw missingParameter(field);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value !== 'string') throw invalidParameter(field, 'it must be a date and time.');
  const parts = COMPACT.exec(value) ?? DASHED.exec(value);
  const at = parts
    ? Date.UTC(+parts[1]!, +parts[2]! - 1, +parts[3]!, +parts[4]!, +parts[5]!, +parts[6]!)
    : /^\d{4}-\d{2}-\d{2}T/.test(value)
      ? Date.parse(value)
      : Number.NaN;
  if (!Number.isFinite(at))
    throw invalidParameter(
      field,
      `'${value}' is not a date and time (use 20230618T150630Z or ISO 8601).`,
    );
  return at;
}

export const optionalWireTime = (value: unknown, field: string): Instant | null =>
  value === undefined || value === null || value === '' ? null : parseWireTime(value, field);

export function parseReportType(value: unknown, field = 'reportType'): ReportType {
  if (value === undefined || value === null || value === '') throw missingParameter(field);
  if ((REPORT_TYPES as readonly unknown[]).includes(value)) return value as ReportType;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  throw invalidParameter(field, `'${text}' is not a report type.`);
}

/** Comma-separated lists, as the SDK joins arrays (reportTypes, processingStatuses). */
export const listParameter = (value: string | undefined): string[] | null =>
  value === undefined || value === '' ? null : value.split(',').map((item) => item.trim());

export function parseStatuses(value: string | undefined): ProcessingStatus[] | null {
  const list = listParameter(value);
  if (list === null) return null;
  for (const status of list)
    if (!(PROCESSING_STATUSES as readonly string[]).includes(status))
      throw invalidParameter('processingStatuses', `'${status}' is not a processing status.`);
  return list as ProcessingStatus[];
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

export function parsePageSize(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PAGE_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw invalidParameter('pageSize', `it must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  return size;
}

/** nextToken: an opaque token for the offset of the next page. */
export const pageToken = (offset: number | null): string | null =>
  offset === null ? null : Buffer.from(`offset:${offset}`).toString('base64url');

export function parsePageToken(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw invalidParameter('nextToken', 'it is not a token this API returned.');
  return Number(match[1]);
}

export const createReportSchema = z.strictObject({
  reportType: z.unknown(),
  startTime: z.unknown(),
  endTime: z.unknown(),
});

export const createReportScheduleSchema = z.strictObject({
  reportType: z.unknown(),
  scheduleFrequency: z.unknown(),
  nextReportCreationTime: z.unknown().optional(),
  deleteExistingSchedule: booleanSchema.optional(),
});

const evidenceSchema = z.strictObject({
  evidenceType: z.enum(EVIDENCE_TYPES),
  fileId: z.string().min(1).nullish(),
  evidenceText: z.string().max(10_000).nullish(),
});

export const contestDisputeSchema = z.strictObject({
  merchantEvidences: z.array(evidenceSchema).min(1, 'at least one evidence is required'),
});

export const createDisputeSchema = z.strictObject({
  chargeId: z.string().min(1),
  providerMetadata: z.strictObject({ providerDisputeId: z.string().min(1) }),
  disputeAmount: priceSchema,
  filingReason: z.enum(FILING_REASONS),
  filingTimestamp: z.union([z.string(), z.number()]).optional(),
  statusDetails: z.strictObject({ state: z.enum(DISPUTE_STATES) }).optional(),
  merchantResponseDeadline: z.union([z.string(), z.number()]).optional(),
});

export const updateDisputeSchema = z.strictObject({
  statusDetails: z.strictObject({
    state: z.enum(DISPUTE_STATES),
    resolution: z.enum(RESOLUTIONS).nullish(),
    reasonCode: z.string().max(256).nullish(),
    reasonDescription: z.string().max(1024).nullish(),
  }),
  closureTimestamp: z.union([z.string(), z.number()]).nullish(),
});

export const uploadFileSchema = z.strictObject({
  type: z.string().min(1),
  purpose: z.string().min(1),
});
