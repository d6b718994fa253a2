/**
 * Migration 0011 (after main's 0008 to 0010): the console's read model (issue 14). State transitions are written with the
 * change that makes them (same transaction); the request log is written off the hot path, in
 * batches, and trimmed to a bounded number of rows.
 */
import type { Kysely, Migration } from 'kysely';

type SchemaDb = Kysely<unknown>;

export const consoleInspection: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await db.schema
      .createTable('state_transitions')
      .addColumn('id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('object_type', 'text', (col) => col.notNull())
      .addColumn('object_id', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('reason_code', 'text')
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('cause', 'text')
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('state_transitions_object_idx')
      .on('state_transitions')
      .columns(['object_id', 'seq'])
      .execute();

    await db.schema
      .createTable('request_log')
      .addColumn('id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('merchant_id', 'text')
      .addColumn('environment', 'text')
      .addColumn('api', 'text', (col) => col.notNull())
      .addColumn('method', 'text', (col) => col.notNull())
      .addColumn('path', 'text', (col) => col.notNull())
      .addColumn('operation', 'text', (col) => col.notNull())
      .addColumn('status', 'integer', (col) => col.notNull())
      .addColumn('latency_ms', 'integer', (col) => col.notNull())
      .addColumn('idempotency_key', 'text')
      .addColumn('replay', 'integer', (col) => col.notNull())
      .addColumn('request_body', 'text')
      .addColumn('response_body', 'text')
      .addColumn('signature', 'text')
      .execute();
    await db.schema.createIndex('request_log_at_idx').on('request_log').column('at').execute();
    await db.schema
      .createIndex('request_log_merchant_idx')
      .on('request_log')
      .columns(['merchant_id', 'at'])
      .execute();
  },
  async down(db: SchemaDb): Promise<void> {
    await db.schema.dropTable('request_log').execute();
    await db.schema.dropTable('state_transitions').execute();
  },
};
