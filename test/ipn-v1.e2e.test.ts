import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpnReceiver, ReceivedIpn } from '../src/testing/ipn-receiver.js';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { connectV1 } from './support/mws-client.js';

/**
 * v1 IPNs through the same delivery engine (spec v1 §6): the v1 payment flow produces
 * PaymentAuthorize and PaymentCapture notifications whose Message carries the object's details as
 * NotificationData XML, signed like the v2 ones.
 */
describe('v1 IPNs', () => {
  let platform: TestPlatform;
  let receiver: IpnReceiver;

  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(() => platform.close());

  const messageOf = (ipn: ReceivedIpn): Record<string, string> =>
    JSON.parse(String(ipn.envelope?.Message)) as Record<string, string>;

  it('delivers PaymentAuthorize and PaymentCapture with their details as XML', async () => {
    const merchant = await platform.createMerchant({ region: 'UK' });
    receiver = await platform.receiveIpns(merchant.merchantId);
    const client = await connectV1(platform, merchant);
    const buyer = createV1Buyer(platform.httpUrl);
    const token = await buyer.signIn(merchant.storeId);
    const oro = await buyer.createOrderReference(token, merchant.merchantId);
    await client.call('SetOrderReferenceDetails', {
      AmazonOrderReferenceId: oro,
      OrderReferenceAttributes: { OrderTotal: { Amount: '20.00', CurrencyCode: 'GBP' } },
    });
    await client.call('ConfirmOrderReference', {
      AmazonOrderReferenceId: oro,
      SuccessUrl: 'https://shop.example/ok',
    });
    await buyer.confirmationFlow(merchant.merchantId, oro, 'pass');
    const authorized = await client.call('Authorize', {
      AmazonOrderReferenceId: oro,
      AuthorizationReferenceId: 'ipn-v1',
      AuthorizationAmount: { Amount: '20.00', CurrencyCode: 'GBP' },
      TransactionTimeout: 0,
      CaptureNow: true,
    });
    const authorizationId = String(authorized.AuthorizationDetails.AmazonAuthorizationId);

    const has = (type: string) => (all: readonly ReceivedIpn[]) =>
      all.some((ipn) => messageOf(ipn).NotificationType === type);
    await receiver.waitFor((all) => has('PaymentAuthorize')(all) && has('PaymentCapture')(all));
    for (const ipn of receiver.received) {
      const { message } = await platform.verifyIpn(ipn.body);
      expect(Object.keys(message)).toEqual(
        expect.arrayContaining([
          'ReleaseEnvironment',
          'MarketplaceID',
          'Version',
          'NotificationType',
          'SellerId',
          'NotificationReferenceId',
          'Timestamp',
          'NotificationData',
        ]),
      );
      expect(message).toMatchObject({
        ReleaseEnvironment: 'Sandbox',
        Version: '2013-01-01',
        SellerId: merchant.merchantId,
        NotificationReferenceId: ipn.messageId,
      });
      expect(String(message.NotificationData)).toMatch(
        /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<\w+Notification xmlns="https:\/\/mws\.amazonservices\.com\/ipn\/OffAmazonPayments\/2013-01-01">/,
      );
    }
    const authorize = receiver.received
      .map(messageOf)
      .find((m) => m.NotificationType === 'PaymentAuthorize');
    expect(authorize?.NotificationData).toContain('<AuthorizationDetails>');
    expect(authorize?.NotificationData).toContain(
      `<AmazonAuthorizationId>${authorizationId}</AmazonAuthorizationId>`,
    );
    const capture = receiver.received
      .map(messageOf)
      .find((m) => m.NotificationType === 'PaymentCapture');
    expect(capture?.NotificationData).toContain('<CaptureNotification');
    expect(capture?.NotificationData).toContain('<CaptureDetails>');
  });
});
