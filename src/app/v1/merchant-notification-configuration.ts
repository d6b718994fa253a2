import {
  EVENT_TYPE_OF_NOTIFICATION,
  eventTypesOf,
  storedEventTypes,
  V1_EVENT_TYPES,
  type V1EventTypeName,
} from '../../domain/merchant/v1-event-types.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import type { V1NotificationType } from '../ports.js';
import { putIpnEndpoint } from '../ipn-administration.js';
import type { Unit } from '../unit-of-work.js';

/** Every NotificationType localpay sends has its row (a type without one would never be filtered). */
const _everyTypeMapped: Record<V1NotificationType, unknown> = EVENT_TYPE_OF_NOTIFICATION;

export interface NotificationConfiguration {
  readonly notificationUrl: string;
  readonly eventTypes: readonly string[];
}

/**
 * SetMerchantNotificationConfiguration: the same per-environment endpoint the admin API sets.
 * localpay keeps one URL per environment; v1 notifications go there only for the event types it
 * lists (ALL, or none given: every type; docs/decisions.md). An empty list removes the endpoint.
 */
export async function setMerchantNotificationConfiguration(
  unit: Unit,
  configurations: readonly NotificationConfiguration[],
): Promise<void> {
  if (configurations.length > 1)
    throw invalidParameter(
      'NotificationConfigurationList',
      'localpay keeps one notification URL per environment.',
    );
  const [configuration] = configurations;
  const types = configuration?.eventTypes ?? [];
  for (const type of types)
    if (!(V1_EVENT_TYPES as readonly string[]).includes(type))
      throw invalidParameter('EventTypes', `'${type}' is not one of ${V1_EVENT_TYPES.join(', ')}.`);
  await putIpnEndpoint(unit.tx, unit, {
    merchantId: unit.scope.merchantId,
    environment: unit.scope.environment,
    url: configuration?.notificationUrl ?? null,
    now: unit.now,
    eventTypes: storedEventTypes(types as V1EventTypeName[]),
  });
}

export async function getMerchantNotificationConfiguration(
  unit: Unit,
): Promise<NotificationConfiguration[]> {
  const endpoints = await unit.tx.outbox.listEndpoints(unit.scope.merchantId);
  return endpoints
    .filter((endpoint) => endpoint.environment === unit.scope.environment)
    .map((endpoint) => ({
      notificationUrl: endpoint.url,
      eventTypes: eventTypesOf(endpoint.eventTypes ?? null),
    }));
}
