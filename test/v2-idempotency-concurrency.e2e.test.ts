import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';
import { signedFetcher } from './support/signed-fetch.js';

/**
 * Issue "Foundation", done-when 2: 50 concurrent identical POSTs with one idempotency key create
 * exactly one object, on the embedded store and on PostgreSQL. Rows are counted in the database
 * itself, not inferred from responses.
 */
interface Backend {
  readonly name: string;
  open(): Promise<{
    platform: TestPlatform;
    countSessions(merchantId: string): Promise<number>;
    dispose(): Promise<void>;
  }>;
}

const sqlite: Backend = {
  name: 'embedded SQLite',
  async open() {
    const platform = await createTestPlatform();
    return {
      platform,
      countSessions(merchantId) {
        const db = new Database(path.join(platform.dataDir, 'localpay.db'), { readonly: true });
        try {
          const row = db
            .prepare('select count(*) as n from checkout_sessions where merchant_id = ?')
            .get(merchantId) as { n: number };
          return Promise.resolve(row.n);
        } finally {
          db.close();
        }
      },
      dispose: () => platform.close(),
    };
  },
};

const postgres = (databaseUrl: string): Backend => ({
  name: 'PostgreSQL',
  async open() {
    const schema = await temporarySchema(databaseUrl);
    const platform = await createTestPlatform({ databaseUrl: schema.url });
    return {
      platform,
      async countSessions(merchantId) {
        const client = new pg.Client({ connectionString: schema.url });
        await client.connect();
        try {
          const result = await client.query<{ n: string }>(
            'select count(*) as n from checkout_sessions where merchant_id = $1',
            [merchantId],
          );
          return Number(result.rows[0]?.n);
        } finally {
          await client.end();
        }
      },
      async dispose() {
        await platform.close();
        await schema.drop();
      },
    };
  },
});

const databaseUrl = testDatabaseUrl();
const backends = [sqlite, ...(databaseUrl ? [postgres(databaseUrl)] : [])];

describe.each(backends)('idempotency under concurrency ($name)', (backend) => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  let merchant: TestMerchant;

  beforeAll(async () => {
    opened = await backend.open();
    merchant = await opened.platform.createMerchant({ region: 'UK' });
  });
  afterAll(() => opened.dispose());

  it('creates exactly one checkout session from 50 concurrent identical requests', async () => {
    const send = signedFetcher(
      { ...opened.platform.sdkConfig(merchant) },
      opened.platform.caCertPath,
    );
    const idempotencyKey = randomUUID().replace(/-/g, '');
    const payload = {
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
      storeId: merchant.storeId,
      chargePermissionType: 'PaymentMethodOnFile',
    };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        send({
          method: 'POST',
          urlFragment: 'checkoutSessions',
          payload,
          headers: { 'x-amz-pay-idempotency-key': idempotencyKey },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const ids = new Set(responses.map((r) => r.body.checkoutSessionId));
    expect(ids.size).toBe(1);
    expect(await opened.countSessions(merchant.merchantId)).toBe(1);
  });
});
