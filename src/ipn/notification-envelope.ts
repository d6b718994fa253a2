import type { KeyObject } from 'node:crypto';
import type { ClaimedNotification } from '../app/ports.js';
import { renderMessage } from './message-renderers.js';
import { signEnvelopeOffThread, type SnsEnvelope } from './sns-envelope.js';
import { subscriptionArn, topicArn } from './topic.js';

/** Where localpay serves its IPN signing certificate and unsubscribe links (public routes). */
export const SIGNING_CERT_PATH = '/_localpay/ipn/signing-cert.pem';
export const UNSUBSCRIBE_PATH = '/_localpay/ipn/unsubscribe';
/**
 * The same certificate under an SNS-style file name at the root, for a SigningCertURL such as
 * `https://sns.us-east-1.amazonaws.com/SimpleNotificationService-localpay.pem` with that host
 * pointed at localpay (docs/ipn.md, "Trusting localpay's signature").
 */
export const SNS_STYLE_CERT_PATH = '/SimpleNotificationService-localpay.pem';

export interface EnvelopeContext {
  /** Absolute base such as `https://pay.example.test`, without a trailing slash. */
  readonly publicBaseUrl: string;
  /** A merchant's own SigningCertURL, when set (IpnMerchantSettings). */
  readonly signingCertUrl: string | null;
  readonly key: KeyObject;
}

export interface BuiltEnvelope {
  readonly envelope: SnsEnvelope;
  readonly subscriptionArn: string;
}

/**
 * The signed envelope of a notification. Everything in it derives from the stored row, so every
 * attempt of one notification carries the same MessageId, Timestamp (its publish time on the
 * merchant's clock) and signature, as SNS retries do.
 */
export async function buildEnvelope(
  notification: ClaimedNotification,
  context: EnvelopeContext,
): Promise<BuiltEnvelope> {
  const topic = topicArn(
    notification.merchantRegion,
    notification.environment,
    notification.merchantId,
  );
  const subscription = subscriptionArn(topic, notification.subscriptionId);
  const envelope = await signEnvelopeOffThread(
    {
      Type: 'Notification',
      MessageId: notification.id,
      TopicArn: topic,
      Message: renderMessage(notification, { merchantRegion: notification.merchantRegion }),
      Timestamp: new Date(notification.createdAt).toISOString(),
      SigningCertURL: context.signingCertUrl ?? `${context.publicBaseUrl}${SIGNING_CERT_PATH}`,
      UnsubscribeURL: `${context.publicBaseUrl}${UNSUBSCRIBE_PATH}?Action=Unsubscribe&SubscriptionArn=${subscription}`,
    },
    context.key,
  );
  return { envelope, subscriptionArn: subscription };
}
