import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { ObjectListFilter } from '../app/inspection/inspection-ports.js';
import type { DeliveryTrackerRepository } from '../app/ports.js';
import {
  deliveryTrackerId,
  TRACKER_STATE,
  type DeliveryTracker,
  type DeliveryTrackerKey,
} from '../domain/delivery/delivery-tracker.js';
import { CorruptRowError, environmentColumn } from './row-values.js';
import type { Database, DeliveryTrackersTable } from './schema.js';
import type { SqlRunner } from './sql-runner.js';
import { recordCreation } from './transition-writer.js';
import { insertOrThrowUnique } from './unique-violation.js';

const objectTypeColumn = (value: string): DeliveryTracker['objectType'] => {
  if (value === 'ChargePermission' || value === 'OrderReference') return value;
  throw new CorruptRowError(`Unknown tracked object type '${value}' in the database.`);
};

const toTracker = (row: Selectable<DeliveryTrackersTable>): DeliveryTracker => ({
  merchantId: row.merchant_id,
  environment: environmentColumn(row.environment),
  carrierCode: row.carrier_code,
  trackingNumber: row.tracking_number,
  objectType: objectTypeColumn(row.object_type),
  objectId: row.object_id,
  createdAt: row.created_at,
});

/** Delivery trackers: plain rows; a repeated tracking number is a UniqueViolation. */
export class SqlDeliveryTrackerRepository implements DeliveryTrackerRepository {
  private readonly db: Kysely<Database>;

  constructor(private readonly runner: SqlRunner) {
    this.db = runner.db;
  }

  async insert(tracker: DeliveryTracker): Promise<void> {
    await insertOrThrowUnique(
      `Delivery tracker ${tracker.carrierCode} ${tracker.trackingNumber}`,
      () =>
        this.db
          .insertInto('delivery_trackers')
          .values({
            merchant_id: tracker.merchantId,
            environment: tracker.environment,
            carrier_code: tracker.carrierCode,
            tracking_number: tracker.trackingNumber,
            object_type: tracker.objectType,
            object_id: tracker.objectId,
            created_at: tracker.createdAt,
          })
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirstOrThrow(),
    );
    // The console's timeline: a tracker has one event, its creation, caused by its request.
    await recordCreation(this.runner, 'delivery_trackers', {
      id: deliveryTrackerId(tracker),
      merchantId: tracker.merchantId,
      environment: tracker.environment,
      state: TRACKER_STATE,
      createdAt: tracker.createdAt,
    });
  }

  async find(key: DeliveryTrackerKey): Promise<DeliveryTracker | undefined> {
    const row = await this.db
      .selectFrom('delivery_trackers')
      .selectAll()
      .where('merchant_id', '=', key.merchantId)
      .where('environment', '=', key.environment)
      .where('carrier_code', '=', key.carrierCode)
      .where('tracking_number', '=', key.trackingNumber)
      .executeTakeFirst();
    return row === undefined ? undefined : toTracker(row);
  }

  /** Served by the primary key's merchant prefix and the (merchant_id, object_id) index. */
  async search(filter: ObjectListFilter): Promise<DeliveryTracker[]> {
    let query = this.db
      .selectFrom('delivery_trackers')
      .selectAll()
      .where('merchant_id', '=', filter.merchantId);
    if (filter.environment !== undefined)
      query = query.where('environment', '=', filter.environment);
    const search = filter.search ?? '';
    if (search !== '') {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('object_id', '=', search),
          sql<boolean>`tracking_number like ${pattern} escape '\\'`,
        ]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('tracking_number')
      .limit(filter.limit)
      .execute();
    return rows.map(toTracker);
  }

  async list(merchantId: string, objectId?: string): Promise<DeliveryTracker[]> {
    let query = this.db
      .selectFrom('delivery_trackers')
      .selectAll()
      .where('merchant_id', '=', merchantId);
    if (objectId !== undefined) query = query.where('object_id', '=', objectId);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('tracking_number')
      .limit(500)
      .execute();
    return rows.map(toTracker);
  }
}
