import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMwsCredentials } from '../src/app/v1/mws-credentials.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { startIpnReceiver, type ReceivedIpn } from '../src/testing/ipn-receiver.js';
import { connectV1 } from './support/mws-client.js';
import { normaliseXml, signedPost, type SignedPostOptions } from './support/mws-signed-post.js';

/**
 * The MWS transport (spec v1 §1): both section paths with and without the trailing slash, the
 * host signed with or without the port, the Timestamp forms, text/xml exactly, throttling, and
 * the Login with Amazon endpoints through the client's own api helpers.
 */
let platform: TestPlatform;
let merchant: TestMerchant;
let options: SignedPostOptions;

beforeAll(async () => {
  platform = await createTestPlatform({
    mwsThrottle: { kind: 'custom', burst: 3, perSecond: 0.01 },
  });
  merchant = await platform.createMerchant({ region: 'NA' });
  const [key] = await listMwsCredentials(platform.localpay.deps, merchant.merchantId);
  options = {
    httpUrl: platform.httpUrl,
    accessKeyId: key!.accessKeyId,
    secretKey: key!.secretKey,
    sellerId: merchant.merchantId,
  };
});
afterAll(() => platform.close());

describe('v1 transport', () => {
  it.each([
    ['/OffAmazonPayments_Sandbox/2013-01-01', '127.0.0.1'],
    ['/OffAmazonPayments_Sandbox/2013-01-01/', '127.0.0.1'],
    ['/OffAmazonPayments/2013-01-01', 'mws.amazonservices.com'],
    ['/OffAmazonPayments/2013-01-01/', 'host:port'],
  ])('%s signed for host %s answers text/xml', async (path, host) => {
    const signedHost = host === 'host:port' ? new URL(platform.httpUrl).host : host;
    const response = await signedPost({ ...options, path, signedHost }, 'GetMerchantAccountStatus');
    expect(response.status, response.body).toBe(200);
    expect(response.contentType).toBe('text/xml');
    expect(response.body).toContain('<AccountStatus>ACTIVE</AccountStatus>');
  });

  it('accepts the Timestamp forms of every SDK, the lower-case z of amazon-payments included', async () => {
    const now = new Date();
    const seconds = now.toISOString().replace(/\.\d{3}Z$/, '');
    for (const timestamp of [`${seconds}Z`, `${seconds}.000Z`, `${seconds}z`])
      expect((await signedPost({ ...options, timestamp }, 'GetServiceStatus')).status).toBe(200);
  });

  it('a sandbox order reference is not found on the live endpoint', async () => {
    const buyer = createV1Buyer(platform.httpUrl);
    const token = await buyer.signIn(merchant.storeId);
    const id = await buyer.createOrderReference(token, merchant.merchantId);
    const live = await signedPost(
      { ...options, path: '/OffAmazonPayments/2013-01-01' },
      'GetOrderReferenceDetails',
      { AmazonOrderReferenceId: id },
    );
    expect(live.status).toBe(404);
    expect(live.body).toContain('<Code>InvalidOrderReferenceId</Code>');
  });

  it('the amazon-payments client works on the trailing-slash endpoint and against the LWA endpoints', async () => {
    const client = await connectV1(platform, merchant, { trailingSlash: true });
    const buyer = createV1Buyer(platform.httpUrl);
    const token = await buyer.signIn(merchant.storeId);
    const id = await buyer.createOrderReference(token, merchant.merchantId);
    const details = await client.call('GetOrderReferenceDetails', {
      AmazonOrderReferenceId: id,
      AddressConsentToken: token,
    });
    expect(details.OrderReferenceDetails.Destination.PhysicalDestination.AddressLine1).toBe(
      '10 Ditka Ave',
    );
    const profile = await new Promise<Record<string, unknown>>((resolve, reject) =>
      client.raw.api.getProfile(token, (error, response) =>
        error ? reject(error) : resolve(response ?? {}),
      ),
    );
    expect(profile).toMatchObject({ name: 'Susie Smith', email: 'susie.smith@example.com' });
  });

  it('RequestThrottled once the quota is used up (LOCALPAY_MWS_THROTTLE)', async () => {
    const fresh = await platform.createMerchant({ region: 'NA' });
    const [key] = await listMwsCredentials(platform.localpay.deps, fresh.merchantId);
    const throttled = {
      ...options,
      accessKeyId: key!.accessKeyId,
      secretKey: key!.secretKey,
      sellerId: fresh.merchantId,
    };
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 5; i += 1) {
      const response = await signedPost(throttled, 'GetServiceStatus');
      statuses.push(response.status);
      last = response.body;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([503, 503]);
    const file = new URL('./golden/v1/RequestThrottled.xml', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file))
      writeFileSync(file, normaliseXml(last));
    expect(normaliseXml(last)).toBe(readFileSync(file, 'utf8'));
  });
});

