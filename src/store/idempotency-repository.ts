/** Stored outcomes of idempotent POSTs, keyed by (merchant, key) (spec §6). */
import type { IdempotencyRecord, IdempotencyRepository } from '../app/ports.js';
import type { SqlRunner } from './sql-runner.js';
import { statement } from './statements.js';
import { runInsertOrThrowUnique } from './unique-violation.js';

type KeyArgs = { readonly merchantId: string; readonly key: string };

const FIND = statement('idempotency_records.find', (db, args: KeyArgs) =>
  db
    .selectFrom('idempotency_records')
    .select(['fingerprint', 'status_code', 'response_body', 'created_at'])
    .where('merchant_id', '=', args.merchantId)
    .where('idempotency_key', '=', args.key),
);

type RecordArgs = KeyArgs & {
  readonly fingerprint: string;
  readonly statusCode: number;
  readonly responseBody: string;
  readonly createdAt: number;
};

const INSERT = statement('idempotency_records.insert', (db, args: RecordArgs) =>
  db
    .insertInto('idempotency_records')
    .values({
      merchant_id: args.merchantId,
      idempotency_key: args.key,
      fingerprint: args.fingerprint,
      status_code: args.statusCode,
      response_body: args.responseBody,
      created_at: args.createdAt,
    })
    .onConflict((conflict) => conflict.doNothing()),
);

export class SqlIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly sql: SqlRunner) {}

  async find(merchantId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.sql.first(FIND, { merchantId, key });
    if (row === undefined) return undefined;
    return {
      merchantId,
      key,
      fingerprint: row.fingerprint,
      statusCode: row.status_code,
      responseBody: row.response_body,
      createdAt: row.created_at,
    };
  }

  /**
   * Two first attempts with one key race here. On PostgreSQL the second insert waits for the first
   * transaction and then conflicts; SQLite runs them one after the other. Either way exactly one
   * commits and the other gets UniqueViolation.
   */
  insert(record: IdempotencyRecord): Promise<void> {
    return runInsertOrThrowUnique(`Idempotency key ${record.key}`, () =>
      this.sql.run(INSERT, {
        merchantId: record.merchantId,
        key: record.key,
        fingerprint: record.fingerprint,
        statusCode: record.statusCode,
        responseBody: record.responseBody,
        createdAt: record.createdAt,
      }),
    );
  }
}
