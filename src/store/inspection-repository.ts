/**
 * The console's read model over state_transitions and request_log (inspection-schema.ts). Nothing
 * here is on the API's hot path: transitions are written by transition-writer.ts, request-log rows
 * in batches by the HTTP layer's request-log recorder.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ChangeCause } from '../app/inspection/change-cause.js';
import type {
  InspectionRepository,
  RequestLogEntry,
  RequestLogFilter,
  SignatureDiagnosis,
  StateTransition,
} from '../app/inspection/inspection-ports.js';
import type { RequestLogTable } from './inspection-schema.js';
import { environmentColumn } from './row-values.js';
import type { Database } from './schema.js';
import type { SqlRunner } from './sql-runner.js';
import { statement, statementPerKey, type StatementArgs } from './statements.js';

const toEntry = (row: Selectable<RequestLogTable>): RequestLogEntry => ({
  id: row.id,
  at: Number(row.at),
  merchantId: row.merchant_id,
  environment: row.environment,
  api: row.api === 'v1' ? 'v1' : 'v2',
  method: row.method,
  path: row.path,
  operation: row.operation,
  status: Number(row.status),
  latencyMs: Number(row.latency_ms),
  idempotencyKey: row.idempotency_key,
  replay: Number(row.replay) === 1,
  requestBody: row.request_body,
  responseBody: row.response_body,
  signature: row.signature === null ? null : (JSON.parse(row.signature) as SignatureDiagnosis),
});

type RequestLogRow = Selectable<RequestLogTable>;

const REQUEST_LOG_COLUMNS = [
  'id',
  'at',
  'merchant_id',
  'environment',
  'api',
  'method',
  'path',
  'operation',
  'status',
  'latency_ms',
  'idempotency_key',
  'replay',
  'request_body',
  'response_body',
  'signature',
] as const satisfies readonly (keyof RequestLogRow)[];

/**
 * A row with every column by name: while a statement compiles, its arguments hold placeholders,
 * not a row's own keys, so the columns cannot come from the row.
 */
const rowOf = (value: (column: keyof RequestLogRow) => unknown): RequestLogRow =>
  Object.fromEntries(REQUEST_LOG_COLUMNS.map((column) => [column, value(column)])) as RequestLogRow;

/**
 * A flush's rows go fifty, then ten to a statement, and the rest one by one: a flush of a hundred
 * calls is a few round trips on PostgreSQL instead of a hundred (issue 16), and there are still
 * three texts, each compiled (and on PostgreSQL prepared) once, where a multi-row insert of the
 * whole flush would be a new statement for every flush size.
 */
const APPEND_CHUNKS = [50, 10] as const;
const chunkArg = (column: string, index: number): string => `${column}_${index}`;

const appendRequest = statement('request_log.append', (db, row: RequestLogRow) =>
  db
    .insertInto('request_log')
    .values(rowOf((column) => row[column]))
    .onConflict((oc) => oc.column('id').doNothing()),
);

const appendRequestChunk = statementPerKey((size: number) =>
  statement(`request_log.append${size}`, (db, args: StatementArgs) =>
    db
      .insertInto('request_log')
      .values(
        Array.from({ length: size }, (_, index) =>
          rowOf((column) => args[chunkArg(column, index)]),
        ),
      )
      .onConflict((oc) => oc.column('id').doNothing()),
  ),
);

const requestLogRow = (entry: RequestLogEntry): RequestLogRow => ({
  id: entry.id,
  at: entry.at,
  merchant_id: entry.merchantId,
  environment: entry.environment,
  api: entry.api,
  method: entry.method,
  path: entry.path,
  operation: entry.operation,
  status: entry.status,
  latency_ms: Math.round(entry.latencyMs),
  idempotency_key: entry.idempotencyKey,
  replay: entry.replay ? 1 : 0,
  request_body: entry.requestBody,
  response_body: entry.responseBody,
  signature: entry.signature === null ? null : JSON.stringify(entry.signature),
});

export class SqlInspectionRepository implements InspectionRepository {
  private readonly db: Kysely<Database>;

  constructor(private readonly runner: SqlRunner) {
    this.db = runner.db;
  }

  async transitionsOf(objectId: string): Promise<StateTransition[]> {
    const rows = await this.db
      .selectFrom('state_transitions')
      .selectAll()
      .where('object_id', '=', objectId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({
      objectType: row.object_type,
      objectId: row.object_id,
      merchantId: row.merchant_id,
      environment: environmentColumn(row.environment),
      state: row.state,
      reasonCode: row.reason_code,
      at: Number(row.at),
      cause: row.cause === null ? null : (JSON.parse(row.cause) as ChangeCause),
    }));
  }

  async requestLog(filter: RequestLogFilter): Promise<RequestLogEntry[]> {
    let query = this.db.selectFrom('request_log').selectAll();
    if (filter.merchantId !== undefined) query = query.where('merchant_id', '=', filter.merchantId);
    if (filter.status === 'error') query = query.where('status', '>=', 400);
    if (filter.status === 'ok') query = query.where('status', '<', 400);
    if (filter.search !== undefined && filter.search !== '') {
      const term = filter.search;
      query = query.where((eb) =>
        eb.or([
          eb('id', '=', term),
          eb('idempotency_key', '=', term),
          eb('operation', '=', term),
          eb('path', 'like', `%${term.replace(/[\\%_]/g, '')}%`),
        ]),
      );
    }
    const rows = await query.orderBy('at', 'desc').orderBy('id').limit(filter.limit).execute();
    return rows.map(toEntry);
  }

  async findRequest(id: string): Promise<RequestLogEntry | undefined> {
    const row = await this.db
      .selectFrom('request_log')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toEntry(row);
  }

  async appendRequests(entries: readonly RequestLogEntry[]): Promise<void> {
    const rows = entries.map(requestLogRow);
    let next = 0;
    for (const size of APPEND_CHUNKS)
      for (; next + size <= rows.length; next += size) {
        const args: Record<string, unknown> = {};
        rows.slice(next, next + size).forEach((row, index) => {
          for (const column of REQUEST_LOG_COLUMNS) args[chunkArg(column, index)] = row[column];
        });
        await this.runner.run(appendRequestChunk(size), args);
      }
    for (const row of rows.slice(next)) await this.runner.run(appendRequest, row);
  }

  async countRequests(): Promise<number> {
    const row = await this.db
      .selectFrom('request_log')
      .select((eb) => eb.fn.countAll().as('rows'))
      .executeTakeFirstOrThrow();
    return Number(row.rows);
  }

  async deleteOldestRequests(count: number): Promise<void> {
    // The oldest by time, walked from the start of request_log_at_idx: as many index entries as
    // rows deleted, whatever the table's size.
    await this.db
      .deleteFrom('request_log')
      .where('id', 'in', (eb) =>
        eb.selectFrom('request_log').select('id').orderBy('at').limit(count),
      )
      .execute();
  }
}
