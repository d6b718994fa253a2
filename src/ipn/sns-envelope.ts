/**
 * The Amazon SNS HTTP notification that carries an IPN (spec v2 §10.3, v1 §6.1, §6.3), signed with
 * SignatureVersion 1: SHA1withRSA over `key\nvalue\n` for Message, MessageId, Subject (when
 * present), Timestamp, TopicArn and Type, in that order. localpay never sends Subject (Java and
 * Python never sign it, PHP and Node do when present: spec v1 §6.3).
 */
import { sign, type KeyObject } from 'node:crypto';

export interface SnsEnvelope {
  readonly Type: 'Notification';
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly SignatureVersion: '1';
  readonly Signature: string;
  readonly SigningCertURL: string;
  readonly UnsubscribeURL: string;
}

export type UnsignedEnvelope = Omit<SnsEnvelope, 'Signature' | 'SignatureVersion'>;

/** The SNS rule for every message type: listed keys in byte order, only those present. */
const SIGNED_KEYS = [
  'Message',
  'MessageId',
  'Subject',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;

export function stringToSign(fields: object): string {
  let text = '';
  for (const key of SIGNED_KEYS) {
    const value = (fields as Readonly<Record<string, unknown>>)[key];
    if (typeof value === 'string') text += `${key}\n${value}\n`;
  }
  return text;
}

export function signEnvelope(unsigned: UnsignedEnvelope, key: KeyObject): SnsEnvelope {
  return withSignature(unsigned, sign('sha1', Buffer.from(stringToSign(unsigned), 'utf8'), key));
}

/**
 * The same, with the RSA operation on libuv's thread pool (about 0.4 ms per signature that the
 * event loop, which also serves the API, does not spend).
 */
export function signEnvelopeOffThread(
  unsigned: UnsignedEnvelope,
  key: KeyObject,
): Promise<SnsEnvelope> {
  return new Promise((resolve, reject) =>
    sign('sha1', Buffer.from(stringToSign(unsigned), 'utf8'), key, (error, signature) =>
      error ? reject(error) : resolve(withSignature(unsigned, signature)),
    ),
  );
}

function withSignature(unsigned: UnsignedEnvelope, signature: Buffer): SnsEnvelope {
  return {
    Type: unsigned.Type,
    MessageId: unsigned.MessageId,
    TopicArn: unsigned.TopicArn,
    Message: unsigned.Message,
    Timestamp: unsigned.Timestamp,
    SignatureVersion: '1',
    Signature: signature.toString('base64'),
    SigningCertURL: unsigned.SigningCertURL,
    UnsubscribeURL: unsigned.UnsubscribeURL,
  };
}

/** A copy whose signature does not verify (chaos): the same bytes, one bit flipped. */
export function withBadSignature(envelope: SnsEnvelope): SnsEnvelope {
  const bytes = Buffer.from(envelope.Signature, 'base64');
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x01;
  return { ...envelope, Signature: bytes.toString('base64') };
}

/** The headers SNS sends with a notification (spec v1 §6.1); SDKs read the first and third. */
export function snsHeaders(envelope: SnsEnvelope, subscriptionArn: string): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=UTF-8',
    'x-amz-sns-message-type': envelope.Type,
    'x-amz-sns-message-id': envelope.MessageId,
    'x-amz-sns-topic-arn': envelope.TopicArn,
    'x-amz-sns-subscription-arn': subscriptionArn,
    'user-agent': 'Amazon Simple Notification Service Agent',
  };
}
