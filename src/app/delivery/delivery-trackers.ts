import {
  checkDeliveryDetail,
  invalidDetail,
  invalidTarget,
  type DeliveryDetail,
  type DeliveryTracker,
  type TrackedObjectType,
} from '../../domain/delivery/delivery-tracker.js';
import type { AppDependencies } from '../ports.js';
import { UniqueViolation } from '../ports.js';
import type { Unit } from '../unit-of-work.js';

/**
 * Create Delivery Tracker (issue 11 point 4): by `chargePermissionId` (a v2 Charge Permission) or
 * `amazonOrderReferenceId` (a v1 Order Reference, or a Charge Permission id, which shares its
 * format). Every tracker is stored with the order it names, in the request's transaction.
 */
export interface CreateDeliveryTrackerInput {
  readonly field: 'chargePermissionId' | 'amazonOrderReferenceId';
  readonly id: string;
  readonly deliveryDetails: readonly DeliveryDetail[];
}

async function targetOf(unit: Unit, input: CreateDeliveryTrackerInput): Promise<TrackedObjectType> {
  if (await unit.tx.chargePermissions.find(unit.scope, input.id)) return 'ChargePermission';
  if (
    input.field === 'amazonOrderReferenceId' &&
    (await unit.tx.orderReferences.find(unit.scope, input.id))
  )
    return 'OrderReference';
  throw invalidTarget(input.field);
}

export async function createDeliveryTrackers(
  unit: Unit,
  input: CreateDeliveryTrackerInput,
): Promise<DeliveryTracker[]> {
  const details = input.deliveryDetails.map(checkDeliveryDetail);
  const objectType = await targetOf(unit, input);
  const trackers = details.map((detail): DeliveryTracker => ({
    ...detail,
    merchantId: unit.merchant.merchantId,
    environment: unit.scope.environment,
    objectType,
    objectId: input.id,
    createdAt: unit.now,
  }));
  for (const tracker of trackers)
    try {
      await unit.tx.deliveryTrackers.insert(tracker);
    } catch (error) {
      if (error instanceof UniqueViolation)
        throw invalidDetail(
          `the tracking number ${tracker.trackingNumber} of ${tracker.carrierCode} was already used; tracking codes can only be used once.`,
        );
      throw error;
    }
  return trackers;
}

/** The admin API's view: a merchant's trackers, newest first, optionally for one order. */
export const listDeliveryTrackers = (
  deps: AppDependencies,
  merchantId: string,
  objectId?: string,
): Promise<DeliveryTracker[]> =>
  deps.store.transaction((tx) => tx.deliveryTrackers.list(merchantId, objectId));
