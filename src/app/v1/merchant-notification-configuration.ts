import { invalidParameter } from '../../domain/shared/errors.js';
import { putIpnEndpoint } from '../ipn-administration.js';
import type { Unit } from '../unit-of-work.js';

/** Event types SetMerchantNotificationConfiguration takes (spec v1 §2.9). */
export const V1_EVENT_TYPES = [
  'ALL',
  'ORDER_REFERENCE',
  'PAYMENT_AUTHORIZE',
  'PAYMENT_CAPTURE',
  'PAYMENT_REFUND',
  'BILLING_AGREEMENT',
  'CHARGEBACK_DETAILED',
] as const;

export interface NotificationConfiguration {
  readonly notificationUrl: string;
  readonly eventTypes: readonly string[];
}

/**
 * SetMerchantNotificationConfiguration: the same per-environment endpoint the admin API sets.
 * localpay keeps one URL per environment and sends it every event type (docs/decisions.md); an
 * empty list removes the endpoint.
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
  for (const type of configuration?.eventTypes ?? [])
    if (!(V1_EVENT_TYPES as readonly string[]).includes(type))
      throw invalidParameter('EventTypes', `'${type}' is not one of ${V1_EVENT_TYPES.join(', ')}.`);
  await putIpnEndpoint(unit.tx, unit, {
    merchantId: unit.scope.merchantId,
    environment: unit.scope.environment,
    url: configuration?.notificationUrl ?? null,
    now: unit.now,
  });
}

export async function getMerchantNotificationConfiguration(
  unit: Unit,
): Promise<NotificationConfiguration[]> {
  const endpoints = await unit.tx.outbox.listEndpoints(unit.scope.merchantId);
  return endpoints
    .filter((endpoint) => endpoint.environment === unit.scope.environment)
    .map((endpoint) => ({ notificationUrl: endpoint.url, eventTypes: ['ALL'] }));
}
