/**
 * Migration 0015: the event types a v1 endpoint subscribes to (SetMerchantNotificationConfiguration,
 * spec v1 §2.9); null is every type.
 */
import type { Kysely, Migration } from 'kysely';

export const endpointEventTypes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('ipn_endpoints').addColumn('event_types', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('ipn_endpoints').dropColumn('event_types').execute();
  },
};
