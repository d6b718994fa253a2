/**
 * The schema, as one ordered list of migrations shared by SQLite and PostgreSQL. Only portable
 * column types are used: text, integer, bigint (SQLite stores all integers as 64-bit anyway).
 * Migrations are append-only: once released, a migration is never edited; changes get a new one.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { backOffice } from './back-office-migration.js';
import { chargeSumCoveringIndex } from './charge-sum-migration.js';
import { deliveryTrackers } from './delivery-tracker-migration.js';
import { endpointEventTypes } from './event-types-migration.js';
import { dropChargePermissionIndex } from './charge-permission-index-migration.js';
import { consoleInspection } from './inspection-migration.js';
import { ipnDelivery } from './ipn-migration.js';
import { buyerTokens } from './sign-in-migration.js';
import { storeAllowedDestinations } from './store-destinations-migration.js';
import { partners } from './partner-migration.js';
import { providerCredits } from './provider-credit-migration.js';
import { v1Mws } from './v1-migration.js';

type SchemaDb = Kysely<unknown>;

/** The shared shape of aggregate tables (schema.ts AggregateTable), plus the timer index. */
async function createAggregateTable(
  db: SchemaDb,
  table: string,
  extraColumn?: string,
): Promise<void> {
  let create = db.schema
    .createTable(table)
    // SQLite lets a non-INTEGER primary key hold NULL unless it is declared NOT NULL.
    .addColumn('id', 'text', (col) => col.primaryKey().notNull())
    .addColumn('merchant_id', 'text', (col) => col.notNull())
    .addColumn('environment', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull());
  if (extraColumn !== undefined)
    create = create.addColumn(extraColumn, 'text', (col) => col.notNull());
  await create.execute();
  await db.schema
    .createIndex(`${table}_merchant_due_idx`)
    .on(table)
    .columns(['merchant_id', 'due_at'])
    .execute();
  if (extraColumn !== undefined)
    await db.schema
      .createIndex(`${table}_${extraColumn}_idx`)
      .on(table)
      .column(extraColumn)
      .execute();
}

