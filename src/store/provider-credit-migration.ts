/**
 * Migration 0014: v1 provider credits (Solution Provider flow, spec v1 §2.8–§2.9). Credits and
 * their reversals in the shared aggregate-table shape, keyed by the capture (ProviderCreditSummaryList)
 * and by the credit (CreditReversalIdList).
 */
import type { Kysely, Migration } from 'kysely';
import { aggregateTable } from './v1-migration.js';

type SchemaDb = Kysely<unknown>;

export const providerCredits: Migration = {
  async up(db: SchemaDb): Promise<void> {
    await aggregateTable(db, 'v1_provider_credits', [['capture_id', true]]);
    await db.schema
      .createIndex('v1_provider_credits_capture_idx')
      .on('v1_provider_credits')
      .column('capture_id')
      .execute();
    await aggregateTable(db, 'v1_provider_credit_reversals', [['provider_credit_id', true]]);
    await db.schema
      .createIndex('v1_provider_credit_reversals_credit_idx')
      .on('v1_provider_credit_reversals')
      .column('provider_credit_id')
      .execute();
  },
  async down(db: SchemaDb): Promise<void> {
    await db.schema.dropTable('v1_provider_credit_reversals').execute();
    await db.schema.dropTable('v1_provider_credits').execute();
  },
};
