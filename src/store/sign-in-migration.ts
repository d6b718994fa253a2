import type { Kysely, Migration } from 'kysely';

/** Migration 0009: Amazon Sign-in's buyer tokens (domain/sign-in/buyer-token.ts). */
export const buyerTokens: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('buyer_tokens')
      .addColumn('token', 'text', (col) => col.primaryKey().notNull())
      .addColumn('merchant_id', 'text', (col) => col.notNull())
      .addColumn('environment', 'text', (col) => col.notNull())
      .addColumn('store_id', 'text', (col) => col.notNull())
      .addColumn('buyer_id', 'text', (col) => col.notNull())
      .addColumn('scopes', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('buyer_tokens').execute();
  },
};
