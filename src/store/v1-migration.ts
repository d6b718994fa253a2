/**
 * Migration 0005: the v1 MWS API (spec amazon-pay-v1.md). Merchants' MWS access keys, Login with
 * Amazon access tokens, the v1 aggregates (order references, billing agreements, authorizations,
 * captures, refunds) in the shared aggregate-table shape, and the merchant reference ids that make
 * Authorize, Capture and Refund idempotent.
 */
import type { Kysely, Migration } from 'kysely';

type SchemaDb = Kysely<unknown>;

export async function aggregateTable(
  db: SchemaDb,
  table: string,
  extra: readonly [string, boolean][] = [],
): Promise<void> {
  let create = db.schema
    .createTable(table)
    .addColumn('id', 'text', (col) => col.primaryKey().notNull())
    .addColumn('merchant_id', 'text', (col) => col.notNull())
    .addColumn('environment', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull());
  for (const [name, required] of extra)
    create = create.addColumn(name, 'text', (col) => (required ? col.notNull() : col));
  await create.execute();
  await db.schema
    .createIndex(`${table}_merchant_due_idx`)
    .on(table)
    .columns(['merchant_id', 'due_at'])
    .execute();
}

export const v1Mws: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await db.schema
      .createTable('mws_credentials')
      .addColumn('access_key_id', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('secret_key', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('mws_credentials_merchant_idx')
      .on('mws_credentials')
      .column('merchant_id')
      .execute();

    await db.schema
      .createTable('v1_access_tokens')
      .addColumn('token', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('buyer_id', 'text', (col) => col.notNull())
      .addColumn('client_id', 'text', (col) => col.notNull())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .execute();

    await aggregateTable(db, 'order_references');
    await aggregateTable(db, 'billing_agreements');
    await aggregateTable(db, 'v1_authorizations', [
      ['order_reference_id', true],
      ['billing_agreement_id', false],
    ]);
    await db.schema
      .createIndex('v1_authorizations_oro_idx')
      .on('v1_authorizations')
      .column('order_reference_id')
      .execute();
    // The billing agreement's monthly limit sums its authorizations of one calendar month.
    await db.schema
      .createIndex('v1_authorizations_ba_period_idx')
      .on('v1_authorizations')
      .columns(['billing_agreement_id', 'created_at'])
      .execute();
    await aggregateTable(db, 'v1_captures', [['authorization_id', true]]);
    await aggregateTable(db, 'v1_refunds', [['capture_id', true]]);
    await db.schema
      .createIndex('v1_refunds_capture_idx')
      .on('v1_refunds')
      .column('capture_id')
      .execute();

    await db.schema
      .createTable('v1_references')
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('reference_id', 'text', (col) => col.notNull())
      .addColumn('object_id', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('v1_references_pk', [
        'merchant_id',
        'environment',
        'kind',
        'reference_id',
      ])
      .execute();
  },
  async down(db: SchemaDb): Promise<void> {
    for (const table of [
      'v1_references',
      'v1_refunds',
      'v1_captures',
      'v1_authorizations',
      'billing_agreements',
      'order_references',
      'v1_access_tokens',
      'mws_credentials',
    ])
      await db.schema.dropTable(table).execute();
  },
};
