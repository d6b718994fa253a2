import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMwsCredentials } from '../src/app/v1/mws-credentials.js';
import type { TestMerchant } from '../src/testing/test-platform.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { signedPost, type SignedPostOptions } from './support/mws-signed-post.js';
import {
  idem,
  idempotencyKey,
  setUpSavedWallet,
  type WebStoreClient,
} from './support/sdk-helpers.js';
import { signedReplayer, type WireAnswer } from './support/signed-replay.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue 10, "Money and idempotency" 2: what was committed is what a retry with the same key gets
 * back (docs/decisions.md). The PHP and Java SDKs resend a request that got a 5xx with the same
 * signed headers; four such attempts must record the operation once, notify it once, and answer
 * the same bytes every time. Rows are counted in the database itself.
 */
const ATTEMPTS = 4;
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

function expectOneAnswer(answers: readonly WireAnswer[], status: number): Record<string, unknown> {
  expect(answers).toHaveLength(ATTEMPTS);
  for (const answer of answers) expect(answer).toEqual(answers[0]);
  expect(answers[0]?.status).toBe(status);
  return JSON.parse(answers[0]?.body ?? '{}') as Record<string, unknown>;
}

describe.each(BACKENDS)('retries with one idempotency key ($name)', (backend) => {
  let opened: OpenedBackend;
  let merchant: TestMerchant;
  let client: WebStoreClient;
  let replay: ReturnType<typeof signedReplayer>;
  const rows = (sql: string, parameter: string) => opened.count(sql, parameter);
  const outboxFor = (permissionId: string) =>
    rows('select count(*) from outbox where charge_permission_id = $1', permissionId);

  beforeAll(async () => {
    opened = await backend.open();
    merchant = await opened.platform.createMerchant({ region: 'NA' });
    const config = { ...opened.platform.sdkConfig(merchant) };
    client = new sdk.WebStoreClient(config);
    replay = signedReplayer(config, opened.platform.caCertPath);
  });
  afterAll(() => opened.dispose());

  it('Create Charge answering 500 ProcessingFailure: one charge, one notification, one answer', async () => {
    const permissionId = await setUpSavedWallet(client, opened.platform, merchant);
    const notifiedBefore = await outboxFor(permissionId);
    const answers = await replay(
      {
        method: 'POST',
        urlFragment: 'charges',
        payload: {
          chargePermissionId: permissionId,
          chargeAmount: usd('25.00'),
          chargeInitiator: 'MITR',
          captureNow: true,
        },
        headers: {
          'x-amz-pay-idempotency-key': idempotencyKey(),
          'x-amz-pay-simulation-code': 'ProcessingFailure',
        },
      },
      ATTEMPTS,
    );
    expect(expectOneAnswer(answers, 500)).toMatchObject({ reasonCode: 'ProcessingFailure' });
    expect(
      await rows('select count(*) from charges where charge_permission_id = $1', permissionId),
    ).toBe(1);
    expect((await outboxFor(permissionId)) - notifiedBefore).toBe(1);
    // The decline left the permission Chargeable: a new request (a new key) may try again.
    const retried = await client.createCharge(
      { chargePermissionId: permissionId, chargeAmount: usd('25.00'), chargeInitiator: 'MITR' },
      idem(),
    );
    expect(retried.status).toBe(201);
  });

  it('Capture Charge with ProcessingFailure: captured (and declined) once', async () => {
    const permissionId = await setUpSavedWallet(client, opened.platform, merchant);
    const charge = await client.createCharge(
      { chargePermissionId: permissionId, chargeAmount: usd('40.00'), chargeInitiator: 'MITR' },
      idem(),
    );
    const chargeId = String(charge.data.chargeId);
    const notifiedBefore = await rows('select count(*) from outbox where object_id = $1', chargeId);
    const answers = await replay(
      {
        method: 'POST',
        urlFragment: `charges/${chargeId}/capture`,
        payload: { captureAmount: usd('40.00') },
        headers: {
          'x-amz-pay-idempotency-key': idempotencyKey(),
          'x-amz-pay-simulation-code': 'ProcessingFailure',
        },
      },
      ATTEMPTS,
    );
    expect(expectOneAnswer(answers, 200)).toMatchObject({
      statusDetails: { state: 'Declined', reasonCode: 'ProcessingFailure' },
    });
    expect(
      (await rows('select count(*) from outbox where object_id = $1', chargeId)) - notifiedBefore,
    ).toBe(1);
  });

  it('Create Refund with ProcessingFailure: one refund, one notification, one answer', async () => {
    const permissionId = await setUpSavedWallet(client, opened.platform, merchant);
    const charge = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: usd('60.00'),
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    const chargeId = String(charge.data.chargeId);
    const answers = await replay(
      {
        method: 'POST',
        urlFragment: 'refunds',
        payload: { chargeId, refundAmount: usd('10.00') },
        headers: {
          'x-amz-pay-idempotency-key': idempotencyKey(),
          'x-amz-pay-simulation-code': 'ProcessingFailure',
        },
      },
      ATTEMPTS,
    );
    const refund = expectOneAnswer(answers, 201);
    expect(refund).toMatchObject({ statusDetails: { state: 'RefundInitiated' } });
    expect(await rows('select count(*) from refunds where charge_id = $1', chargeId)).toBe(1);
    expect(
      await rows('select count(*) from outbox where object_id = $1', String(refund.refundId)),
    ).toBe(1);
  });

  it('a request that commits nothing stores nothing: the key stays free', async () => {
    const permissionId = await setUpSavedWallet(client, opened.platform, merchant);
    const key = idempotencyKey();
    const call = (currencyCode: string) => ({
      method: 'POST' as const,
      urlFragment: 'charges',
      payload: {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '10.00', currencyCode },
        chargeInitiator: 'MITR',
      },
      headers: { 'x-amz-pay-idempotency-key': key },
    });
    const refused = await replay(call('EUR'), ATTEMPTS);
    expect(expectOneAnswer(refused, 400)).toMatchObject({ reasonCode: 'CurrencyMismatch' });
    expect(
      await rows('select count(*) from idempotency_records where idempotency_key = $1', key),
    ).toBe(0);
    const corrected = await replay(call('USD'), 1);
    expect(corrected[0]?.status).toBe(201);
  });
});

