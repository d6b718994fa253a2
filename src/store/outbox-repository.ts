/**
 * Notifications written in the same transaction as the change that causes them (DESIGN.md §1), and
 * the delivery side the IPN dispatcher and the delivery log use (src/ipn/). The queries live in
 * ipn-*-queries.ts; this class binds them to the caller's transaction.
 */
import { sql, type Kysely } from 'kysely';
import type {
  AttemptFilter,
  ClaimedNotification,
  ClaimRequest,
  DeliveryAttempt,
  IpnEndpoint,
  IpnLogRepository,
  IpnMerchantSettings,
  NotificationFilter,
  NotificationRecord,
  NotificationUpdate,
  OutboxMessage,
  OutboxRepository,
  V1OutboxMessage,
} from '../app/ports.js';
import type { ReleaseEnvironment } from '../domain/shared/environment.js';
import type { Instant } from '../domain/shared/time.js';
import * as dispatch from './ipn-dispatch-queries.js';
import * as log from './ipn-log-queries.js';
import * as settings from './ipn-settings-queries.js';
import type { Database } from './schema.js';
import { asRunner, type SqlConnection, type SqlRunner } from './sql-runner.js';
import { statement, statementPerKey } from './statements.js';
import { eventTypePattern } from '../domain/merchant/v1-event-types.js';
import { runInsertOrThrowUnique } from './unique-violation.js';

/** The columns both generations fill; v1 rows keep their details in payload (rendered later). */
function outboxColumns(message: OutboxMessage | V1OutboxMessage) {
  if ('apiVersion' in message)
    return {
      api_version: 'v1',
      object_type: message.notificationType,
      object_id: message.objectId,
      charge_permission_id: message.parentId,
      notification_type: message.notificationType,
      payload: JSON.stringify({
        ...(message.eventType === undefined ? {} : { eventType: message.eventType }),
        details: message.details,
      }),
    };
  return {
    api_version: 'v2',
    object_type: message.objectType,
    object_id: message.objectId,
    charge_permission_id: message.chargePermissionId,
    notification_type: message.notificationType,
    payload: null,
  };
}

type OutboxInsertArgs = {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: string;
  readonly apiVersion: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly chargePermissionId: string | null;
  readonly notificationType: string;
  readonly payload: string | null;
  readonly createdAt: number;
};

/** The merchant's endpoint for the environment, when it takes messages of `pattern`. */
const endpointTaking = (
  db: Kysely<Database>,
  args: { readonly merchantId: string; readonly environment: string },
  pattern: string,
) =>
  db
    .selectFrom('ipn_endpoints')
    .select(sql<number>`1`.as('found'))
    .where('merchant_id', '=', args.merchantId)
    .where('environment', '=', args.environment)
    .where(sql<boolean>`(event_types is null or event_types like ${sql.lit(pattern)})`);

/**
 * Every state change adds a row (a Create Charge at least one), so the insert is compiled once
 * (statements.ts). A new message is due at once: next_attempt_at is its creation time, attempts
 * start at 0.
 *
 * Its status says whether the merchant has an endpoint for the environment that takes this kind
 * of message (a v1 row also needs the endpoint to subscribe to its event type, v1-event-types.ts).
 * Amazon notifies only configured endpoints: a message without one is written skipped, which keeps
 * the dispatcher's scan to rows it can deliver. The insert asks itself, in a subquery, rather than
 * after a query of its own: the same answer in the same transaction, for one statement instead of
 * two on every state change (issue 16).
 *
 * One compiled statement per LIKE pattern, with the pattern written into its text: SQLite
 * re-prepares a statement each time a parameter that is the right-hand side of LIKE is bound (so
 * that the LIKE optimisation can use the new value), which cost every Create Charge about 35 µs
 * (issue 16). The patterns are a fixed set built from event type names (eventTypePattern).
 */
