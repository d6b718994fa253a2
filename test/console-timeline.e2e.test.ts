import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestMerchant } from '../src/testing/test-platform.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { adminHttp } from './support/admin-http.js';
import { connectV1 } from './support/mws-client.js';
import { signedFetcher } from './support/signed-fetch.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue 14 points 2 and 4 on both stores: concurrent API calls (which SQLite's group commit puts in
 * one database transaction) each get a timeline row caused by their own request, written with the
 * state (a rolled-back write leaves none), and each lands in the request log with its replay flag.
 */
describe.each(BACKENDS)('console timeline and request log ($name)', (backend) => {
  let opened: OpenedBackend;
  let merchant: TestMerchant;

  beforeAll(async () => {
    opened = await backend.open();
    merchant = await opened.platform.createMerchant({ region: 'UK' });
  });
  afterAll(() => opened.dispose());

  /** A new Checkout Session, created through the v2 API with a key of its own. */
  const createCheckoutSession = () =>
    signedFetcher(
      { ...opened.platform.sdkConfig(merchant) },
      opened.platform.caCertPath,
    )({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload: {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
        storeId: merchant.storeId,
      },
      headers: { 'x-amz-pay-idempotency-key': randomUUID().replace(/-/g, '') },
    });

  const consolePage = async (path: string): Promise<{ status: number; text: string }> => {
    const response = await fetch(`${opened.platform.httpUrl}/console${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('records each concurrent change with the request that made it', async () => {
    const send = signedFetcher(
      { ...opened.platform.sdkConfig(merchant) },
      opened.platform.caCertPath,
    );
    const payload = {
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
      storeId: merchant.storeId,
    };
    const keys = Array.from({ length: 20 }, () => randomUUID().replace(/-/g, ''));
    const responses = await Promise.all(
      keys.map((key) =>
        send({
          method: 'POST',
          urlFragment: 'checkoutSessions',
          payload,
          headers: { 'x-amz-pay-idempotency-key': key },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    // A retry with the first key answers the stored response: a replay, and no new row.
    const replay = await send({
      method: 'POST',
      urlFragment: 'checkoutSessions',
      payload,
      headers: { 'x-amz-pay-idempotency-key': keys[0] ?? '' },
    });
    expect(replay.body.checkoutSessionId).toBe(responses[0]?.body.checkoutSessionId);

    for (const response of responses) {
      const requestId = response.headers.get('x-amz-pay-request-id') ?? '';
      const page = await consolePage(
        `/objects/checkout-sessions/${String(response.body.checkoutSessionId)}`,
      );
      expect(page.status).toBe(200);
      expect(page.text).toContain(`/console/requests/${requestId}`);
    }
    expect(
      await opened.count(
        'select count(*) as n from state_transitions where merchant_id = $1',
        merchant.merchantId,
      ),
    ).toBe(20);

    // The request log is written in batches: wait for it.
    const replayId = replay.headers.get('x-amz-pay-request-id') ?? '';
    let logged = await consolePage(`/requests/${replayId}`);
    for (let i = 0; i < 80 && logged.status !== 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      logged = await consolePage(`/requests/${replayId}`);
    }
    expect(logged.status).toBe(200);
    expect(logged.text).toContain('replayed a stored response');
    expect(logged.text).toContain(merchant.merchantId);
    const list = await consolePage(`/requests?merchant=${merchant.merchantId}`);
    expect(list.text.match(/POST \/v2\/checkoutSessions/g)?.length).toBe(21);
  });

  // Every way a change is made names its own cause, each carried by its own route to the store: a
  // v1 request here, and a timer inside an operator's request (the admin API's own changes:
  // back-office-admin and forced-states tests; v2 requests: the test above).
  it('names the cause of a v1 request and of a timer run by the admin API', async () => {
    const rowsOf = (objectId: string, causeLike: string) =>
      opened.count(
        `select count(*) as n from state_transitions where object_id = $1 and cause like '${causeLike}'`,
        objectId,
      );
    const client = await connectV1(opened.platform, merchant);
    const buyer = createV1Buyer(opened.platform.httpUrl);
    const orderReferenceId = await buyer.createOrderReference(
      await buyer.signIn(merchant.storeId),
      merchant.merchantId,
    );
    await client.call('SetOrderReferenceDetails', {
      AmazonOrderReferenceId: orderReferenceId,
      OrderReferenceAttributes: { OrderTotal: { Amount: '20.00', CurrencyCode: 'GBP' } },
    });
    await client.call('ConfirmOrderReference', { AmazonOrderReferenceId: orderReferenceId });
    expect(
      await rowsOf(
        orderReferenceId,
        '%"kind":"request"%"operation":"POST /OffAmazonPayments_Sandbox/2013-01-01"%',
      ),
    ).toBe(1);

    // A Checkout Session expires when the merchant's clock passes 24 hours: the admin API moves
    // the clock, its sweep expires the session, and the timeline names the timer, not the admin.
    const created = await createCheckoutSession();
    const sessionId = String(created.body.checkoutSessionId);
    const admin = adminHttp(() => opened.platform.httpUrl);
    const advanced = await admin('POST', `/merchants/${merchant.merchantId}/clock/advance`, {
      by: '25h',
    });
    expect(advanced.status).toBe(200);
    expect(await rowsOf(sessionId, '%"kind":"request"%')).toBe(1);
    expect(await rowsOf(sessionId, '{"kind":"timer"}')).toBe(1);
    expect(await rowsOf(sessionId, '%"kind":"console"%')).toBe(0);
    expect(await rowsOf(sessionId, '%')).toBe(2);
  });

  it('resets the merchant: objects and logs erased, keys kept, clock back to real time', async () => {
    const admin = `${opened.platform.httpUrl}/_localpay`;
    await opened.platform.advanceClock(merchant.merchantId, '48h');
    // Answered just before the reset, so still in the request log's buffer (written every 200
    // ms): it must be written before the erase, not into the fresh sandbox after it.
    expect((await createCheckoutSession()).status).toBe(201);
    const reset = await fetch(`${admin}/merchants/${merchant.merchantId}/reset`, {
      method: 'POST',
    });
    expect(reset.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const table of [
      'checkout_sessions',
      'state_transitions',
      'request_log',
      'idempotency_records',
    ])
      expect(
        await opened.count(
          `select count(*) as n from ${table} where merchant_id = $1`,
          merchant.merchantId,
        ),
        table,
      ).toBe(0);
    const overview = (await (await fetch(`${admin}/merchants/${merchant.merchantId}`)).json()) as {
      merchant: { clockOffsetMs: number };
    };
    expect(overview.merchant.clockOffsetMs).toBe(0);
    const again = await createCheckoutSession();
    expect(again.status).toBe(201);
  });
});