describe('v1: the same signed request sent again', () => {
  const opened: { backend?: OpenedBackend } = {};
  afterAll(() => opened.backend?.dispose());

  it('a declined Authorize resent with the same signature records one authorization', async () => {
    const backend = await BACKENDS[0]!.open();
    opened.backend = backend;
    const { platform } = backend;
    const merchant = await platform.createMerchant({ region: 'NA' });
    const [key] = await listMwsCredentials(platform.localpay.deps, merchant.merchantId);
    const options: SignedPostOptions = {
      httpUrl: platform.httpUrl,
      accessKeyId: key!.accessKeyId,
      secretKey: key!.secretKey,
      sellerId: merchant.merchantId,
      timestamp: new Date().toISOString(),
    };
    const buyer = createV1Buyer(platform.httpUrl);
    const oro = await buyer.createOrderReference(
      await buyer.signIn(merchant.storeId),
      merchant.merchantId,
    );
    await signedPost(options, 'SetOrderReferenceDetails', {
      AmazonOrderReferenceId: oro,
      'OrderReferenceAttributes.OrderTotal.Amount': '50.00',
      'OrderReferenceAttributes.OrderTotal.CurrencyCode': 'USD',
    });
    await signedPost(options, 'ConfirmOrderReference', { AmazonOrderReferenceId: oro });
    const answers = [];
    for (let attempt = 0; attempt < ATTEMPTS; attempt++)
      answers.push(
        await signedPost(options, 'Authorize', {
          AmazonOrderReferenceId: oro,
          AuthorizationReferenceId: 'retried-auth',
          'AuthorizationAmount.Amount': '50.00',
          'AuthorizationAmount.CurrencyCode': 'USD',
          TransactionTimeout: '0',
          SellerAuthorizationNote:
            '{"SandboxSimulation":{"State":"Declined","ReasonCode":"ProcessingFailure"}}',
        }),
      );
    // Identical apart from the RequestId every MWS answer carries.
    const withoutRequestId = answers.map((a) => ({
      status: a.status,
      body: a.body.replace(/<RequestId>[^<]*<\/RequestId>/, ''),
    }));
    for (const answer of withoutRequestId) expect(answer).toEqual(withoutRequestId[0]);
    expect(withoutRequestId[0]?.status).toBe(200);
    expect(withoutRequestId[0]?.body).toContain('<ReasonCode>ProcessingFailure</ReasonCode>');
    expect(
      await backend.count(
        'select count(*) from v1_authorizations where order_reference_id = $1',
        oro,
      ),
    ).toBe(1);
  });
});