const add = statementPerKey((pattern: string) =>
  statement(`outbox.add.${pattern}`, (db, args: OutboxInsertArgs) =>
    db
      .insertInto('outbox')
      .values({
        id: args.id,
        merchant_id: args.merchantId,
        environment: args.environment,
        api_version: args.apiVersion,
        object_type: args.objectType,
        object_id: args.objectId,
        charge_permission_id: args.chargePermissionId,
        notification_type: args.notificationType,
        payload: args.payload,
        status: sql<string>`case when exists ${endpointTaking(db, args, pattern)} then 'pending' else 'skipped' end`,
        created_at: args.createdAt,
        next_attempt_at: args.createdAt,
        schedule_from: args.createdAt,
        delivered_at: null,
        lease_owner: null,
        lease_until: null,
        last_attempt_at: null,
        last_status_code: null,
        last_error: null,
      })
      .onConflict((conflict) => conflict.doNothing()),
  ),
);

export class SqlOutboxRepository implements OutboxRepository {
  readonly #sql: SqlRunner;

  constructor(connection: SqlConnection) {
    this.#sql = asRunner(connection);
  }

  private get db(): Kysely<Database> {
    return this.#sql.db;
  }

  async add(message: OutboxMessage | V1OutboxMessage): Promise<void> {
    const columns = outboxColumns(message);
    const pattern = eventTypePattern(
      columns.api_version === 'v1' ? 'v1' : 'v2',
      columns.notification_type,
    );
    return runInsertOrThrowUnique(`Outbox message ${message.id}`, () =>
      this.#sql.run(add(pattern), {
        id: message.id,
        merchantId: message.merchantId,
        environment: message.environment,
        apiVersion: columns.api_version,
        objectType: columns.object_type,
        objectId: columns.object_id,
        chargePermissionId: columns.charge_permission_id,
        notificationType: columns.notification_type,
        payload: columns.payload,
        createdAt: message.createdAt,
      }),
    );
  }

  /** Messages of one merchant not delivered: pending, failed or skipped. */
  async countPending(merchantId: string): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('pending'))
      .where('merchant_id', '=', merchantId)
      .where('delivered_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.pending);
  }

  async countQueued(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('queued'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.queued);
  }

  claimDue(request: ClaimRequest): Promise<ClaimedNotification[]> {
    return dispatch.claimDue(this.db, request);
  }

  recordAttempts(
    attempts: readonly DeliveryAttempt[],
    updates: readonly NotificationUpdate[],
  ): Promise<void> {
    return dispatch.recordAttempts(this.db, attempts, updates);
  }

  releaseLeases(owner: string, ids: readonly string[]): Promise<void> {
    return dispatch.releaseLeases(this.db, owner, ids);
  }

  renewLeases(owner: string, ids: readonly string[], leaseUntil: Instant): Promise<void> {
    return dispatch.renewLeases(this.db, owner, ids, leaseUntil);
  }

  findNotification(id: string): Promise<NotificationRecord | undefined> {
    return log.findNotification(this.db, id);
  }

  listNotifications(filter: NotificationFilter): Promise<NotificationRecord[]> {
    return log.listNotifications(this.db, filter);
  }

  listAttempts(filter: AttemptFilter): Promise<DeliveryAttempt[]> {
    return log.listAttempts(this.db, filter);
  }

  requeue(target: Parameters<IpnLogRepository['requeue']>[0], now: Instant): Promise<number> {
    return log.requeue(this.db, target, now);
  }

  listEndpoints(merchantId?: string): Promise<IpnEndpoint[]> {
    return settings.listEndpoints(this.db, merchantId);
  }

  findEndpointBySubscription(subscriptionId: string): Promise<IpnEndpoint | undefined> {
    return settings.findEndpointBySubscription(this.db, subscriptionId);
  }

  putEndpoint(endpoint: IpnEndpoint): Promise<void> {
    return settings.putEndpoint(this.db, endpoint);
  }

  removeEndpoint(merchantId: string, environment: ReleaseEnvironment): Promise<boolean> {
    return settings.removeEndpoint(this.db, merchantId, environment);
  }

  skipPending(
    merchantId: string,
    environment: ReleaseEnvironment,
    before: Instant,
  ): Promise<number> {
    return settings.skipPending(this.db, merchantId, environment, before);
  }

  findSettings(merchantIds: readonly string[]): Promise<IpnMerchantSettings[]> {
    return settings.findSettings(this.db, merchantIds);
  }

  putSettings(value: IpnMerchantSettings, at: Instant): Promise<void> {
    return settings.putSettings(this.db, value, at);
  }
}
