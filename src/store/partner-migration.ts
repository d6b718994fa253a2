/**
 * Migration 0008: partners (issue 13). Roles granted to payment service and solution providers,
 * merchants' delegations to providers (MWSAuthToken and its v2 authorization token), and the
 * merchant accounts and stores solution providers register. Every lookup path has an index.
 */
import type { Kysely, Migration } from 'kysely';

type SchemaDb = Kysely<unknown>;

export const partners: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await db.schema
      .createTable('partner_roles')
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('partner_roles_pk', ['merchant_id', 'role'])
      .execute();

    await db.schema
      .createTable('delegations')
      .addColumn('mws_auth_token', 'text', (col) => col.primaryKey().notNull())
      .addColumn('authorization_token', 'text', (col) => col.notNull().unique())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('provider_id', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('delegations_merchant_idx')
      .on('delegations')
      .columns(['merchant_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('merchant_accounts')
      .addColumn('merchant_account_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('provider_id', 'text', (col) => col.notNull())
      .addColumn('unique_reference_id', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('claim_token', 'text', (col) => col.unique())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addUniqueConstraint('merchant_accounts_reference_uq', ['provider_id', 'unique_reference_id'])
      .execute();

    await db.schema
      .createTable('partner_stores')
      .addColumn('store_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_account_id', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('partner_stores_account_idx')
      .on('partner_stores')
      .column('merchant_account_id')
      .execute();
  },
  async down(db: SchemaDb): Promise<void> {
    for (const table of ['partner_stores', 'merchant_accounts', 'delegations', 'partner_roles'])
      await db.schema.dropTable(table).execute();
  },
};
