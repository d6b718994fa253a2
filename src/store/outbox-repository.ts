/**
 * Notifications written in the same transaction as the change that causes them (DESIGN.md §1); the
 * IPN dispatcher delivers them afterwards and records attempts on the row.
 */
import type { Kysely } from 'kysely';
import type { OutboxMessage, OutboxRepository } from '../app/ports.js';
import type { Database } from './schema.js';
import { insertOrThrowUnique } from './unique-violation.js';

export class SqlOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A new message is due at once: next_attempt_at is its creation time, attempts start at 0. */
  add(message: OutboxMessage): Promise<void> {
    return insertOrThrowUnique(`Outbox message ${message.id}`, () =>
      this.db
        .insertInto('outbox')
        .values({
          id: message.id,
          merchant_id: message.merchantId,
          environment: message.environment,
          object_type: message.objectType,
          object_id: message.objectId,
          charge_permission_id: message.chargePermissionId,
          notification_type: message.notificationType,
          created_at: message.createdAt,
          next_attempt_at: message.createdAt,
          delivered_at: null,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }

  /** Undelivered messages of one merchant, whatever their retry schedule. */
  async countPending(merchantId: string): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('pending'))
      .where('merchant_id', '=', merchantId)
      .where('delivered_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.pending);
  }
}
