import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue "Buyer-facing pages", scopes 1, 4 and 7 through the official SDK: the PSD2 policy decides
 * frictionless or challenge for each customer-initiated payment and records why; checkouts that
 * set up a mandate are challenged; challenges can be answered headlessly; test buyers can be added.
 */
const RESULT = 'http://localhost:3000/result';
const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });

describe('PSD2 SCA policy and headless challenge control', () => {
  let platform: TestPlatform;
  let eu: TestMerchant;
  let client: WebStoreClient;

  const admin = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${platform.httpUrl}/_localpay${route}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const citCharge = (permissionId: string, amount: string, initiator = 'CITU') =>
    client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: eur(amount),
        chargeInitiator: initiator,
        captureNow: true,
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
      },
      idem(),
    );

  beforeAll(async () => {
    platform = await createTestPlatform();
    eu = await platform.createMerchant({ region: 'EU' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(eu) });
  });
  afterAll(() => platform.close());

  it('challenges the checkout that sets up a Saved Wallet, and records why', async () => {
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        storeId: eu.storeId,
        chargePermissionType: 'PaymentMethodOnFile',
        paymentMethodOnFileMetadata: { setupOnly: true },
        paymentDetails: { paymentIntent: 'Confirm' },
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    expect(await platform.buyer.checkout(id, { challenge: 'fail' })).toBe(
      `${RESULT}?amazonCheckoutSessionId=${id}`,
    );
    const failed = await sdkFailure(client.completeCheckoutSession(id, {}, idem()));
    expect(failed.data.reasonCode).toBe('CheckoutSessionCanceled');
    expect((await client.getCheckoutSession(id)).data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'Declined',
    });
    const inspected = await admin('GET', `/checkout-sessions/${id}`);
    expect(inspected.body.scaDecision).toMatchObject({
      outcome: 'Challenge',
      reason: expect.stringContaining('Saving the payment method'),
    });
  });

  it('exempts low-value payments until the sixth in a row, then challenges', async () => {
    const permissionId = await setUpSavedWallet(client, platform, eu);
    const states: number[] = [];
    for (let payment = 0; payment < 6; payment += 1)
      states.push((await citCharge(permissionId, '10.00')).status);
    expect(states).toEqual([201, 201, 201, 201, 201, 202]);
  });

  it('shows the decision and its reason on the charge through the admin API', async () => {
    const permissionId = await setUpSavedWallet(client, platform, eu);
    const exempt = await citCharge(permissionId, '12.00');
    const inspected = await admin('GET', `/charges/${String(exempt.data.chargeId)}`);
    expect(inspected.body.scaDecision).toMatchObject({
      outcome: 'Frictionless',
      exemption: 'LowValue',
      amountEurCents: 1200,
    });
  });

  it('applies transaction risk analysis by the merchant fraud-rate class', async () => {
    const merchant = await platform.createMerchant({ region: 'EU' });
    const traClient = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    expect(
      (await admin('PUT', `/merchants/${merchant.merchantId}/sca`, { scaTraClass: 'UpTo6bp' }))
        .status,
    ).toBe(200);
    const permissionId = await setUpSavedWallet(traClient, platform, merchant);
    const charge = (amount: string) =>
      traClient.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: eur(amount),
          chargeInitiator: 'CITU',
          webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        },
        idem(),
      );
    const within = await charge('250.00');
    expect(within.status).toBe(201);
    expect((await platform.inspectCharge(String(within.data.chargeId))).scaDecision).toMatchObject({
      exemption: 'TransactionRiskAnalysis',
    });
    expect((await charge('250.01')).status).toBe(202);
  });

  it('exempts a recurring series of the same amount after an authenticated first payment', async () => {
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        storeId: eu.storeId,
        chargePermissionType: 'Recurring',
        recurringMetadata: { frequency: { unit: 'Month', value: '1' }, amount: eur('49.99') },
        paymentDetails: { paymentIntent: 'Confirm', chargeAmount: eur('49.99') },
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    await platform.buyer.checkout(id, { challenge: 'pass' });
    const completed = await client.completeCheckoutSession(
      id,
      { chargeAmount: eur('49.99') },
      idem(),
    );
    const permissionId = String(completed.data.chargePermissionId);
    const same = await citCharge(permissionId, '49.99', 'CITR');
    expect(same.status).toBe(201);
    expect((await platform.inspectCharge(String(same.data.chargeId))).scaDecision).toMatchObject({
      exemption: 'RecurringSeries',
    });
    expect((await citCharge(permissionId, '59.99', 'CITR')).status).toBe(202);
  });

  it('passes and fails a pending challenge headlessly, by charge id or session id', async () => {
    const permissionId = await setUpSavedWallet(client, platform, eu);
    const passed = await citCharge(permissionId, '80.00');
    expect(passed.status).toBe(202);
    const viaApi = await admin('POST', `/challenges/${String(passed.data.chargeId)}/pass`);
    const sessionId =
      new URL(String(viaApi.body.returnUrl)).searchParams.get('amazonCheckoutSessionId') ?? '';
    expect(String(viaApi.body.returnUrl)).toBe(`${RESULT}?amazonCheckoutSessionId=${sessionId}`);
    await client.completeCheckoutSession(sessionId, { chargeAmount: eur('80.00') }, idem());
    expect((await client.getCharge(String(passed.data.chargeId))).data.statusDetails).toMatchObject(
      { state: 'Captured' },
    );

    const failed = await citCharge(permissionId, '81.00');
    const redirect = (failed.data.webCheckoutDetails as { amazonPayRedirectUrl: string })
      .amazonPayRedirectUrl;
    const failedSession = new URL(redirect).searchParams.get('amazonCheckoutSessionId') ?? '';
    await platform.challenges.fail(failedSession);
    expect((await client.getCharge(String(failed.data.chargeId))).data.statusDetails).toMatchObject(
      { state: 'Declined' },
    );
    expect((await admin('POST', `/challenges/${String(failed.data.chargeId)}/dance`)).status).toBe(
      404,
    );
  });

  it('does not challenge checkouts of merchants outside the EU and UK', async () => {
    const us = await platform.createMerchant({ region: 'NA' });
    const usClient = new sdk.WebStoreClient({ ...platform.sdkConfig(us) });
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const session = await admin('GET', `/charges/${permissionId}`);
    expect(session.status).toBe(404);
  });

  it('adds test buyers with their own cards through the admin API', async () => {
    const added = await admin('POST', `/merchants/${eu.merchantId}/test-buyers`, {
      name: 'Max Mustermann',
      email: 'max@example.de',
      cardEndings: ['1111', '4242'],
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      details: { name: 'Max Mustermann' },
      instruments: [
        { cardEnding: '1111' },
        { cardEnding: '4242', descriptor: 'Visa ****4242 (Amazon Pay)' },
      ],
    });
    const listed = await admin('GET', `/merchants/${eu.merchantId}/test-buyers`);
    expect((listed.body.testBuyers as unknown[]).length).toBe(2);
    expect(
      (
        await admin('POST', `/merchants/${eu.merchantId}/test-buyers`, {
          name: 'x',
          email: 'not-an-email',
        })
      ).status,
    ).toBe(400);
  });
});
