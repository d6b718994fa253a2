/**
 * The back-office repositories (app/back-office/back-office-ports.ts): ledger rows and documents
 * are plain rows, reports, schedules and disputes reuse the generic aggregate repository.
 */
import type { Kysely } from 'kysely';
import type {
  DisputeRepository,
  EvidenceFile,
  EvidenceFileRepository,
  FeeScheduleRepository,
  LedgerPosition,
  LedgerRepository,
  OrderReferenceListing,
  ReportDocument,
  ReportDocumentRepository,
  ReportFilter,
  ReportRepository,
  ReportScheduleRepository,
  TimeRange,
} from '../app/back-office/back-office-ports.js';
import type { Scope } from '../app/ports.js';
import { disputeDueAt, type Dispute } from '../domain/dispute/dispute.js';
import type { FeeSchedule } from '../domain/ledger/fee-schedule.js';
import type { LedgerEntry } from '../domain/ledger/ledger-entry.js';
import { reportDueAt, type Report } from '../domain/report/report.js';
import { scheduleDueAt, type ReportSchedule } from '../domain/report/report-schedule.js';
import type { Instant } from '../domain/shared/time.js';
import { SqlAggregateRepository, type AggregateSpec } from './aggregate-repository.js';
import { documentColumn, environmentColumn } from './row-values.js';
import type { Database } from './schema.js';
import type { SqlRunner } from './sql-runner.js';
import { statement } from './statements.js';
import { insertOrThrowUnique, runInsertOrThrowUnique } from './unique-violation.js';

export const REPORTS: AggregateSpec<Report> = {
  table: 'reports',
  label: 'Report',
  dueAt: reportDueAt,
};
export const REPORT_SCHEDULES: AggregateSpec<ReportSchedule> = {
  table: 'report_schedules',
  label: 'Report Schedule',
  dueAt: scheduleDueAt,
};
export const DISPUTES: AggregateSpec<Dispute> = {
  table: 'disputes',
  label: 'Dispute',
  dueAt: disputeDueAt,
};

/** A row found by its id alone reads as missing to another merchant or environment. */
const inScope = <T extends { readonly merchantId: string; readonly environment: string }>(
  scope: Scope,
  found: T | undefined,
): T | undefined =>
  found?.merchantId === scope.merchantId && found.environment === scope.environment
    ? found
    : undefined;

/** Compiled once (statements.ts): a Create Charge that captures posts one entry. */
const addLedgerEntry = statement(
  'ledger_entries.add',
  (
    db,
    args: {
      readonly id: string;
      readonly merchant_id: string;
      readonly environment: string;
      readonly posted_at: number;
      readonly data: string;
    },
  ) =>
    db
      .insertInto('ledger_entries')
      .values({
        id: args.id,
        merchant_id: args.merchant_id,
        environment: args.environment,
        posted_at: args.posted_at,
        data: args.data,
      })
      .onConflict((conflict) => conflict.doNothing()),
);

/** The merchant's own fee schedule, read by every posting. */
const findFeeSchedule = statement(
  'fee_schedules.find',
  (db, args: { readonly merchantId: string }) =>
    db.selectFrom('fee_schedules').select('data').where('merchant_id', '=', args.merchantId),
);

class SqlLedgerRepository implements LedgerRepository {
  private readonly db: Kysely<Database>;

  constructor(private readonly runner: SqlRunner) {
    this.db = runner.db;
  }

  async add(entry: LedgerEntry): Promise<void> {
    await runInsertOrThrowUnique(`Ledger entry ${entry.id}`, () =>
      this.runner.run(addLedgerEntry, {
        id: entry.id,
        merchant_id: entry.merchantId,
        environment: entry.environment,
        posted_at: entry.postedAt,
        data: JSON.stringify(entry),
      }),
    );
  }

  /** Served by ledger_entries_period_idx (merchant_id, environment, posted_at). */
  async list(scope: Scope, range: TimeRange): Promise<LedgerEntry[]> {
    const rows = await this.inRange(scope, range, range.from).execute();
    return rows.map((row) => documentColumn<LedgerEntry>(row.data));
  }

  /**
   * The same index, entered at the previous page's last posting time: the range stays bounded on
   * the index's posted_at, and the entries that share that time are told apart by id (SQLite sorts
   * only those ties, "USE TEMP B-TREE FOR LAST TERM OF ORDER BY", a handful of rows).
   */
  async page(
    scope: Scope,
    range: TimeRange,
    after: LedgerPosition | null,
    limit: number,
  ): Promise<LedgerEntry[]> {
    let query = this.inRange(scope, range, Math.max(range.from, after?.postedAt ?? range.from));
    if (after !== null)
      query = query.where((eb) =>
        eb.or([eb('posted_at', '>', after.postedAt), eb('id', '>', after.id)]),
      );
    const rows = await query.limit(limit).execute();
    return rows.map((row) => documentColumn<LedgerEntry>(row.data));
  }

  private inRange(scope: Scope, range: TimeRange, from: Instant) {
    return this.db
      .selectFrom('ledger_entries')
      .select('data')
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .where('posted_at', '>=', from)
      .where('posted_at', '<', range.to)
      .orderBy('posted_at')
      .orderBy('id');
  }
}

class SqlFeeScheduleRepository implements FeeScheduleRepository {
  private readonly db: Kysely<Database>;

  constructor(private readonly runner: SqlRunner) {
    this.db = runner.db;
  }

  async find(merchantId: string): Promise<FeeSchedule | undefined> {
    const row = await this.runner.first(findFeeSchedule, { merchantId });
    return row === undefined ? undefined : documentColumn<FeeSchedule>(row.data);
  }