describe('v1 asynchronous authorizations and idempotency', () => {
  it('an asynchronous authorization is Pending, then Open on the merchant clock; replays answer the same object', async () => {
    const client = await connectV1(platform, merchant);
    const buyer = createV1Buyer(platform.httpUrl);
    const token = await buyer.signIn(merchant.storeId);
    const id = await buyer.createOrderReference(token, merchant.merchantId);
    await client.call('SetOrderReferenceDetails', {
      AmazonOrderReferenceId: id,
      OrderReferenceAttributes: { OrderTotal: { Amount: '30.00', CurrencyCode: 'USD' } },
    });
    await client.call('ConfirmOrderReference', { AmazonOrderReferenceId: id });
    const params = {
      AmazonOrderReferenceId: id,
      AuthorizationReferenceId: 'async-1',
      AuthorizationAmount: { Amount: '30.00', CurrencyCode: 'USD' },
      TransactionTimeout: 1440,
    };
    const pending = await client.call('Authorize', params);
    expect(pending.AuthorizationDetails.AuthorizationStatus.State).toBe('Pending');
    const replay = await client.call('Authorize', params);
    expect(replay.AuthorizationDetails.AmazonAuthorizationId).toBe(
      pending.AuthorizationDetails.AmazonAuthorizationId,
    );
    await platform.advanceClock(merchant.merchantId, '1m');
    const open = await client.call('GetAuthorizationDetails', {
      AmazonAuthorizationId: pending.AuthorizationDetails.AmazonAuthorizationId,
    });
    expect(open.AuthorizationDetails.AuthorizationStatus.State).toBe('Open');
    expect(
      (await client.fail('Authorize', { ...params, SellerAuthorizationNote: 'other' })).code,
    ).toBe('DuplicateRequest');
  });
});

const messageOf = (ipn: ReceivedIpn): string =>
  typeof ipn.envelope?.Message === 'string' ? ipn.envelope.Message : '';

describe('v1 IPNs', () => {
  it('a v1 authorization is notified as a signed PaymentAuthorize with AuthorizationNotification data', async () => {
    const receiver = await startIpnReceiver();
    try {
      const fresh = await platform.createMerchant({ region: 'NA' });
      await platform.setIpnEndpoint(fresh.merchantId, receiver.url);
      const client = await connectV1(platform, fresh);
      const buyer = createV1Buyer(platform.httpUrl);
      const token = await buyer.signIn(fresh.storeId);
      const id = await buyer.createOrderReference(token, fresh.merchantId);
      await client.call('SetOrderReferenceDetails', {
        AmazonOrderReferenceId: id,
        OrderReferenceAttributes: { OrderTotal: { Amount: '12.00', CurrencyCode: 'USD' } },
      });
      await client.call('ConfirmOrderReference', { AmazonOrderReferenceId: id });
      await client.call('Authorize', {
        AmazonOrderReferenceId: id,
        AuthorizationReferenceId: 'ipn-1',
        AuthorizationAmount: { Amount: '12.00', CurrencyCode: 'USD' },
        TransactionTimeout: 0,
      });
      const received = await receiver.waitFor((all) =>
        all.some((ipn) => messageOf(ipn).includes('PaymentAuthorize')),
      );
      const ipn = received.find((r) => messageOf(r).includes('PaymentAuthorize'))!;
      await platform.verifyIpn(ipn.body);
      const message = JSON.parse(messageOf(ipn)) as Record<string, string>;
      expect(message).toMatchObject({
        NotificationType: 'PaymentAuthorize',
        SellerId: fresh.merchantId,
        ReleaseEnvironment: 'Sandbox',
      });
      expect(message.NotificationData).toContain('<AuthorizationNotification');
      expect(message.NotificationData).toContain(
        '<AuthorizationReferenceId>ipn-1</AuthorizationReferenceId>',
      );
    } finally {
      await receiver.close();
    }
  });
});
