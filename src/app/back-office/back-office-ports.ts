/**
 * What the back-office operations need from the store (DESIGN.md §8): the ledger, fee schedules,
 * reports, their schedules and documents, disputes and evidence files.
 */
import type { Dispute } from '../../domain/dispute/dispute.js';
import type { FeeSchedule } from '../../domain/ledger/fee-schedule.js';
import type { LedgerEntry } from '../../domain/ledger/ledger-entry.js';
import type { ProcessingStatus, Report } from '../../domain/report/report.js';
import type { ReportSchedule } from '../../domain/report/report-schedule.js';
import type { Instant } from '../../domain/shared/time.js';
import type { AggregateRepository, Scope } from '../ports.js';

export interface TimeRange {
  readonly from: Instant;
  /** Exclusive. */
  readonly to: Instant;
}

export interface LedgerRepository {
  add(entry: LedgerEntry): Promise<void>;
  /** This scope's entries posted in [from, to), in posting order. */
  list(scope: Scope, range: TimeRange): Promise<LedgerEntry[]>;
  /**
   * At most `limit` of those entries, the ones after `after` in posting order (postedAt, then id):
   * a reader of a range that grows with the store walks it page by page, in bounded memory.
   */
  page(
    scope: Scope,
    range: TimeRange,
    after: LedgerPosition | null,
    limit: number,
  ): Promise<LedgerEntry[]>;
}

/** Where a ledger page ended: its last entry's place in posting order. */
export interface LedgerPosition {
  readonly postedAt: Instant;
  readonly id: string;
}

export interface FeeScheduleRepository {
  find(merchantId: string): Promise<FeeSchedule | undefined>;
  put(merchantId: string, schedule: FeeSchedule, at: Instant): Promise<void>;
}

export interface ReportFilter {
  readonly reportTypes: readonly string[] | null;
  readonly processingStatuses: readonly ProcessingStatus[] | null;
  readonly createdSince: Instant | null;
  readonly createdUntil: Instant | null;
  readonly offset: number;
  readonly limit: number;
}

export interface ReportRepository extends AggregateRepository<Report> {
  /** Newest first; ids only, so the caller loads (and settles) each. */
  listIds(scope: Scope, filter: ReportFilter): Promise<string[]>;
}

export interface ReportScheduleRepository extends AggregateRepository<ReportSchedule> {
  listIds(scope: Scope, reportTypes: readonly string[] | null): Promise<string[]>;
}

export interface ReportDocument {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: Scope['environment'];
  readonly content: string;
  readonly createdAt: Instant;
}

export interface ReportDocumentRepository {
  insert(document: ReportDocument): Promise<void>;
  find(scope: Scope, id: string): Promise<ReportDocument | undefined>;
  /** For the download URL, which carries only the (unguessable) id. */
  findById(id: string): Promise<ReportDocument | undefined>;
}

export interface DisputeRepository extends AggregateRepository<Dispute> {
  listByCharge(scope: Scope, chargeId: string): Promise<Dispute[]>;
}

/** An evidence file created by POST /v2/files; its bytes arrive with a PUT to its upload URL. */
export interface EvidenceFile {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: Scope['environment'];
  readonly type: string;
  readonly purpose: string;
  readonly size: number;
  readonly uploadedAt: Instant | null;
  readonly createdAt: Instant;
}

export interface EvidenceFileRepository {
  insert(file: EvidenceFile): Promise<void>;
  find(scope: Scope, id: string): Promise<EvidenceFile | undefined>;
  findById(id: string): Promise<EvidenceFile | undefined>;
  upload(file: EvidenceFile, contentBase64: string): Promise<void>;
}

/** ListOrderReference's query: a scope's order reference ids created in a range, by creation time. */
export interface OrderReferenceListing {
  listIds(scope: Scope, range: TimeRange, order: 'Ascending' | 'Descending'): Promise<string[]>;
}

export interface BackOfficeRepositories {
  readonly orderReferenceListing: OrderReferenceListing;
  readonly ledger: LedgerRepository;
  readonly feeSchedules: FeeScheduleRepository;
  readonly reports: ReportRepository;
  readonly reportSchedules: ReportScheduleRepository;
  readonly reportDocuments: ReportDocumentRepository;
  readonly disputes: DisputeRepository;
  readonly evidenceFiles: EvidenceFileRepository;
}
