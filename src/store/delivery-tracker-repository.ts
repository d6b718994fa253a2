import type { Kysely, Selectable } from 'kysely';
import type { DeliveryTrackerRepository } from '../app/ports.js';
import type { DeliveryTracker } from '../domain/delivery/delivery-tracker.js';
import { CorruptRowError, environmentColumn } from './row-values.js';
import type { Database, DeliveryTrackersTable } from './schema.js';
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
  constructor(private readonly db: Kysely<Database>) {}

  insert(tracker: DeliveryTracker): Promise<void> {
    return insertOrThrowUnique(
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