const initial: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await db.schema
      .createTable('merchants')
      .addColumn('merchant_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('region', 'text', (col) => col.notNull())
      .addColumn('clock_offset_ms', 'bigint', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('public_keys')
      .addColumn('public_key_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text')
      .addColumn('public_key_pem', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('public_keys_merchant_idx')
      .on('public_keys')
      .column('merchant_id')
      .execute();

    await db.schema
      .createTable('merchant_stores')
      .addColumn('store_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('merchant_stores_merchant_idx')
      .on('merchant_stores')
      .column('merchant_id')
      .execute();

    await db.schema
      .createTable('test_buyers')
      .addColumn('buyer_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('test_buyers_merchant_idx')
      .on('test_buyers')
      .column('merchant_id')
      .execute();

    await createAggregateTable(db, 'checkout_sessions');
    await createAggregateTable(db, 'charge_permissions');
    await createAggregateTable(db, 'charges', 'charge_permission_id');
    await createAggregateTable(db, 'refunds', 'charge_id');

    await db.schema
      .createTable('idempotency_records')
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('idempotency_key', 'text', (col) => col.notNull())
      .addColumn('fingerprint', 'text', (col) => col.notNull())
      .addColumn('status_code', 'integer', (col) => col.notNull())
      .addColumn('response_body', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('idempotency_records_pk', ['merchant_id', 'idempotency_key'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('object_type', 'text', (col) => col.notNull())
      .addColumn('object_id', 'text', (col) => col.notNull())
      .addColumn('charge_permission_id', 'text')
      .addColumn('notification_type', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (col) => col.notNull())
      .addColumn('delivered_at', 'bigint')
      .execute();
    // The dispatcher's scan: undelivered (delivered_at IS NULL) messages by next attempt time.
    await db.schema
      .createIndex('outbox_pending_idx')
      .on('outbox')
      .columns(['delivered_at', 'next_attempt_at'])
      .execute();
  },

  async down(db: SchemaDb): Promise<void> {
    const tables = [
      'outbox',
      'idempotency_records',
      'refunds',
      'charges',
      'charge_permissions',
      'checkout_sessions',
      'test_buyers',
      'merchant_stores',
      'public_keys',
      'merchants',
    ];
    for (const table of tables) await db.schema.dropTable(table).execute();
  },
};

/**
 * Monthly Saved Wallet limits sum a permission's charges per currency and calendar month (spec
 * §7.4): the amount gets its own columns and an index that serves exactly that sum, so its cost
 * follows the permission's charges in the month, not the table's size.
 */
const chargeAmounts: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await db.schema.alterTable('charges').addColumn('amount_minor', 'bigint').execute();
    await db.schema.alterTable('charges').addColumn('currency', 'text').execute();
    await db.schema
      .createIndex('charges_permission_period_idx')
      .on('charges')
      .columns(['charge_permission_id', 'currency', 'created_at'])
      .execute();
  },
  async down(db: SchemaDb): Promise<void> {
    await db.schema.dropIndex('charges_permission_period_idx').execute();
    await db.schema.alterTable('charges').dropColumn('currency').execute();
    await db.schema.alterTable('charges').dropColumn('amount_minor').execute();
  },
};

/** Each merchant's PSD2 fraud-rate class for the transaction-risk-analysis exemption. */
const merchantScaSettings: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await db.schema.alterTable('merchants').addColumn('sca_tra_class', 'text').execute();
  },
  async down(db: SchemaDb): Promise<void> {
    await db.schema.alterTable('merchants').dropColumn('sca_tra_class').execute();
  },
};

/**
 * Test buyers are listed in the order they were added, so a merchant's original buyer stays the
 * one signed in by default. Rows from before keep 0 and sort first, by id.
 */
const testBuyerOrder: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await db.schema
      .alterTable('test_buyers')
      .addColumn('created_at', 'bigint', (col) => col.notNull().defaultTo(0))
      .execute();
  },
  async down(db: SchemaDb): Promise<void> {
    await db.schema.alterTable('test_buyers').dropColumn('created_at').execute();
  },
};

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0002_charge_amounts': chargeAmounts,
  '0003_merchant_sca_settings': merchantScaSettings,
  '0004_ipn_delivery': ipnDelivery,
  '0005_v1_mws': v1Mws,
  '0006_charge_sum_covering_index': chargeSumCoveringIndex,
  '0007_test_buyer_order': testBuyerOrder,
  '0008_store_allowed_destinations': storeAllowedDestinations,
  '0009_buyer_tokens': buyerTokens,
  '0010_delivery_trackers': deliveryTrackers,
  '0011_back_office': backOffice,
  '0012_partners': partners,
  '0013_console_inspection': consoleInspection,
  '0014_v1_provider_credits': providerCredits,
  '0015_v1_endpoint_event_types': endpointEventTypes,
  '0016_drop_charge_permission_index': dropChargePermissionIndex,
};

/**
 * Brings the database to the latest migration. Kysely's migrator holds a lock while it runs
 * (pg_advisory_lock on PostgreSQL; on SQLite the migration transaction, which dialects.ts begins
 * IMMEDIATE), so two processes starting at once apply each migration exactly once.
 *
 * Its bookkeeping tables get localpay's own names, and on PostgreSQL they are pinned to the schema
 * our tables go to (the first schema in search_path): without that, Kysely would find another
 * schema's bookkeeping table in the same database and skip creating ours.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  kind: 'sqlite' | 'postgres',
): Promise<void> {
  const migrationTableSchema = kind === 'postgres' ? await currentSchema(db) : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    migrationTableName: 'localpay_migration',
    migrationLockTableName: 'localpay_migration_lock',
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined)
    throw new Error('Migrating the localpay database failed.', { cause: error });
}

async function currentSchema<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  );
  const schema = rows[0]?.schema;
  if (schema === undefined || schema === null)
    throw new Error('PostgreSQL has no current schema: no schema in search_path exists.');
  return schema;
}
