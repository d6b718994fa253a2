import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { idem } from './support/sdk-helpers.js';
import { listMwsCredentials } from '../src/app/v1/mws-credentials.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
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
  options = {
    httpUrl: platform.httpUrl,
    accessKeyId: key!.accessKeyId,
    secretKey: key!.secretKey,
    sellerId: merchant.merchantId,
  };
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
    const query = {
      QueryId: 'order-7',
      QueryIdType: 'SellerOrderId',
      PaymentDomain: 'NA_USD',
      SortOrder: 'Ascending',
    };

    const first = await signedPost(options, 'ListOrderReference', { ...query, PageSize: '2' });
    expect(first.status, first.body).toBe(200);
    expect(values(first.body, 'AmazonOrderReferenceId')).toEqual(ids.slice(0, 2));
    expect(values(first.body, 'SellerOrderId')).toEqual(['order-7', 'order-7']);
    const next = values(first.body, 'NextPageToken')[0] ?? '';
    const second = await signedPost(options, 'ListOrderReferenceByNextToken', {
      NextPageToken: next,
    });
    expect(values(second.body, 'AmazonOrderReferenceId')).toEqual([ids[2]]);
    expect(values(second.body, 'NextPageToken')).toEqual([]);

    const open = await signedPost(options, 'ListOrderReference', {
      ...query,
      'OrderReferenceStatusListFilter.OrderReferenceStatus.1': 'Open',
    });
    expect(values(open.body, 'AmazonOrderReferenceId')).toEqual([ids[0]]);
  });

  it('answers bad queries with MWS errors', async () => {
    const base = { QueryId: 'x', QueryIdType: 'SellerOrderId', PaymentDomain: 'NA_USD' };
    const domain = await signedPost(options, 'ListOrderReference', {
      ...base,
      PaymentDomain: 'EU_EUR',
    });
    expect(domain.status).toBe(400);
    expect(values(domain.body, 'Code')).toEqual(['InvalidParameterValue']);
    const range = await signedPost(options, 'ListOrderReference', {
      ...base,
      'CreatedTimeRange.StartTime': '2026-01-01T00:00:00Z',
      'CreatedTimeRange.EndTime': '2026-03-01T00:00:00Z',
    });
    expect(values(range.body, 'Message')[0]).toMatch(/31 days/);
    const missing = await signedPost(options, 'ListOrderReference', {
      QueryIdType: 'SellerOrderId',
      PaymentDomain: 'NA_USD',
    });
    expect(values(missing.body, 'Code')).toEqual(['MissingParameter']);
    const token = await signedPost(options, 'ListOrderReferenceByNextToken', {
      NextPageToken: 'bm9wZQ==',
    });
    expect(token.status).toBe(400);
  });
});

describe('v1 merchant notification configuration', () => {
  it('sets the endpoint the admin API shows, reads it back, and removes it', async () => {
    const set = await signedPost(options, 'SetMerchantNotificationConfiguration', {
      'NotificationConfigurationList.NotificationConfiguration.1.NotificationUrl':
        'https://shop.example/ipn',
      'NotificationConfigurationList.NotificationConfiguration.1.EventTypes.EventTypeList.1': 'ALL',
    });
    expect(set.status, set.body).toBe(200);
    const got = await signedPost(options, 'GetMerchantNotificationConfiguration');
    expect(values(got.body, 'NotificationUrl')).toEqual(['https://shop.example/ipn']);
    const admin = (await (
      await fetch(`${platform.httpUrl}/_localpay/merchants/${merchant.merchantId}/ipn`)
    ).json()) as Record<string, unknown>;
    expect(JSON.stringify(admin)).toContain('https://shop.example/ipn');
    const bad = await signedPost(options, 'SetMerchantNotificationConfiguration', {
      'NotificationConfigurationList.NotificationConfiguration.1.NotificationUrl':
        'https://shop.example/ipn',
      'NotificationConfigurationList.NotificationConfiguration.1.EventTypes.EventTypeList.1':
        'EVERYTHING',
    });
    expect(bad.status).toBe(400);
    await signedPost(options, 'SetMerchantNotificationConfiguration');
    expect(
      values(
        (await signedPost(options, 'GetMerchantNotificationConfiguration')).body,
        'NotificationUrl',
      ),
    ).toEqual([]);
  });
});

describe('v1 money in the settlement report', () => {
  it('posts a v1 capture and refund with their reference ids and fees', async () => {
    const token = await buyer.signIn(merchant.storeId);
    const id = await buyer.createOrderReference(token, merchant.merchantId);
    await signedPost(options, 'SetOrderReferenceDetails', {
      AmazonOrderReferenceId: id,
      'OrderReferenceAttributes.OrderTotal.Amount': '80.00',
      'OrderReferenceAttributes.OrderTotal.CurrencyCode': 'USD',
    });
    await signedPost(options, 'ConfirmOrderReference', { AmazonOrderReferenceId: id });
    const authorized = await signedPost(options, 'Authorize', {
      AmazonOrderReferenceId: id,
      AuthorizationReferenceId: 'auth-ledger',
      'AuthorizationAmount.Amount': '80.00',
      'AuthorizationAmount.CurrencyCode': 'USD',
      TransactionTimeout: '0',
    });
    const authId = values(authorized.body, 'AmazonAuthorizationId')[0] ?? '';
    const captured = await signedPost(options, 'Capture', {
      AmazonAuthorizationId: authId,
      CaptureReferenceId: 'cap-ledger',
      'CaptureAmount.Amount': '80.00',
      'CaptureAmount.CurrencyCode': 'USD',
    });
    const captureId = values(captured.body, 'AmazonCaptureId')[0] ?? '';
    await signedPost(options, 'Refund', {
      AmazonCaptureId: captureId,
      RefundReferenceId: 'ref-ledger',
      'RefundAmount.Amount': '10.00',
      'RefundAmount.CurrencyCode': 'USD',
    });
    const start = Date.now();
    // The refund completes when the clock moves a day; the report covers up to a minute later.
    await platform.advanceClock(merchant.merchantId, '1d');
    await platform.advanceClock(merchant.merchantId, '2m');
    const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const compact = (at: number) =>
      new Date(at)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    const created = await client.createReport(
      {
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
        startTime: compact(start - 3_600_000),
        endTime: compact(start + 86_460_000),
      },
      idem(),
    );
    await platform.advanceClock(merchant.merchantId, '1m');
    const report = await client.getReportById(String(created.data.reportId));
    const document = await client.getReportDocument(String(report.data.reportDocumentId));
    const rows = (await (await fetch(String(document.data.url))).text())
      .trim()
      .split('\r\n')
      .slice(4);
    const cells = rows.map((line) => line.slice(1, -1).split('","'));
    expect(cells.map((r) => [r[2], r[3], r[4], r[5], r[9], r[13]])).toEqual([
      [captureId, 'cap-ledger', 'Capture', id, '80.00', '77.38'],
      [expect.stringMatching(/-R\d{6}$/), 'ref-ledger', 'Refund', id, '-10.00', '-9.71'],
    ]);
  });
});
