import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { signedFetcher } from './support/signed-fetch.js';

/**
 * Issue "Foundation" scope 4 and 8: path styles, legacy keys, bad input in the v2 error format,
 * and the wire conventions the SDKs rely on (spec §1.2, §3, §5).
 */
const key = (): string => randomUUID().replace(/-/g, '');
const idem = (): Record<string, string> => ({ 'x-amz-pay-idempotency-key': key() });

describe('v2 wire behaviour', () => {
  let platform: TestPlatform;
  let eu: TestMerchant;
  let send: ReturnType<typeof signedFetcher>;
  const session = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost/review' },
    storeId: eu.storeId,
    ...overrides,
  });

  beforeAll(async () => {
    platform = await createTestPlatform();
    eu = await platform.createMerchant({ region: 'EU' });
    send = signedFetcher({ ...platform.sdkConfig(eu) }, platform.caCertPath);
  });
  afterAll(() => platform.close());

  it('returns every field, nulls for unset ones, strings for amounts and compact timestamps', async () => {
    const created = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: session({
        paymentDetails: {
          paymentIntent: 'Authorize',
          chargeAmount: { amount: 14.5, currencyCode: 'EUR' },
        },
      }),
      headers: idem(),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(created.body).toMatchObject({
      paymentDetails: {
        chargeAmount: { amount: '14.50', currencyCode: 'EUR' },
        totalOrderAmount: null,
        presentmentCurrency: 'EUR',
      },
      shippingAddressList: null,
      platformId: null,
      supplementaryData: null,
      paymentPreferences: [null],
      providerMetadata: { providerReferenceId: null },
      merchantMetadata: {
        merchantReferenceId: null,
        merchantStoreName: null,
        noteToBuyer: null,
        customInformation: null,
      },
      constraints: [
        { constraintId: 'BuyerNotAssociated' },
        { constraintId: 'CheckoutResultReturnUrlNotSet' },
      ],
    });
    const timestamps = [created.body.creationTimestamp, created.body.expirationTimestamp];
    for (const stamp of timestamps) expect(stamp).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('formats JPY without decimals and rejects fractional yen', async () => {
    const jp = await platform.createMerchant({ region: 'JP' });
    const jpSend = signedFetcher({ ...platform.sdkConfig(jp) }, platform.caCertPath);
    const ok = await jpSend({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost/r' },
        storeId: jp.storeId,
        paymentDetails: { chargeAmount: { amount: '500', currencyCode: 'JPY' } },
      },
      headers: idem(),
    });
    expect(ok.body.paymentDetails).toMatchObject({
      chargeAmount: { amount: '500', currencyCode: 'JPY' },
    });
    const fractional = await jpSend({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost/r' },
        storeId: jp.storeId,
        paymentDetails: { chargeAmount: { amount: '500.5', currencyCode: 'JPY' } },
      },
      headers: idem(),
    });
    expect(fractional.status).toBe(400);
    expect(fractional.body).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    expect(String(fractional.body.message)).toContain('paymentDetails.chargeAmount.amount');
  });

  it.each([
    [
      'malformed JSON',
      { rawPayload: '{"storeId": ' },
      400,
      'InvalidRequestFormat',
      'not valid JSON',
    ],
    ['a JSON array', { rawPayload: '[]' }, 400, 'InvalidRequestFormat', 'JSON object'],
    [
      'an unknown field',
      { payload: { storeId: 'x', webCheckoutDetails: {}, checkoutMode: 'ProcessOrder' } },
      400,
      'UnrecognizedField',
      "'checkoutMode'",
    ],
    [
      'a missing storeId',
      { payload: { webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost/r' } } },
      400,
      'MissingParameterValue',
      "'storeId'",
    ],
    [
      'a wrong type',
      { payload: { storeId: 7, webCheckoutDetails: {} } },
      400,
      'InvalidParameterValue',
      "'storeId'",
    ],
  ] as const)(
    'answers %s with a clear v2 error',
    async (_name, call, status, reasonCode, fragment) => {
      const response = await send({
        method: 'POST',
        urlFragment: 'checkoutSessions',
        headers: idem(),
        ...call,
      });
      expect(response.status).toBe(status);
      expect(response.body.reasonCode).toBe(reasonCode);
      expect(String(response.body.message)).toContain(fragment);
    },
  );

  it('validates return URLs: 1024 bytes at most, and a URL at all', async () => {
    const long = `http://localhost/${'é'.repeat(510)}`; // 1,037 bytes in UTF-8, 527 characters
    const tooLong = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: session({ webCheckoutDetails: { checkoutReviewReturnUrl: long } }),
      headers: idem(),
    });
    expect(tooLong.status).toBe(400);
    expect(String(tooLong.body.message)).toContain('webCheckoutDetails.checkoutReviewReturnUrl');
    const notUrl = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: session({ webCheckoutDetails: { checkoutReviewReturnUrl: 'review' } }),
      headers: idem(),
    });
    expect(notUrl.body.reasonCode).toBe('InvalidParameterValue');
  });

  it('accepts a trailing slash and an x-amz-pay-host that differs from Host', async () => {
    const created = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions/',
      payload: session(),
      headers: idem(),
    });
    expect(created.status).toBe(201);
    const viaAmazonHost = signedFetcher(
      { ...platform.sdkConfig(eu), overrideServiceUrl: 'pay-api.amazon.eu' },
      platform.caCertPath,
      platform.httpsHost,
    );
    const read = await viaAmazonHost({
      method: 'GET',
      urlFragment: `checkoutSessions/${String(created.body.checkoutSessionId)}/`,
    });
    expect(read.status).toBe(200);
    expect(read.body.checkoutSessionId).toBe(created.body.checkoutSessionId);
  });

  it("refuses a region header that is not the merchant's", async () => {
    const wrongRegion = signedFetcher(
      { ...platform.sdkConfig(eu), region: 'na' },
      platform.caCertPath,
    );
    const response = await wrongRegion({
      method: 'GET',
      urlFragment: 'checkoutSessions/00000000-0000-4000-8000-000000000000',
    });
    expect(response.status).toBe(400);
    expect(response.body.reasonCode).toBe('InvalidHeaderValue');
  });

  // Amazon "Manage errors": 404 ResourceNotFound, 405 RequestNotSupported ("HTTP method not supported").
  it('answers an unknown operation with a JSON 404 ResourceNotFound, a wrong method with 405', async () => {
    const response = await send({ method: 'GET', urlFragment: 'noSuchThing/123' });
    expect(response.status).toBe(404);
    expect(response.body.reasonCode).toBe('ResourceNotFound');
    const method = await send({ method: 'DELETE', urlFragment: 'checkoutSessions/abc' });
    expect(method.status).toBe(405);
    expect(method.body.reasonCode).toBe('RequestNotSupported');
  });

  it('serves legacy keys on /sandbox/v2 and /live/v2, keeping the environments apart', async () => {
    const legacy = await platform.createMerchant({ region: 'EU', environment: null });
    expect(legacy.publicKeyId).not.toMatch(/^(SANDBOX|LIVE)/);
    const sandbox = signedFetcher(
      { ...platform.sdkConfig(legacy, { sandbox: true }) },
      platform.caCertPath,
    );
    const live = signedFetcher(
      { ...platform.sdkConfig(legacy, { sandbox: false }) },
      platform.caCertPath,
    );
    const payload = {
      webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost/review' },
      storeId: legacy.storeId,
    };
    const inSandbox = await sandbox({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload,
      headers: idem(),
    });
    expect(inSandbox.status).toBe(201);
    expect(inSandbox.body.releaseEnvironment).toBe('Sandbox');
    const httpInLive = await live({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload,
      headers: idem(),
    });
    expect(httpInLive.status).toBe(400);
    expect(String(httpInLive.body.message)).toContain('HTTPS');
    const inLive = await live({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: {
        ...payload,
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
      },
      headers: idem(),
    });
    expect(inLive.body.releaseEnvironment).toBe('Live');
    const crossed = await live({
      method: 'GET',
      urlFragment: `checkoutSessions/${String(inSandbox.body.checkoutSessionId)}`,
    });
    expect(crossed.status).toBe(404);
  });

  it('refuses an environment-specific key on the other environment path', async () => {
    const response = await send({
      method: 'GET',
      urlFragment: 'checkoutSessions/x',
      sendPrefix: 'live/v2',
    });
    expect(response.status).toBe(401);
    expect(response.body.reasonCode).toBe('UnauthorizedAccess');
  });

  it('writes nothing when an operation fails part-way', async () => {
    const created = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: session({
        paymentDetails: {
          paymentIntent: 'Authorize',
          chargeAmount: { amount: '10.00', currencyCode: 'EUR' },
        },
      }),
      headers: idem(),
    });
    const id = String(created.body.checkoutSessionId);
    const patch = await send({
      method: 'PATCH',
      urlFragment: `checkoutSessions/${id}`,
      payload: {
        merchantMetadata: { merchantReferenceId: 'changed' },
        paymentDetails: { softDescriptor: 'x'.repeat(17) },
      },
    });
    expect(patch.status).toBe(400);
    const after = await send({ method: 'GET', urlFragment: `checkoutSessions/${id}` });
    expect(after.body.merchantMetadata).toMatchObject({ merchantReferenceId: null });
  });
});
