import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringToSign, type SnsEnvelope } from '../../examples/shop/ipn-verification.js';
import { startShop, type ShopUnderTest } from './shop-harness.js';

/**
 * The shop's IPN endpoint refuses what is not a genuine Amazon Pay notification with a 400 (so
 * it is not retried) and never acts on it. Genuine notifications, forged copies and duplicates
 * from a live localpay are covered by the Chromium suite (shop-subscriptions.browser.test.ts).
 */
describe('the reference shop’s IPN endpoint', () => {
  let t: ShopUnderTest;
  beforeAll(async () => {
    t = await startShop();
  }, 60_000);
  afterAll(() => t?.close());

  const post = async (body: string) => {
    const response = await fetch(`${t.url}/ipn`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8' },
      body,
    });
    return { status: response.status, body: (await response.json()) as { error?: string } };
  };

  const envelope = (overrides: Partial<Record<keyof SnsEnvelope, string>> = {}) =>
    JSON.stringify({
      Type: 'Notification',
      MessageId: 'b6a0f2c6-0000-4000-8000-000000000001',
      TopicArn: 'arn:aws:sns:eu-west-1:291180941288:A1',
      Message: JSON.stringify({
        NotificationVersion: 'V2',
        ObjectType: 'CHARGE_PERMISSION',
        ObjectId: 'B02-0000000-0000000',
        NotificationType: 'STATE_CHANGE',
      }),
      Timestamp: '2026-11-23T12:00:00.000Z',
      SignatureVersion: '1',
      Signature: Buffer.from('not a signature').toString('base64'),
      SigningCertURL: new URL(
        '/_localpay/ipn/signing-cert.pem',
        `https://${t.shop.localpay.httpsHost}`,
      ).toString(),
      ...overrides,
    });

  it.each([
    ['not JSON', 'hello', 'The body is not JSON.'],
    ['a field missing', JSON.stringify({ Type: 'Notification' }), 'No MessageId in the envelope.'],
    ['another SignatureVersion', null, 'Unsupported SignatureVersion 2.'],
    ['a certificate over http', null, 'SigningCertURL must be an https URL of a .pem file.'],
    ['a certificate on another host', null, 'SigningCertURL host evil.example is not trusted.'],
    ['a forged signature', null, 'The signature does not match.'],
  ])('answers 400 to %s', async (what, body, error) => {
    const bodies: Record<string, string> = {
      'another SignatureVersion': envelope({ SignatureVersion: '2' }),
      'a certificate over http': envelope({
        SigningCertURL: `http://${t.shop.localpay.httpsHost}/_localpay/ipn/signing-cert.pem`,
      }),
      'a certificate on another host': envelope({
        SigningCertURL: 'https://evil.example/SimpleNotificationService.pem',
      }),
      'a forged signature': envelope(),
    };
    const answer = await post(body ?? bodies[what] ?? '');
    expect(answer).toEqual({ status: 400, body: { error } });
    expect(t.log).toContain(`IPN rejected: ${error}`);
  });

  it('signs Message, MessageId, Subject (when present), Timestamp, TopicArn and Type', () => {
    const parsed = JSON.parse(envelope({ Subject: 'S' })) as SnsEnvelope;
    expect(stringToSign(parsed)).toBe(
      `Message\n${parsed.Message}\nMessageId\n${parsed.MessageId}\nSubject\nS\n` +
        `Timestamp\n${parsed.Timestamp}\nTopicArn\n${parsed.TopicArn}\nType\nNotification\n`,
    );
  });
});