  async put(merchantId: string, schedule: FeeSchedule, at: Instant): Promise<void> {
    const data = JSON.stringify(schedule);
    await this.db
      .insertInto('fee_schedules')
      .values({ merchant_id: merchantId, data, updated_at: at })
      .onConflict((conflict) =>
        conflict.column('merchant_id').doUpdateSet({ data, updated_at: at }),
      )
      .execute();
  }
}

class SqlReportRepository extends SqlAggregateRepository<Report> implements ReportRepository {
  /** Served by reports_listing_idx (merchant_id, environment, created_at). */
  async listIds(scope: Scope, filter: ReportFilter): Promise<string[]> {
    let query = this.db
      .selectFrom('reports')
      .select('id')
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment);
    if (filter.reportTypes !== null && filter.reportTypes.length > 0)
      query = query.where('report_type', 'in', [...filter.reportTypes]);
    if (filter.processingStatuses !== null && filter.processingStatuses.length > 0)
      query = query.where('state', 'in', [...filter.processingStatuses]);
    if (filter.createdSince !== null) query = query.where('created_at', '>=', filter.createdSince);
    if (filter.createdUntil !== null) query = query.where('created_at', '<=', filter.createdUntil);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute();
    return rows.map((row) => row.id);
  }

  protected override extraColumns(report: Report) {
    return { report_type: report.reportType };
  }
}

class SqlReportScheduleRepository
  extends SqlAggregateRepository<ReportSchedule>
  implements ReportScheduleRepository
{
  async listIds(scope: Scope, reportTypes: readonly string[] | null): Promise<string[]> {
    let query = this.db
      .selectFrom('report_schedules')
      .select('id')
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .where('state', '=', 'Active');
    if (reportTypes !== null && reportTypes.length > 0)
      query = query.where('report_type', 'in', [...reportTypes]);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => row.id);
  }

  protected override extraColumns(schedule: ReportSchedule) {
    return { report_type: schedule.reportType };
  }
}

class SqlReportDocumentRepository implements ReportDocumentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(document: ReportDocument): Promise<void> {
    await insertOrThrowUnique(`Report document ${document.id}`, () =>
      this.db
        .insertInto('report_documents')
        .values({
          id: document.id,
          merchant_id: document.merchantId,
          environment: document.environment,
          content: document.content,
          created_at: document.createdAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst(),
    );
  }

  async find(scope: Scope, id: string): Promise<ReportDocument | undefined> {
    return inScope(scope, await this.findById(id));
  }

  async findById(id: string): Promise<ReportDocument | undefined> {
    const row = await this.db
      .selectFrom('report_documents')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          id: row.id,
          merchantId: row.merchant_id,
          environment: environmentColumn(row.environment),
          content: row.content,
          createdAt: row.created_at,
        };
  }
}

class SqlDisputeRepository extends SqlAggregateRepository<Dispute> implements DisputeRepository {
  listByCharge(scope: Scope, chargeId: string): Promise<Dispute[]> {
    return this.listByParent(scope, 'charge_id', chargeId);
  }

  protected override extraColumns(dispute: Dispute) {
    return { charge_id: dispute.chargeId };
  }
}

class SqlEvidenceFileRepository implements EvidenceFileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(file: EvidenceFile): Promise<void> {
    await insertOrThrowUnique(`File ${file.id}`, () =>
      this.db
        .insertInto('evidence_files')
        .values({
          id: file.id,
          merchant_id: file.merchantId,
          environment: file.environment,
          data: JSON.stringify(file),
          content: null,
          created_at: file.createdAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst(),
    );
  }

  async find(scope: Scope, id: string): Promise<EvidenceFile | undefined> {
    return inScope(scope, await this.findById(id));
  }

  async findById(id: string): Promise<EvidenceFile | undefined> {
    const row = await this.db
      .selectFrom('evidence_files')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : documentColumn<EvidenceFile>(row.data);
  }

  async upload(file: EvidenceFile, contentBase64: string): Promise<void> {
    await this.db
      .updateTable('evidence_files')
      .set({ data: JSON.stringify(file), content: contentBase64 })
      .where('id', '=', file.id)
      .execute();
  }
}

class SqlOrderReferenceListing implements OrderReferenceListing {
  constructor(private readonly db: Kysely<Database>) {}

  async listIds(
    scope: Scope,
    range: TimeRange,
    order: 'Ascending' | 'Descending',
  ): Promise<string[]> {
    const direction = order === 'Ascending' ? 'asc' : 'desc';
    const rows = await this.db
      .selectFrom('order_references')
      .select('id')
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to)
      .orderBy('created_at', direction)
      .orderBy('id', direction)
      .execute();
    return rows.map((row) => row.id);
  }
}

export function bindBackOfficeRepositories(runner: SqlRunner, lockRows: boolean) {
  const { db } = runner;
  return {
    ledger: new SqlLedgerRepository(runner),
    feeSchedules: new SqlFeeScheduleRepository(runner),
    reports: new SqlReportRepository(runner, REPORTS, lockRows),
    reportSchedules: new SqlReportScheduleRepository(runner, REPORT_SCHEDULES, lockRows),
    reportDocuments: new SqlReportDocumentRepository(db),
    disputes: new SqlDisputeRepository(runner, DISPUTES, lockRows),
    evidenceFiles: new SqlEvidenceFileRepository(db),
    orderReferenceListing: new SqlOrderReferenceListing(db),
  };
}
