import type { Kysely, Migration } from 'kysely';

/**
 * Migration 0008: each store's Allowed Return URLs and JavaScript origins (issue 10 point 4), as
 * JSON arrays. Existing rows keep null, read as the loopback defaults new stores start with.
 */
export const storeAllowedDestinations: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('merchant_stores')
      .addColumn('allowed_return_urls', 'text')
      .execute();
    await db.schema.alterTable('merchant_stores').addColumn('allowed_js_origins', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('merchant_stores').dropColumn('allowed_js_origins').execute();
    await db.schema.alterTable('merchant_stores').dropColumn('allowed_return_urls').execute();
  },
};
