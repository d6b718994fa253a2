import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { heapGrowth, MIB } from './support/heap-growth.js';
import { idem, setUpSavedWallet } from './support/sdk-helpers.js';

/** Issue 15 point 6: the Prometheus endpoint counts what happened, with bounded label sets. */
const scrape = async (platform: TestPlatform, headers: Record<string, string> = {}) => {
  const response = await fetch(`${platform.httpUrl}/_localpay/metrics`, { headers });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
};

/** The value of one sample line, e.g. `name{a="b"} 3`; undefined when the series is absent. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /_localpay/metrics', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(() => platform.close());

  it('counts requests by operation and status, IPN attempts, commit batches and the IPN queue', async () => {
    const merchant = await platform.createMerchant({ region: 'EU' });
    const ipns = await platform.receiveIpns(merchant.merchantId);
    const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const permissionId = await setUpSavedWallet(client, platform, merchant);
    const charge = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '10.00', currencyCode: 'EUR' },
        captureNow: true,
        chargeInitiator: 'MITR',
      },
      idem(),
    );
    expect(charge.status).toBe(201);
    await client.getCharge(String(charge.data.chargeId)).catch(() => undefined);
    await ipns.waitFor((received) => received.length >= 1);
    // The receiver has the POST before the dispatcher has its answer: wait for the count.
    let scraped = await scrape(platform);
    for (let tries = 0; tries < 100; tries += 1) {
      if (sample(scraped.text, 'localpay_ipn_attempts_total{outcome="delivered"}') !== undefined)
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      scraped = await scrape(platform);
    }
    const { status, type, text } = scraped;
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(
      sample(text, 'localpay_http_requests_total{api="v2",operation="POST /charges",status="201"}'),
    ).toBe(1);
    expect(
      sample(
        text,
        'localpay_http_requests_total{api="v2",operation="GET /charges/:chargeId",status="200"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'localpay_http_request_duration_seconds_count{api="v2",operation="POST /charges"}',
      ),
    ).toBe(1);
    expect(sample(text, 'localpay_ipn_attempts_total{outcome="delivered"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, 'localpay_commit_batch_units_count')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'localpay_ipn_queue_depth')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('localpay_process_resident_memory_bytes');
  });

  it('counts unknown paths under one series, however many there are', async () => {
    await Promise.all(
      Array.from({ length: 250 }, (_, index) => fetch(`${platform.httpUrl}/no-such-page-${index}`)),
    );
    const { text } = await scrape(platform);
    expect(
      sample(text, 'localpay_http_requests_total{api="other",operation="unmatched",status="404"}'),
    ).toBeGreaterThanOrEqual(250);
    expect(text).not.toContain('no-such-page');
  });

  it('counts MWS calls by their action', async () => {
    const response = await fetch(`${platform.httpUrl}/OffAmazonPayments_Sandbox/2013-01-01`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetOrderReferenceDetails&SellerId=A1',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const { text } = await scrape(platform);
    expect(text).toMatch(
      /localpay_http_requests_total\{api="v1",operation="GetOrderReferenceDetails",status="\d+"\} 1/,
    );
  });

  it('counts made-up MWS actions as unknown, keeping nothing of their requests', async () => {
    // What a scanner sends: an Action nobody serves, in a form body near the 256 KiB limit. Each
    // name used to become a label of its own (up to the 200 operations kept), and each label was a
    // view into its body: 50 MiB held for as long as the process ran.
    const padding = 'p'.repeat(240 * 1024);
    const madeUp = (index: number) =>
      `MadeUpAction${[...index.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('')}`;
    const grown = await heapGrowth(async () => {
      for (let index = 0; index < 100; index += 1) {
        const response = await fetch(`${platform.httpUrl}/OffAmazonPayments_Sandbox/2013-01-01`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `Action=${madeUp(index)}&SellerId=A1&Padding=${padding}`,
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        await response.text();
      }
      // The request log holds the last requests until its writer runs (every 200 ms).
      await new Promise((resolve) => setTimeout(resolve, 600));
    });
    expect(grown).toBeLessThan(8 * MIB);
    const { text } = await scrape(platform);
    expect(text).not.toContain('MadeUpAction');
    expect(
      sample(text, 'localpay_http_request_duration_seconds_count{api="v1",operation="unknown"}'),
    ).toBeGreaterThanOrEqual(100);
  });
});

describe('the metrics endpoint is an admin endpoint', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform({ adminToken: 'metrics-secret' });
  });
  afterAll(() => platform.close());

  it('needs the admin token when one is set', async () => {
    expect((await scrape(platform)).status).toBe(401);
    expect((await scrape(platform, { authorization: 'Bearer metrics-secret' })).status).toBe(200);
  });
});
