import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { signedFetcher } from './support/signed-fetch.js';

/**
 * Issue "Foundation", done-when 1 (error paths): what a merchant's integration sees when its
 * key, signature, clock, scope or idempotency key is wrong, and when a session expires.
 */
const key = (): string => randomUUID().replace(/-/g, '');

const sessionPayload = (storeId: string): Record<string, unknown> => ({
  webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost:3000/review' },
  storeId,
  chargePermissionType: 'PaymentMethodOnFile',
  paymentMethodOnFileMetadata: { setupOnly: true },
});

describe('v2 error paths with the official SDK', () => {
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let other: TestMerchant;
  let send: ReturnType<typeof signedFetcher>;

  beforeAll(async () => {
    platform = await createTestPlatform();
    merchant = await platform.createMerchant({ region: 'EU' });
    other = await platform.createMerchant({ region: 'EU' });
    send = signedFetcher({ ...platform.sdkConfig(merchant) }, platform.caCertPath);
  });
  afterAll(() => platform.close());

  const createSession = async (): Promise<string> => {
    const response = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: sessionPayload(merchant.storeId),
      headers: { 'x-amz-pay-idempotency-key': key() },
    });
    expect(response.status).toBe(201);
    return String(response.body.checkoutSessionId);
  };

  it('rejects an unknown public key id', async () => {
    const stranger = signedFetcher(
      { ...platform.sdkConfig({ ...merchant, publicKeyId: 'SANDBOX-NOSUCHKEY0000000000000' }) },
      platform.caCertPath,
    );
    const response = await stranger({
      method: 'GET',
      urlFragment: 'chargePermissions/B02-0000000-0000000',
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ reasonCode: 'InvalidAuthentication' });
    expect(response.headers.get('x-amz-pay-request-id')).toBeTruthy();
  });

  it('rejects a tampered body and shows the canonical request in sandbox', async () => {
    const payload = sessionPayload(merchant.storeId);
    const response = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload,
      headers: { 'x-amz-pay-idempotency-key': key() },
      sendBody: JSON.stringify({ ...payload, storeId: `${merchant.storeId}x` }),
    });
    expect(response.status).toBe(403);
    expect(response.body.reasonCode).toBe('InvalidRequestSignature');
    const message = String(response.body.message);
    expect(message).toContain('signing String [AMZN-PAY-RSASSA-PSS\n');
    expect(message).toContain('canonical request [POST\n/v2/checkoutSessions\n');
    expect(message).toContain('x-amz-pay-idempotency-key:');
  });

  it('rejects a signature made with the other salt length', async () => {
    const response = await send({
      method: 'GET',
      urlFragment: 'chargePermissions/B02-0000000-0000000',
      tamperHeaders: (headers) => ({
        ...headers,
        authorization: headers.authorization!.replace(
          'AMZN-PAY-RSASSA-PSS ',
          'AMZN-PAY-RSASSA-PSS-V2 ',
        ),
      }),
    });
    expect(response.status).toBe(403);
    expect(response.body.reasonCode).toBe('InvalidRequestSignature');
  });

  it('rejects a stale x-amz-pay-date with a clear message', async () => {
    const stale = new Date(Date.now() - 20 * 60_000).toISOString().split('.')[0] + 'Z';
    const response = await send({
      method: 'GET',
      urlFragment: 'chargePermissions/B02-0000000-0000000',
      tamperHeaders: (headers) => ({ ...headers, 'x-amz-pay-date': stale }),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ reasonCode: 'InvalidHeaderValue' });
    expect(String(response.body.message)).toContain('more than 15 minutes');
  });

  it("answers another merchant's object as not found", async () => {
    const sessionId = await createSession();
    const otherClient = new sdk.WebStoreClient({ ...platform.sdkConfig(other) });
    const error = await otherClient.getCheckoutSession(sessionId).then(
      () => null,
      (e: { response: { status: number; data: { reasonCode: string } } }) => e.response,
    );
    expect(error?.status).toBe(404);
    expect(error?.data.reasonCode).toBe('ResourceNotFound');
  });

  it('replays an idempotent request and refuses the key with a different body', async () => {
    const idempotencyKey = key();
    const first = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: sessionPayload(merchant.storeId),
      headers: { 'x-amz-pay-idempotency-key': idempotencyKey },
    });
    const replay = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: sessionPayload(merchant.storeId),
      headers: { 'x-amz-pay-idempotency-key': idempotencyKey },
    });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const different = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: {
        ...sessionPayload(merchant.storeId),
        merchantMetadata: { merchantReferenceId: 'other' },
      },
      headers: { 'x-amz-pay-idempotency-key': idempotencyKey },
    });
    expect(different.status).toBe(400);
    expect(different.body.reasonCode).toBe('DuplicateIdempotencyKey');
  });

  it('requires a well-formed idempotency key on create', async () => {
    const missing = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: sessionPayload(merchant.storeId),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.reasonCode).toBe('MissingHeader');
    const tooLong = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: sessionPayload(merchant.storeId),
      headers: { 'x-amz-pay-idempotency-key': 'x'.repeat(33) },
    });
    expect(tooLong.body.reasonCode).toBe('InvalidHeaderValue');
  });

  it('expires an open session when the merchant clock moves 25 hours', async () => {
    const sessionId = await createSession();
    await platform.advanceClock(merchant.merchantId, '25h');
    const response = await send({ method: 'GET', urlFragment: `checkoutSessions/${sessionId}` });
    expect(response.status).toBe(200);
    expect(response.body.statusDetails).toMatchObject({ state: 'Canceled', reasonCode: 'Expired' });
    const complete = await send({
      method: 'POST',
      urlFragment: `checkoutSessions/${sessionId}/complete`,
      payload: {},
    });
    // Expired: Complete is not allowed in that state (InvalidCheckoutSessionStatus, issue 17).
    expect(complete.status).toBe(422);
    expect(complete.body.reasonCode).toBe('InvalidCheckoutSessionStatus');
  });
});
