/**
 * Migration 0004: IPN delivery (spec v2 §10, v1 §6). The outbox gains an API generation, a retry
 * schedule on the merchant's clock, a lease for dispatchers on several processes, and the last
 * outcome; attempts go to an append-only log; endpoints and per-merchant settings get tables.
 */
import { sql, type Kysely, type Migration } from 'kysely';

type SchemaDb = Kysely<unknown>;

const OUTBOX_COLUMNS: readonly [string, 'text' | 'bigint' | 'integer', string | number | null][] = [
  ['api_version', 'text', 'v2'],
  ['payload', 'text', null],
  ['status', 'text', 'pending'],
  ['schedule_from', 'bigint', null],
  ['schedule_step', 'integer', 0],
  ['lease_owner', 'text', null],
  ['lease_until', 'bigint', null],
  ['last_attempt_at', 'bigint', null],
  ['last_status_code', 'integer', null],
  ['last_error', 'text', null],
];

export const ipnDelivery: Migration = {
  async up(db: SchemaDb): Promise<void> {
    for (const [name, type, fallback] of OUTBOX_COLUMNS)
      await db.schema
        .alterTable('outbox')
        .addColumn(name, type, (col) =>
          fallback === null ? col : col.notNull().defaultTo(fallback),
        )
        .execute();
    await sql`update outbox set status = 'delivered' where delivered_at is not null`.execute(db);
    await sql`update outbox set schedule_from = created_at where schedule_from is null`.execute(db);
    // The claim walks pending rows in due order; it replaces 0001's (delivered_at, next_attempt_at).
    await db.schema.dropIndex('outbox_pending_idx').execute();
    await db.schema
      .createIndex('outbox_due_idx')
      .on('outbox')
      .columns(['status', 'next_attempt_at'])
      .execute();
    // The delivery log lists a merchant's notifications newest first, and all of one status.
    await db.schema
      .createIndex('outbox_merchant_created_idx')
      .on('outbox')
      .columns(['merchant_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('outbox_status_created_idx')
      .on('outbox')
      .columns(['status', 'created_at'])
      .execute();

    await db.schema
      .createTable('ipn_attempts')
      .addColumn('id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('notification_id', 'text', (col) => col.notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('attempt', 'integer', (col) => col.notNull())
      .addColumn('chaos', 'text')
      .addColumn('url', 'text', (col) => col.notNull())
      .addColumn('scheduled_at', 'bigint', (col) => col.notNull())
      .addColumn('attempted_at', 'bigint', (col) => col.notNull())
      .addColumn('latency_ms', 'integer', (col) => col.notNull())
      .addColumn('outcome', 'text', (col) => col.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('response_excerpt', 'text')
      .addColumn('error', 'text')
      .addColumn('dispatcher', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('ipn_attempts_notification_idx')
      .on('ipn_attempts')
      .columns(['notification_id', 'attempt'])
      .execute();
    await db.schema
      .createIndex('ipn_attempts_merchant_idx')
      .on('ipn_attempts')
      .columns(['merchant_id', 'attempted_at'])
      .execute();

    await db.schema
      .createTable('ipn_endpoints')
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('url', 'text', (col) => col.notNull())
      .addColumn('subscription_id', 'text', (col) => col.notNull().unique())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('ipn_endpoints_pk', ['merchant_id', 'environment'])
      .execute();

    await db.schema
      .createTable('ipn_settings')
      .addColumn('merchant_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('signing_cert_url', 'text')
      .addColumn('chaos', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
  },

  async down(db: SchemaDb): Promise<void> {
    await db.schema.dropTable('ipn_settings').execute();
    await db.schema.dropTable('ipn_endpoints').execute();
    await db.schema.dropTable('ipn_attempts').execute();
    for (const index of [
      'outbox_status_created_idx',
      'outbox_merchant_created_idx',
      'outbox_due_idx',
    ])
      await db.schema.dropIndex(index).execute();
    await db.schema
      .createIndex('outbox_pending_idx')
      .on('outbox')
      .columns(['delivered_at', 'next_attempt_at'])
      .execute();
    for (const [name] of [...OUTBOX_COLUMNS].reverse())
      await db.schema.alterTable('outbox').dropColumn(name).execute();
  },
};
