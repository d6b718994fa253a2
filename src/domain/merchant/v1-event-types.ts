/**
 * The event types of SetMerchantNotificationConfiguration (spec v1 §2.9; PHP SDK README: "possible
 * array values: ALL, ORDER_REFERENCE, PAYMENT_AUTHORIZE, PAYMENT_CAPTURE, PAYMENT_REFUND,
 * BILLING_AGREEMENT, CHARGEBACK_DETAILED") and which v1 NotificationType each one subscribes to.
 */
export const V1_EVENT_TYPES = [
  'ALL',
  'ORDER_REFERENCE',
  'PAYMENT_AUTHORIZE',
  'PAYMENT_CAPTURE',
  'PAYMENT_REFUND',
  'BILLING_AGREEMENT',
  'CHARGEBACK_DETAILED',
] as const;
export type V1EventTypeName = (typeof V1_EVENT_TYPES)[number];

/**
 * A NotificationType's event type; null for the ones no documented event type names (provider
 * credits and their reversals): only an endpoint subscribed to ALL gets those (docs/decisions.md).
 */
export const EVENT_TYPE_OF_NOTIFICATION = {
  OrderReferenceNotification: 'ORDER_REFERENCE',
  PaymentAuthorize: 'PAYMENT_AUTHORIZE',
  PaymentCapture: 'PAYMENT_CAPTURE',
  PaymentRefund: 'PAYMENT_REFUND',
  BillingAgreementNotification: 'BILLING_AGREEMENT',
  ChargebackDetailedNotification: 'CHARGEBACK_DETAILED',
  ProviderCredit: null,
  ProviderCreditReversal: null,
} as const satisfies Record<string, Exclude<V1EventTypeName, 'ALL'> | null>;

/**
 * How an endpoint's subscription is stored: null for every type (ALL, or nothing given), else the
 * types between commas (`,PAYMENT_CAPTURE,PAYMENT_REFUND,`) so a LIKE finds one exactly.
 */
export function storedEventTypes(types: readonly V1EventTypeName[]): string | null {
  if (types.length === 0 || types.includes('ALL')) return null;
  return `,${[...new Set(types)].join(',')},`;
}

export const eventTypesOf = (stored: string | null): V1EventTypeName[] =>
  stored === null ? ['ALL'] : (stored.split(',').filter((t) => t !== '') as V1EventTypeName[]);

/**
 * The LIKE pattern an endpoint's stored types must match for a notification to be sent there
 * (null stored types match everything): `%` for v2 notifications, which event types do not filter.
 */
export function eventTypePattern(apiVersion: 'v1' | 'v2', notificationType: string): string {
  if (apiVersion === 'v2') return '%';
  const type: string | null | undefined =
    EVENT_TYPE_OF_NOTIFICATION[notificationType as keyof typeof EVENT_TYPE_OF_NOTIFICATION];
  // No event type names it: no stored list can contain ",ALL," (ALL is stored as null).
  return `%,${type ?? 'ALL'},%`;
}
