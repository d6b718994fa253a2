import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestMerchant } from '../src/testing/test-platform.js';
import { signedFetcher } from './support/signed-fetch.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue "Foundation", done-when 2: 50 concurrent identical POSTs with one idempotency key create
 * exactly one object, on the embedded store and on PostgreSQL. Rows are counted in the database
 * itself, not inferred from responses.
 */
describe.each(BACKENDS)('idempotency under concurrency ($name)', (backend) => {
  let opened: OpenedBackend;
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
    expect(new Set(responses.map((r) => r.body.checkoutSessionId)).size).toBe(1);
    expect(
      await opened.count(
        'select count(*) as n from checkout_sessions where merchant_id = $1',
        merchant.merchantId,
      ),
    ).toBe(1);
  });
});
