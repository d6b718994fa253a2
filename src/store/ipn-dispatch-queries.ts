/**
 * The dispatcher's queries (IpnDispatchRepository): lease due notifications, record attempts,
 * release leases. Each runs inside the caller's short transaction; no network call happens there.
 */
import { sql, type Kysely } from 'kysely';
import type {
  ClaimedNotification,
  ClaimRequest,
  DeliveryAttempt,
  IpnChaos,
  NotificationUpdate,
} from '../app/ports.js';
import { attemptToRow, notificationFromRow, type OutboxRow } from './outbox-rows.js';
import { CHAOS_OFF } from './ipn-settings-queries.js';
import { documentColumn, regionColumn } from './row-values.js';
import type { Database } from './schema.js';

/** PostgreSQL numbers its parameters ($1), SQLite does not (?): the compiled text tells them apart. */
function isPostgres(db: Kysely<Database>): boolean {
  return db.selectFrom('outbox').select('id').where('id', '=', '').compile().sql.includes('$1');
}

/**
 * Due means: pending, next_attempt_at reached on the merchant's clock (real time plus its offset),
 * and not leased, or leased by a dispatcher whose lease ran out (it crashed or stalled). Pending
 * rows exist only for merchants with an endpoint (outbox-repository.ts skips the others when they
 * are written), so the claim walks the pending rows in due order through (status,
 * next_attempt_at), bounded by the furthest-ahead merchant clock, and stops at the limit. SQLite
 * is told that join order (CROSS JOIN); PostgreSQL plans it itself. On PostgreSQL the rows are
 * locked with SKIP LOCKED: two dispatchers claiming at once take disjoint rows, neither waits.
 */
export async function claimDue(
  db: Kysely<Database>,
  request: ClaimRequest,
): Promise<ClaimedNotification[]> {
  const postgres = isPostgres(db);
  const { rows } = await sql<OutboxRow & ClaimColumns>`
    select o.*, e.url as endpoint_url, e.subscription_id as subscription_id,
      m.region as merchant_region, m.clock_offset_ms as clock_offset_ms,
      s.signing_cert_url as signing_cert_url, s.chaos as chaos_json
    from outbox o
      cross join ipn_endpoints e
      cross join merchants m
      left join ipn_settings s on s.merchant_id = o.merchant_id
    where o.status = 'pending'
      and o.next_attempt_at <= ${request.now} + (select max(clock_offset_ms) from merchants)
      and e.merchant_id = o.merchant_id and e.environment = o.environment
      and m.merchant_id = o.merchant_id
      and o.next_attempt_at <= ${request.now} + m.clock_offset_ms
      and (o.lease_until is null or o.lease_until < ${request.now})
    order by o.next_attempt_at
    limit ${request.limit}
    ${postgres ? sql`for update of o skip locked` : sql``}`.execute(db);
  if (rows.length === 0) return [];
  await db
    .updateTable('outbox')
    .set({ lease_owner: request.owner, lease_until: request.leaseUntil })
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows.map((row) => ({
    ...notificationFromRow(row),
    endpointUrl: row.endpoint_url,
    subscriptionId: row.subscription_id,
    merchantRegion: regionColumn(row.merchant_region),
    clockOffsetMs: Number(row.clock_offset_ms),
    signingCertUrl: row.signing_cert_url,
    chaos:
      row.chaos_json === null
        ? CHAOS_OFF
        : { ...CHAOS_OFF, ...documentColumn<Partial<IpnChaos>>(row.chaos_json) },
  }));
}

interface ClaimColumns {
  endpoint_url: string;
  subscription_id: string;
  merchant_region: string;
  clock_offset_ms: number;
  signing_cert_url: string | null;
  chaos_json: string | null;
}

const INSERT_CHUNK = 100;

/**
 * Appends the attempts to the log and applies each notification's outcome, but only where the
 * recording dispatcher still holds the lease: if it lost it (it stalled past the lease and another
 * dispatcher took over), the other one's outcome stands and this one only adds to the log.
 */
export async function recordAttempts(
  db: Kysely<Database>,
  attempts: readonly DeliveryAttempt[],
  updates: readonly NotificationUpdate[],
): Promise<void> {
  for (let start = 0; start < attempts.length; start += INSERT_CHUNK)
    await db
      .insertInto('ipn_attempts')
      .values(attempts.slice(start, start + INSERT_CHUNK).map(attemptToRow))
      .execute();
  const owners = [...new Set(updates.map((update) => update.owner))];
  for (const owner of owners) {
    const mine = updates.filter((update) => update.owner === owner);
    for (let start = 0; start < mine.length; start += INSERT_CHUNK)
      await applyOutcomes(db, owner, mine.slice(start, start + INSERT_CHUNK));
  }
}

type SqlType = 'text' | 'bigint' | 'integer';

/**
 * One UPDATE for a batch of outcomes (one round trip on PostgreSQL, whatever the batch size): each
 * column is a CASE on the row's id, each value cast so PostgreSQL knows its type even when null.
 */
async function applyOutcomes(
  db: Kysely<Database>,
  owner: string,
  updates: readonly NotificationUpdate[],
): Promise<void> {
  const byId = <T>(type: SqlType, pick: (update: NotificationUpdate) => T) =>
    sql<T>`(case id ${sql.join(
      updates.map(
        (update) => sql`when ${update.id} then cast(${pick(update)} as ${sql.raw(type)})`,
      ),
      sql` `,
    )} end)`;
  await db
    .updateTable('outbox')
    .set({
      attempts: sql`attempts + 1`,
      status: byId('text', (update) => update.status),
      schedule_step: byId('integer', (update) => update.scheduleStep),
      next_attempt_at: byId('bigint', (update) => update.nextAttemptAt),
      delivered_at: byId('bigint', (update) => update.deliveredAt),
      last_attempt_at: byId('bigint', (update) => update.lastAttemptAt),
      last_status_code: byId('integer', (update) => update.lastStatusCode),
      last_error: byId('text', (update) => update.lastError),
      lease_owner: null,
      lease_until: null,
    })
    .where(
      'id',
      'in',
      updates.map((update) => update.id),
    )
    .where('lease_owner', '=', owner)
    .execute();
}

/** Hands back rows a stopping dispatcher claimed but did not send, so others need not wait. */
export async function releaseLeases(
  db: Kysely<Database>,
  owner: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ lease_owner: null, lease_until: null })
    .where('id', 'in', [...ids])
    .where('lease_owner', '=', owner)
    .execute();
}

export async function renewLeases(
  db: Kysely<Database>,
  owner: string,
  ids: readonly string[],
  leaseUntil: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ lease_until: leaseUntil })
    .where('id', 'in', [...ids])
    .where('lease_owner', '=', owner)
    .execute();
}
