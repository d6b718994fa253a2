import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { IpnReceiver } from '../src/testing/ipn-receiver.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue "IPN delivery", done-when 1: the Saved Wallet charge lifecycle, driven through the official
 * SDK and the buyer's pages, produces the notifications spec v2 §10.2 lists, delivered to a real
 * HTTP receiver on loopback, each signed so that node:crypto verifies it against the certificate
 * localpay serves at the envelope's SigningCertURL.
 */
type Expected = readonly [objectType: string, objectId: string, notificationType: string];

const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

describe('IPNs of the Saved Wallet charge lifecycle', () => {
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: WebStoreClient;
  let receiver: IpnReceiver;
  let seen = 0;

  beforeAll(async () => {
    platform = await createTestPlatform();
    merchant = await platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    receiver = await platform.receiveIpns(merchant.merchantId);
  });
  afterAll(() => platform.close());

  /** Waits for exactly the expected notifications (in any order), verifying every signature. */
  async function expectNotifications(...expected: Expected[]): Promise<void> {
    const all = await receiver.waitFor(seen + expected.length);
    const fresh = all.slice(seen);
    seen += expected.length;
    const got: Expected[] = [];
    for (const ipn of fresh) {
      expect(ipn.headers['content-type']).toMatch(/^text\/plain/);
      expect(ipn.headers['x-amz-sns-message-type']).toBe('Notification');
      const { envelope, message } = await platform.verifyIpn(ipn.body);
      expect(envelope).toMatchObject({
        Type: 'Notification',
        SignatureVersion: '1',
        SigningCertURL: `https://${platform.httpsHost}/_localpay/ipn/signing-cert.pem`,
      });
      expect(envelope.TopicArn).toMatch(/^arn:aws:sns:us-east-1:\d{12}:\w+$/);
      expect(ipn.headers['x-amz-sns-topic-arn']).toBe(envelope.TopicArn);
      expect(Object.keys(message)).toEqual([
        'MerchantID',
        'ObjectType',
        'ObjectId',
        'ChargePermissionId',
        'NotificationType',
        'NotificationId',
        'NotificationVersion',
      ]);
      expect(message).toMatchObject({
        MerchantID: merchant.merchantId,
        NotificationId: envelope.MessageId,
        NotificationVersion: 'V2',
      });
      got.push([
        String(message.ObjectType),
        String(message.ObjectId),
        String(message.NotificationType),
      ]);
    }
    const sort = (list: readonly Expected[]) => [...list].map((e) => e.join(' ')).sort();
    expect(sort(got)).toEqual(sort(expected));
  }

  it('notifies every state and attribute change, signed', async () => {
    const permissionId = await setUpSavedWallet(client, platform, merchant);
    // Setting up the wallet answers synchronously: nothing is notified.

    const captured = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: usd('14.00'),
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    const capturedId = String(captured.data.chargeId);
    await expectNotifications(['CHARGE', capturedId, 'STATE_CHANGE']);

    const authorized = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: usd('30.00'),
        chargeInitiator: 'CITU',
        captureNow: false,
      },
      idem(),
    );
    const authorizedId = String(authorized.data.chargeId);
    await expectNotifications(['CHARGE', authorizedId, 'STATE_CHANGE']);
    await client.captureCharge(authorizedId, { captureAmount: usd('30.00') }, idem());
    await expectNotifications(['CHARGE', authorizedId, 'STATE_CHANGE']);

    const refund = await client.createRefund(
      { chargeId: capturedId, refundAmount: usd('4.00') },
      idem(),
    );
    const refundId = String(refund.data.refundId);
    await expectNotifications(['REFUND', refundId, 'STATE_CHANGE']);
    await platform.advanceClock(merchant.merchantId, '1m');
    await expectNotifications(['REFUND', refundId, 'STATE_CHANGE']);

    const pending = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: usd('12.00'),
        chargeInitiator: 'MITR',
        canHandlePendingAuthorization: true,
      },
      idem({ 'x-amz-pay-simulation-code': 'AuthorizationInitiated' }),
    );
    const pendingId = String(pending.data.chargeId);
    await expectNotifications(['CHARGE', pendingId, 'STATE_CHANGE']);
    await platform.advanceClock(merchant.merchantId, '1m');
    await expectNotifications(['CHARGE', pendingId, 'STATE_CHANGE']);
    await client.cancelCharge(pendingId, { cancellationReason: 'Out of stock' });
    await expectNotifications(['CHARGE', pendingId, 'STATE_CHANGE']);

    const declined = await sdkFailure(
      client.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: usd('20.00'),
          chargeInitiator: 'MITR',
          captureNow: true,
        },
        idem({ 'x-amz-pay-simulation-code': 'HardDeclined' }),
      ),
    );
    expect(declined.data.reasonCode).toBe('HardDeclined');
    const [declinedCharge] = (await receiver.waitFor(seen + 2))
      .slice(seen)
      .map((ipn) => JSON.parse(String(ipn.envelope?.Message)) as Record<string, string>)
      .filter((message) => message.ObjectType === 'CHARGE');
    await expectNotifications(
      ['CHARGE', String(declinedCharge?.ObjectId), 'STATE_CHANGE'],
      ['CHARGE_PERMISSION', permissionId, 'STATE_CHANGE'],
    );

    // The buyer picks another card: Chargeable again, with a new payment method.
    await platform.buyer.updatePaymentMethod(permissionId, '4444');
    await expectNotifications(
      ['CHARGE_PERMISSION', permissionId, 'STATE_CHANGE'],
      ['CHARGE_PERMISSION', permissionId, 'ATTRIBUTE_CHANGE'],
    );
    // Another card while Chargeable: an attribute change only.
    await platform.buyer.updatePaymentMethod(permissionId, '1111');
    await expectNotifications(['CHARGE_PERMISSION', permissionId, 'ATTRIBUTE_CHANGE']);

    // The buyer removes the Saved Wallet.
    await platform.buyer.removeWallet(permissionId);
    await expectNotifications(['CHARGE_PERMISSION', permissionId, 'STATE_CHANGE']);

    const other = await setUpSavedWallet(client, platform, merchant);
    await client.closeChargePermission(other, { closureReason: 'No more orders' });
    await expectNotifications(['CHARGE_PERMISSION', other, 'STATE_CHANGE']);

    // Nothing else was sent, and the log shows every notification delivered on its first attempt.
    await platform.localpay.ipn.dispatcher?.whenIdle();
    expect(receiver.received).toHaveLength(seen);
    const log = await fetch(
      `${platform.httpUrl}/_localpay/ipn/notifications?merchantId=${merchant.merchantId}&limit=100`,
    );
    const { notifications } = (await log.json()) as {
      notifications: { status: string; attempts: number }[];
    };
    expect(notifications).toHaveLength(seen);
    expect(notifications.every((n) => n.status === 'delivered' && n.attempts === 1)).toBe(true);
  });

  it('serves the signing certificate on both listeners, issued for sns.amazonaws.com', async () => {
    const overHttp = await fetch(`${platform.httpUrl}/_localpay/ipn/signing-cert.pem`);
    expect(overHttp.status).toBe(200);
    const pem = await overHttp.text();
    expect(pem).toBe(platform.localpay.ipn.signing.certPem);
    // The same certificate under an SNS-style name, for a verifier pointed at localpay's host.
    const snsStyle = await fetch(`${platform.httpUrl}/SimpleNotificationService-localpay.pem`);
    expect(await snsStyle.text()).toBe(pem);
    const { X509Certificate } = await import('node:crypto');
    const cert = new X509Certificate(pem);
    expect(cert.subject).toBe('CN=sns.amazonaws.com');
    expect(cert.checkIssued(new X509Certificate(platform.localpay.tls.caCertPem))).toBe(true);
  });
});
