import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMwsCredentials } from '../src/app/v1/mws-credentials.js';
import { ADMIN_PREFIX } from '../src/http/admin/admin-plugin.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { signedPost, type SignedPostOptions } from './support/mws-signed-post.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';
import { signedFetcher } from './support/signed-fetch.js';

/**
 * Issue 10 points 6 and 7: look-ups keyed by request data never reach Object.prototype, and
 * bodies of a hostile shape are refused at the edge in each API's own error format, never a 500.
 */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const key = (): string => randomUUID().replace(/-/g, '');

let platform: TestPlatform;
let merchant: TestMerchant;
let mws: SignedPostOptions;
let send: ReturnType<typeof signedFetcher>;

/** A platform with one EU merchant, its MWS key and an SDK-signed fetcher. */
async function openPlatform(overrides: Parameters<typeof createTestPlatform>[0] = {}) {
  const opened = await createTestPlatform(overrides);
  const owner = await opened.createMerchant({ region: 'EU' });
  const [credential] = await listMwsCredentials(opened.localpay.deps, owner.merchantId);
  return {
    platform: opened,
    merchant: owner,
    mws: {
      httpUrl: opened.httpUrl,
      accessKeyId: credential!.accessKeyId,
      secretKey: credential!.secretKey,
      sellerId: owner.merchantId,
    },
    send: signedFetcher({ ...opened.sdkConfig(owner) }, opened.caCertPath),
  };
}

beforeAll(async () => {
  ({ platform, merchant, mws, send } = await openPlatform());
});
afterAll(() => platform.close());

/** `levels` nested objects around a leaf, as text (the body the probe sent). */
const nested = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

const sessionBody = (deliverySpecifications: string): string =>
  `{"webCheckoutDetails":{"checkoutReviewReturnUrl":"http://localhost:3000/review"},"storeId":"${merchant.storeId}","deliverySpecifications":${deliverySpecifications}}`;

describe('point 6: request data never reaches Object.prototype', () => {
  it.each(PROTOTYPE_KEYS)(
    'a signed MWS request with Action=%s is InvalidAddress',
    async (action) => {
      const response = await signedPost(mws, action);
      expect(response.status, response.body).toBe(400);
      expect(response.contentType).toBe('text/xml');
      expect(response.body).toContain('<Code>InvalidAddress</Code>');
      expect(response.body).toContain('<Type>Sender</Type>');
    },
  );

  it.each(PROTOTYPE_KEYS)(
    'a v2 SignedHeaders list naming %s is a signature error',
    async (name) => {
      const response = await send({
        method: 'GET',
        urlFragment: 'chargePermissions/S02-0000000-0000000',
        tamperHeaders: (headers) => ({
          ...headers,
          authorization: (headers.authorization ?? '').replace(
            'SignedHeaders=',
            `SignedHeaders=${name};`,
          ),
        }),
      });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ reasonCode: 'InvalidRequestSignature' });
    },
  );

  it.each(PROTOTYPE_KEYS)('the admin challenge answer %s is refused with 404', async (answer) => {
    for (const path of ['challenges', 'v1-challenges']) {
      const response = await fetch(
        `${platform.httpUrl}${ADMIN_PREFIX}/${path}/S02-0000000-0000000/${answer}`,
        { method: 'POST' },
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ reasonCode: 'InvalidRequest' });
    }
  });

  it('a repeated admin listing filter is InvalidParameterValue, not a database error', async () => {
    const response = await fetch(
      `${platform.httpUrl}${ADMIN_PREFIX}/ipn/notifications?merchantId=a&merchantId=b`,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reasonCode: 'InvalidParameterValue' });
  });
});

