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
import { statement } from './statements.js';

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

/** One row per execution, compiled once: a multi-row insert is a new statement per batch size. */
const appendRequest = statement('request_log.append', (db, row: RequestLogRow) =>
  db
    .insertInto('request_log')
    // Every column by name: while compiling, `row` holds placeholders, not the row's own keys.
    .values({
      id: row.id,
      at: row.at,
      merchant_id: row.merchant_id,
      environment: row.environment,
      api: row.api,
      method: row.method,
      path: row.path,
      operation: row.operation,
      status: row.status,
      latency_ms: row.latency_ms,
      idempotency_key: row.idempotency_key,
      replay: row.replay,
      request_body: row.request_body,
      response_body: row.response_body,
      signature: row.signature,
    })
    .onConflict((oc) => oc.column('id').doNothing()),
);

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
    for (const entry of entries)
      await this.runner.run(appendRequest, {
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
