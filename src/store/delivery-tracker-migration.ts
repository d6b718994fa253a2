import type { Kysely, Migration } from 'kysely';

/**
 * Migration 0010: delivery trackers (domain/delivery/delivery-tracker.ts). A tracking number of a
 * carrier is used once per merchant and environment (the primary key); the order index serves
 * the admin API's listing.
 */
export const deliveryTrackers: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('delivery_trackers')
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('carrier_code', 'text', (col) => col.notNull())
      .addColumn('tracking_number', 'text', (col) => col.notNull())
      .addColumn('object_type', 'text', (col) => col.notNull())
      .addColumn('object_id', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('delivery_trackers_pk', [
        'merchant_id',
        'environment',
        'carrier_code',
        'tracking_number',
      ])
      .execute();
    await db.schema
      .createIndex('delivery_trackers_object_idx')
      .on('delivery_trackers')
      .columns(['merchant_id', 'object_id'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('delivery_trackers').execute();
  },
};
