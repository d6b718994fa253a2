import {
  deliveryTrackerId,
  parseDeliveryTrackerId,
  TRACKER_STATE,
  type DeliveryTracker,
} from '../../domain/delivery/delivery-tracker.js';
import { RELEASE_ENVIRONMENTS } from '../../domain/shared/environment.js';
import type { Loader } from '../load-aggregates.js';
import type { AggregateRepository, Scope, Transaction } from '../ports.js';

/**
 * Delivery trackers as console objects (issue 14 point 2). Amazon gives a tracker no id and no
 * state, and localpay stores them as plain rows, so the console reads them through this read-only
 * view: the id is the tracker's key (deliveryTrackerId), the state the one a tracker has
 * ("Created"), and the order it ships is named by the field the other console pages link by.
 */
export interface DeliveryTrackerObject extends DeliveryTracker {
  readonly id: string;
  readonly state: string;
  readonly chargePermissionId?: string;
  readonly orderReferenceId?: string;
}

const asObject = (tracker: DeliveryTracker): DeliveryTrackerObject => ({
  ...tracker,
  id: deliveryTrackerId(tracker),
  state: TRACKER_STATE,
  ...(tracker.objectType === 'ChargePermission'
    ? { chargePermissionId: tracker.objectId }
    : { orderReferenceId: tracker.objectId }),
});

const readOnly = (): never => {
  throw new Error('Delivery trackers are written by Create Delivery Tracker only.');
};

export function deliveryTrackerObjects(
  tx: Transaction,
): AggregateRepository<DeliveryTrackerObject> {
  const find = async (scope: Scope, id: string) => {
    const key = parseDeliveryTrackerId(id);
    if (
      key === undefined ||
      key.merchantId !== scope.merchantId ||
      key.environment !== scope.environment
    )
      return undefined;
    const tracker = await tx.deliveryTrackers.find(key);
    return tracker === undefined ? undefined : asObject(tracker);
  };
  return {
    find,
    findForUpdate: find,
    insert: readOnly,
    update: readOnly,
    // A tracker has no timers.
    dueIds: () => Promise.resolve([]),
    async scopeOf(id) {
      const key = parseDeliveryTrackerId(id);
      const environment = RELEASE_ENVIRONMENTS.find((env) => env === key?.environment);
      if (key === undefined || environment === undefined) return undefined;
      const scope = { merchantId: key.merchantId, environment };
      return (await find(scope, id)) === undefined ? undefined : scope;
    },
    async list(filter) {
      if (filter.state !== undefined && filter.state !== TRACKER_STATE) return [];
      return (await tx.deliveryTrackers.search(filter)).map(asObject);
    },
  };
}

export const deliveryTrackers: Loader<DeliveryTrackerObject> = {
  name: 'Delivery Tracker',
  repository: (unit) => deliveryTrackerObjects(unit.tx),
  settle: (tracker) => tracker,
  onChange: () => Promise.resolve(),
};
