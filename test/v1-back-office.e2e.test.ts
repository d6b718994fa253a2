import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMwsCredentials } from '../src/app/v1/mws-credentials.js';
import { createTestPlatform, type TestMerchant, type TestPlatform } from '../src/testing/test-platform.js';
import { createV1Buyer, type V1Buyer } from '../src/testing/v1-buyer.js';
import { signedPost, type SignedPostOptions } from './support/mws-signed-post.js';

/**
 * Issue "The back office", v1: ListOrderReference(+ByNextToken) and the merchant notification
 * configuration over signed MWS POSTs (amazon-payments exposes neither, so the wire is driven
 * directly with Signature Version 2).
 */
let platform: TestPlatform;
let merchant: TestMerchant;
let buyer: V1Buyer;
let options: SignedPostOptions;

const values = (xml: string, element: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}>([^<]+)</${element}>`, 'g'))].map((m) => m[1] ?? '');

beforeAll(async () => {
  platform = await createTestPlatform();
  merchant = await platform.createMerchant({ region: 'NA' });
  buyer = createV1Buyer(platform.httpUrl);
  const [key] = await listMwsCredentials(platform.localpay.deps, merchant.merchantId);
  options = { httpUrl: platform.httpUrl, accessKeyId: key!.accessKeyId, secretKey: key!.secretKey, sellerId: merchant.merchantId };
});
afterAll(() => platform.close());

describe('v1 ListOrderReference', () => {
  it('finds order references by SellerOrderId, filtered by state, page by page', async () => {
    const token = await buyer.signIn(merchant.storeId);
    const ids: string[] = [];
    for (const sellerOrderId of ['order-7', 'order-7', 'order-7', 'other']) {
      const id = await buyer.createOrderReference(token, merchant.merchantId);
      await signedPost(options, 'SetOrderReferenceDetails', {
        AmazonOrderReferenceId: id,
        'OrderReferenceAttributes.OrderTotal.Amount': '10.00',
        'OrderReferenceAttributes.OrderTotal.CurrencyCode': 'USD',
        'OrderReferenceAttributes.SellerOrderAttributes.SellerOrderId': sellerOrderId,
      });
      ids.push(id);
    }
    await signedPost(options, 'ConfirmOrderReference', { AmazonOrderReferenceId: ids[0]! });
    const query = { QueryId: 'order-7', QueryIdType: 'SellerOrderId', PaymentDomain: 'NA_USD', SortOrder: 'Ascending' };

    const first = await signedPost(options, 'ListOrderReference', { ...query, PageSize: '2' });
    expect(first.status, first.body).toBe(200);
    expect(values(first.body, 'AmazonOrderReferenceId')).toEqual(ids.slice(0, 2));
    expect(values(first.body, 'SellerOrderId')).toEqual(['order-7', 'order-7']);
    const next = values(first.body, 'NextPageToken')[0] ?? '';
    const second = await signedPost(options, 'ListOrderReferenceByNextToken', { NextPageToken: next });
    expect(values(second.body, 'AmazonOrderReferenceId')).toEqual([ids[2]]);
    expect(values(second.body, 'NextPageToken')).toEqual([]);

    const open = await signedPost(options, 'ListOrderReference', { ...query, 'OrderReferenceStatusListFilter.OrderReferenceStatus.1': 'Open' });
    expect(values(open.body, 'AmazonOrderReferenceId')).toEqual([ids[0]]);
  });

  it('answers bad queries with MWS errors', async () => {
    const base = { QueryId: 'x', QueryIdType: 'SellerOrderId', PaymentDomain: 'NA_USD' };
    const domain = await signedPost(options, 'ListOrderReference', { ...base, PaymentDomain: 'EU_EUR' });
    expect(domain.status).toBe(400);
    expect(values(domain.body, 'Code')).toEqual(['InvalidParameterValue']);
    const range = await signedPost(options, 'ListOrderReference', {
      ...base,
      'CreatedTimeRange.StartTime': '2026-01-01T00:00:00Z',
      'CreatedTimeRange.EndTime': '2026-03-01T00:00:00Z',
    });
    expect(values(range.body, 'Message')[0]).toMatch(/31 days/);
    const missing = await signedPost(options, 'ListOrderReference', { QueryIdType: 'SellerOrderId', PaymentDomain: 'NA_USD' });
    expect(values(missing.body, 'Code')).toEqual(['MissingParameter']);
    const token = await signedPost(options, 'ListOrderReferenceByNextToken', { NextPageToken: 'bm9wZQ==' });
    expect(token.status).toBe(400);
  });
});

describe('v1 merchant notification configuration', () => {
  it('sets the endpoint the admin API shows, reads it back, and removes it', async () => {
    const set = await signedPost(options, 'SetMerchantNotificationConfiguration', {
      'NotificationConfigurationList.NotificationConfiguration.1.NotificationUrl': 'https://shop.example/ipn',
      'NotificationConfigurationList.NotificationConfiguration.1.EventTypes.EventTypeList.1': 'ALL',
    });
    expect(set.status, set.body).toBe(200);
    const got = await signedPost(options, 'GetMerchantNotificationConfiguration');
    expect(values(got.body, 'NotificationUrl')).toEqual(['https://shop.example/ipn']);
    const admin = (await (await fetch(`${platform.httpUrl}/_localpay/merchants/${merchant.merchantId}/ipn`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(admin)).toContain('https://shop.example/ipn');
    const bad = await signedPost(options, 'SetMerchantNotificationConfiguration', {
      'NotificationConfigurationList.NotificationConfiguration.1.NotificationUrl': 'https://shop.example/ipn',
      'NotificationConfigurationList.NotificationConfiguration.1.EventTypes.EventTypeList.1': 'EVERYTHING',
    });
    expect(bad.status).toBe(400);
    await signedPost(options, 'SetMerchantNotificationConfiguration');
    expect(values((await signedPost(options, 'GetMerchantNotificationConfiguration')).body, 'NotificationUrl')).toEqual([]);
  });
});