describe('point 7: body shapes are bounded at the edge', () => {
  it('a Checkout Session nested 5,000 levels deep (10 KB) is InvalidRequestFormat', async () => {
    const response = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      rawPayload: sessionBody(nested(5_000)),
      headers: { 'x-amz-pay-idempotency-key': key() },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ reasonCode: 'InvalidRequestFormat' });
  });

  it('nesting within the limit is still accepted', async () => {
    const response = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      rawPayload: sessionBody(nested(20)),
      headers: { 'x-amz-pay-idempotency-key': key() },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it.each([
    ['a 40,000-byte string', `"${'x'.repeat(40_000)}"`],
    [
      'an object of 1,001 members',
      `{${Array.from({ length: 1_001 }, (_, i) => `"k${i}":1`).join(',')}}`,
    ],
    ['an array of 1,001 elements', `{"a":[${Array.from({ length: 1_001 }, () => '1').join(',')}]}`],
    [
      'a body over 256 KiB',
      `{"a":[${Array.from({ length: 900 }, () => `"${'y'.repeat(300)}"`).join(',')}]}`,
    ],
  ])('%s is InvalidRequestFormat, whether signed or not', async (_what, value) => {
    const signed = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      rawPayload: sessionBody(value),
      headers: { 'x-amz-pay-idempotency-key': key() },
    });
    expect(signed.status).toBe(400);
    expect(signed.body).toMatchObject({ reasonCode: 'InvalidRequestFormat' });
    const unsigned = await fetch(`${platform.httpUrl}/v2/checkoutSessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: sessionBody(value),
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ reasonCode: 'InvalidRequestFormat' });
  });

  it('the admin API refuses deep JSON with InvalidRequestFormat', async () => {
    const response = await fetch(`${platform.httpUrl}${ADMIN_PREFIX}/merchants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"name":${nested(5_000)},"region":"EU"}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reasonCode: 'InvalidRequestFormat' });
  });

  it('the pages and the widgets API refuse deep JSON and oversized forms with 400', async () => {
    const deep = await fetch(`${platform.httpUrl}/widgets/v1/contracts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: nested(5_000),
    });
    expect(deep.status).toBe(400);
    const fields = await fetch(`${platform.httpUrl}/checkout/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Array.from({ length: 1_001 }, (_, i) => `f${i}=1`).join('&'),
    });
    expect(fields.status).toBe(400);
  });

  it('an MWS body with more than 1,000 fields is InvalidParameterValue', async () => {
    const fields = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`Extra${i}`, '1']));
    const response = await signedPost(mws, 'GetMerchantAccountStatus', fields);
    expect(response.status, response.body).toBe(400);
    expect(response.contentType).toBe('text/xml');
    expect(response.body).toContain('<Code>InvalidParameterValue</Code>');
  });
});

describe('classes the fuzzer found (issue 10 point 8)', () => {
  it('a merchant clock cannot be moved past what dates represent', async () => {
    const created = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      rawPayload: sessionBody('null'),
      headers: { 'x-amz-pay-idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    for (const by of ['8640000000000000', 9_007_199_254_740_991]) {
      const moved = await fetch(
        `${platform.httpUrl}${ADMIN_PREFIX}/merchants/${merchant.merchantId}/clock/advance`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ by }),
        },
      );
      expect(moved.status).toBe(400);
      expect(await moved.json()).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    }
    const read = await send({
      method: 'GET',
      urlFragment: `checkoutSessions/${String(created.body.checkoutSessionId)}`,
    });
    expect(read.status).toBe(200);
  });
});

const databaseUrl = testDatabaseUrl();

describe.skipIf(databaseUrl === undefined)('U+0000 on PostgreSQL (found by the fuzzer)', () => {
  let pgPlatform: TestPlatform;
  let dropSchema: () => Promise<void>;
  let pgMws: SignedPostOptions;
  let pgSend: ReturnType<typeof signedFetcher>;

  beforeAll(async () => {
    const schema = await temporarySchema(databaseUrl ?? '');
    dropSchema = () => schema.drop();
    ({
      platform: pgPlatform,
      mws: pgMws,
      send: pgSend,
    } = await openPlatform({ databaseUrl: schema.url }));
  });
  afterAll(async () => {
    await pgPlatform.close();
    await dropSchema();
  });

  it('an id with %00 is InvalidParameterValue, not a database error', async () => {
    const response = await pgSend({ method: 'GET', urlFragment: 'chargePermissions/%00' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ reasonCode: 'InvalidParameterValue' });
  });

  it('an MWS parameter holding U+0000 is InvalidParameterValue', async () => {
    const response = await signedPost(pgMws, 'GetBillingAgreementDetails', {
      AmazonBillingAgreementId: '\u0000',
    });
    expect(response.status, response.body).toBe(400);
    expect(response.body).toContain('<Code>InvalidParameterValue</Code>');
  });
});
