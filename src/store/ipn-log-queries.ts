/**
 * The delivery log's queries (IpnLogRepository): notifications and their attempts, newest first,
 * and requeueing for redelivery.
 */
import type { Kysely } from 'kysely';
import type {
  AttemptFilter,
  DeliveryAttempt,
  IpnLogRepository,
  NotificationFilter,
  NotificationRecord,
} from '../app/ports.js';
import type { Instant } from '../domain/shared/time.js';
import { attemptFromRow, notificationFromRow } from './outbox-rows.js';
import type { Database } from './schema.js';

export async function findNotification(
  db: Kysely<Database>,
  id: string,
): Promise<NotificationRecord | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : notificationFromRow(row);
}

export async function listNotifications(
  db: Kysely<Database>,
  filter: NotificationFilter,
): Promise<NotificationRecord[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (filter.merchantId !== undefined) query = query.where('merchant_id', '=', filter.merchantId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.objectId !== undefined) query = query.where('object_id', '=', filter.objectId);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(notificationFromRow);
}

export async function listAttempts(
  db: Kysely<Database>,
  filter: AttemptFilter,
): Promise<DeliveryAttempt[]> {
  let query = db.selectFrom('ipn_attempts').selectAll();
  if (filter.merchantId !== undefined) query = query.where('merchant_id', '=', filter.merchantId);
  if (filter.notificationId !== undefined)
    query = query.where('notification_id', '=', filter.notificationId);
  const rows = await query
    .orderBy('attempted_at', 'desc')
    .orderBy('attempt', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(attemptFromRow);
}

/**
 * A pending notification only becomes due now (a dispatcher may hold it: its outcome stands); a
 * finished one starts over with a fresh schedule from `now`.
 */
export async function requeue(
  db: Kysely<Database>,
  target: Parameters<IpnLogRepository['requeue']>[0],
  now: Instant,
): Promise<number> {
  if ('id' in target) {
    const pending = await db
      .updateTable('outbox')
      .set({ next_attempt_at: now })
      .where('id', '=', target.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending.numUpdatedRows > 0n) return 1;
  }
  let restart = db.updateTable('outbox').set({
    status: 'pending',
    schedule_from: now,
    schedule_step: 0,
    next_attempt_at: now,
    delivered_at: null,
    lease_owner: null,
    lease_until: null,
  });
  if ('id' in target) restart = restart.where('id', '=', target.id);
  else {
    const finished = target.statuses.filter((status) => status !== 'pending');
    if (finished.length === 0) return 0;
    restart = restart.where('merchant_id', '=', target.merchantId).where('status', 'in', finished);
  }
  const result = await restart.where('status', '!=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows);
}
