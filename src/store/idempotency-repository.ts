/** Stored outcomes of idempotent POSTs, keyed by (merchant, key) (spec §6). */
import type { Kysely } from 'kysely';
import type { IdempotencyRecord, IdempotencyRepository } from '../app/ports.js';
import type { Database } from './schema.js';
import { insertOrThrowUnique } from './unique-violation.js';

export class SqlIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(merchantId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.db
      .selectFrom('idempotency_records')
      .select(['fingerprint', 'status_code', 'response_body', 'created_at'])
      .where('merchant_id', '=', merchantId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
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
    return insertOrThrowUnique(`Idempotency key ${record.key}`, () =>
      this.db
        .insertInto('idempotency_records')
        .values({
          merchant_id: record.merchantId,
          idempotency_key: record.key,
          fingerprint: record.fingerprint,
          status_code: record.statusCode,
          response_body: record.responseBody,
          created_at: record.createdAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }
}
