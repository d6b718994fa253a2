import { describe, expect, it } from 'vitest';
import type { ReceivedIpn } from '../src/testing/ipn-receiver.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { connectV1, type MwsResult, type V1Client } from './support/mws-client.js';
import { signedPost, type SignedPostOptions } from './support/mws-signed-post.js';
import { BACKENDS } from './support/test-backends.js';

/**
 * Issue 12: SetMerchantNotificationConfiguration's EventTypes filter which v1 IPNs reach the URL
 * (PHP SDK README's values). The configuration goes over a signed MWS POST (amazon-payments has
 * no helper for it); the payments through the client's own authorize and refund helpers.
 */
const usd = (amount: string) => ({ Amount: amount, CurrencyCode: 'USD' });
const named = (client: V1Client, helper: 'authorize' | 'refund', params: Record<string, unknown>) =>
  new Promise<MwsResult>((resolve, reject) =>
    client.raw.offAmazonPayments[helper]!(params, (error, response) =>
      error ? reject(error) : resolve(response ?? {}),
    ),
  );
const typeOf = (ipn: ReceivedIpn) =>
  (JSON.parse(String(ipn.envelope?.Message)) as Record<string, string>).NotificationType;

describe.each(BACKENDS)('v1 EventTypes on $name', (backend) => {
  it('sends only the subscribed event types, and every type again with ALL', async () => {
    const opened = await backend.open();
    try {
      const { platform } = opened;
      const merchant = await platform.createMerchant({ region: 'NA' });
      const receiver = await platform.receiveIpns(merchant.merchantId);
      const client = await connectV1(platform, merchant);
      const options: SignedPostOptions = {
        httpUrl: platform.httpUrl,
        accessKeyId: client.accessKeyId,
        secretKey: client.secretKey,
        sellerId: merchant.merchantId,
      };
      const configure = async (...types: string[]) => {
        const fields: Record<string, string> = {
          'NotificationConfigurationList.NotificationConfiguration.1.NotificationUrl': receiver.url,
        };
        types.forEach((type, i) => {
          fields[
            `NotificationConfigurationList.NotificationConfiguration.1.EventTypes.EventTypeList.${i + 1}`
          ] = type;
        });
        const set = await signedPost(options, 'SetMerchantNotificationConfiguration', fields);
        expect(set.status, set.body).toBe(200);
      };
      const buyer = createV1Buyer(platform.httpUrl);
      const token = await buyer.signIn(merchant.storeId);
      const pay = async (ref: string) => {
        const oro = await buyer.createOrderReference(token, merchant.merchantId);
        await client.call('SetOrderReferenceDetails', {
          AmazonOrderReferenceId: oro,
          OrderReferenceAttributes: { OrderTotal: usd('10.00') },
        });
        await client.call('ConfirmOrderReference', { AmazonOrderReferenceId: oro });
        const auth = await named(client, 'authorize', {
          AmazonOrderReferenceId: oro,
          AuthorizationReferenceId: ref,
          AuthorizationAmount: usd('10.00'),
          TransactionTimeout: 0,
          CaptureNow: true,
        });
        await named(client, 'refund', {
          AmazonCaptureId: auth.AuthorizationDetails.IdList.member,
          RefundReferenceId: `${ref}-r`,
          RefundAmount: usd('1.00'),
        });
        return oro;
      };
      const counted = (type: string, status: string) =>
        opened.count(
          `select count(*) from outbox where merchant_id = $1 and notification_type = '${type}' and status = '${status}'`,
          merchant.merchantId,
        );

      await configure('PAYMENT_CAPTURE', 'PAYMENT_REFUND');
      const got = await signedPost(options, 'GetMerchantNotificationConfiguration');
      expect([...got.body.matchAll(/<member>([A-Z_]+)<\/member>/g)].map((m) => m[1])).toEqual([
        'PAYMENT_CAPTURE',
        'PAYMENT_REFUND',
      ]);
      await pay('filtered');
      await receiver.waitFor((all) => all.some((ipn) => typeOf(ipn) === 'PaymentRefund'));
      expect(new Set(receiver.received.map(typeOf))).toEqual(
        new Set(['PaymentCapture', 'PaymentRefund']),
      );
      // The others were written skipped in the same transaction, never sent.
      expect(await counted('PaymentAuthorize', 'skipped')).toBeGreaterThan(0);
      expect(await counted('OrderReferenceNotification', 'skipped')).toBeGreaterThan(0);
      expect(await counted('PaymentAuthorize', 'pending')).toBe(0);

      await configure('ALL');
      const before = receiver.received.length;
      await pay('everything');
      await receiver.waitFor((all) =>
        all.slice(before).some((ipn) => typeOf(ipn) === 'PaymentAuthorize'),
      );
      await receiver.waitFor((all) =>
        all.slice(before).some((ipn) => typeOf(ipn) === 'OrderReferenceNotification'),
      );
      const got2 = await signedPost(options, 'GetMerchantNotificationConfiguration');
      expect(got2.body).toContain('<member>ALL</member>');
    } finally {
      await opened.dispose();
    }
  }, 60_000);
});
