/**
 * Migration 0008: the back office (issue "The back office"). The ledger of money that moved, each
 * merchant's fee schedule, reports and report schedules (aggregate-table shape, timers on the
 * merchant clock), report documents, disputes, and uploaded evidence files.
 */
import type { Kysely, Migration } from 'kysely';
import { aggregateTable } from './v1-migration.js';

type SchemaDb = Kysely<unknown>;

export const backOffice: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await db.schema
      .createTable('ledger_entries')
      .addColumn('id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('posted_at', 'bigint', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('ledger_entries_period_idx')
      .on('ledger_entries')
      .columns(['merchant_id', 'environment', 'posted_at'])
      .execute();
    await db.schema
      .createTable('fee_schedules')
      .addColumn('merchant_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    await aggregateTable(db, 'reports', [['report_type', true]]);
    await db.schema
      .createIndex('reports_listing_idx')
      .on('reports')
      .columns(['merchant_id', 'environment', 'created_at'])
      .execute();
    await aggregateTable(db, 'report_schedules', [['report_type', true]]);
    await db.schema
      .createTable('report_documents')
      .addColumn('id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('content', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await aggregateTable(db, 'disputes', [['charge_id', true]]);
    await db.schema.createIndex('disputes_charge_idx').on('disputes').column('charge_id').execute();
    await db.schema
      .createTable('evidence_files')
      .addColumn('id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('content', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
  },
  async down(db: SchemaDb): Promise<void> {
    for (const table of [
      'evidence_files',
      'disputes',
      'report_documents',
      'report_schedules',
      'reports',
      'fee_schedules',
      'ledger_entries',
    ])
      await db.schema.dropTable(table).execute();
  },
};
