/**
 * The inner `Message` of an envelope, rendered when the notification is delivered, by one renderer
 * per API generation: v2's JSON naming the object (spec v2 §10.2), v1's JSON carrying the object's
 * details as NotificationData XML (spec v1 §6.2).
 */
import type {
  NotificationRecord,
  V1EventType,
  V1NotificationType,
  XmlContent,
} from '../app/ports.js';
import type { Region } from '../domain/shared/environment.js';
import { renderXmlContent } from './xml-content.js';
import { MARKETPLACE_ID } from './topic.js';

export interface RenderContext {
  readonly merchantRegion: Region;
}

/** v2 (spec v2 §10.2): the message names the object and carries no state; receivers GET it. */
export function renderV2Message(notification: NotificationRecord): string {
  return JSON.stringify({
    MerchantID: notification.merchantId,
    ObjectType: notification.objectType,
    ObjectId: notification.objectId,
    ChargePermissionId: notification.chargePermissionId,
    NotificationType: notification.notificationType,
    NotificationId: notification.id,
    NotificationVersion: 'V2',
  });
}

/** The XML root and the element inside it per v1 NotificationType (spec v1 §6.2 table). */
export const V1_ELEMENTS = {
  OrderReferenceNotification: ['OrderReferenceNotification', 'OrderReference'],
  BillingAgreementNotification: ['BillingAgreementNotification', 'BillingAgreement'],
  PaymentAuthorize: ['AuthorizationNotification', 'AuthorizationDetails'],
  PaymentCapture: ['CaptureNotification', 'CaptureDetails'],
  PaymentRefund: ['RefundNotification', 'RefundDetails'],
  ProviderCredit: ['ProviderCreditNotification', 'ProviderCreditDetails'],
  ProviderCreditReversal: ['ProviderCreditReversalNotification', 'ProviderCreditReversalDetails'],
} as const satisfies Record<V1NotificationType, readonly [string, string]>;

const IPN_NAMESPACE = 'https://mws.amazonservices.com/ipn/OffAmazonPayments/2013-01-01';
/** Python's SDK strips exactly this prefix, declaration plus newline (spec v1 §6.2). */
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const isV1Type = (value: string): value is V1NotificationType => value in V1_ELEMENTS;

export interface V1Payload {
  readonly eventType?: V1EventType;
  readonly details: XmlContent;
}

export function renderNotificationData(type: V1NotificationType, details: XmlContent): string {
  const [root, child] = V1_ELEMENTS[type];
  return (
    `${XML_DECLARATION}<${root} xmlns="${IPN_NAMESPACE}">\n` +
    renderXmlContent({ [child]: details }, '    ') +
    `</${root}>`
  );
}

/** v1 (spec v1 §6.2): key order as in Amazon's fixtures; Timestamp is the publish time. */
export function renderV1Message(notification: NotificationRecord, context: RenderContext): string {
  const type = notification.notificationType;
  if (!isV1Type(type) || notification.payload === null)
    throw new Error(`Outbox row ${notification.id} is not a v1 notification.`);
  const payload = JSON.parse(notification.payload) as V1Payload;
  return JSON.stringify({
    ReleaseEnvironment: notification.environment,
    MarketplaceID: MARKETPLACE_ID[context.merchantRegion][notification.environment],
    Version: '2013-01-01',
    ...(payload.eventType === undefined ? {} : { EventType: payload.eventType }),
    NotificationType: type,
    SellerId: notification.merchantId,
    NotificationReferenceId: notification.id,
    Timestamp: new Date(notification.createdAt).toISOString(),
    NotificationData: renderNotificationData(type, payload.details),
  });
}

export function renderMessage(notification: NotificationRecord, context: RenderContext): string {
  return notification.apiVersion === 'v1'
    ? renderV1Message(notification, context)
    : renderV2Message(notification);
}
