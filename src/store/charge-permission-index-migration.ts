/**
 * Migration 0016: drops `charges_charge_permission_id_idx`. Every column it indexes leads
 * `charges_permission_sum_idx` (migration 0006), so it only cost a Create Charge one more B-tree
 * insert at a random position (a page read and a WAL frame per charge once the table outgrows the
 * cache; issue 16, bench/README.md). It was kept because SQLite's planner, with no statistics,
 * served listByChargePermission from the (merchant_id, due_at) index instead; that query now keeps
 * the merchant filter out of index selection (aggregate-repository.ts listByParent).
 */
import type { Kysely, Migration } from 'kysely';

export const dropChargePermissionIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('charges_charge_permission_id_idx').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('charges_charge_permission_id_idx')
      .on('charges')
      .column('charge_permission_id')
      .execute();
  },
};
