import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { parseAmzDate } from '../src/http/v2/signature.js';
import { idem, sdkFailure, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue 17 through the official Node SDK: localpay is exactly as strict as Amazon's documentation.
 * Each test names the page whose rule it checks.
 */
const RESULT = 'http://localhost:3000/result';

let platform: TestPlatform;
let us: TestMerchant;
let eu: TestMerchant;
let usClient: WebStoreClient;
let euClient: WebStoreClient;

beforeAll(async () => {
  platform = await createTestPlatform();
  us = await platform.createMerchant({ region: 'NA' });
  eu = await platform.createMerchant({ region: 'EU' });
  usClient = new sdk.WebStoreClient({ ...platform.sdkConfig(us) });
  euClient = new sdk.WebStoreClient({ ...platform.sdkConfig(eu) });
});
afterAll(() => platform.close());

/** A session the buyer has signed in to (and, with a result URL, returned from). */
async function signedIn(
  client: WebStoreClient,
  merchant: TestMerchant,
  body: Record<string, unknown>,
): Promise<string> {
  const created = await client.createCheckoutSession(
    { webCheckoutDetails: { checkoutResultReturnUrl: RESULT }, storeId: merchant.storeId, ...body },
    idem(),
  );
  const id = String(created.data.checkoutSessionId);
  await platform.buyer.checkout(id);
  return id;
}

describe('Finalize Checkout Session checks, never overwrites (Verify & complete checkout page)', () => {
  const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

  it('refuses a chargeAmount, totalOrderAmount or shippingAddress that differs from the session', async () => {
    // The buyer stops at the review page; Finalize replaces Complete (the buyer never returns).
    const id = await signedIn(usClient, us, {
      webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost:3000/review' },
      paymentDetails: {
        paymentIntent: 'Authorize',
        chargeAmount: usd('10.00'),
        totalOrderAmount: usd('25.00'),
      },
    });
    await usClient.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
    });
    const shared = (await usClient.getCheckoutSession(id)).data.shippingAddress as Record<
      string,
      unknown
    >;
    const body = {
      chargeAmount: usd('10.00'),
      totalOrderAmount: usd('25.00'),
      paymentIntent: 'Authorize',
    };
    const amount = await sdkFailure(
      usClient.finalizeCheckoutSession(
        id,
        { ...body, chargeAmount: usd('11.00'), shippingAddress: shared },
        idem(),
      ),
    );
    expect([amount.status, amount.data.reasonCode]).toEqual([409, 'AmountMismatch']);
    const total = await sdkFailure(
      usClient.finalizeCheckoutSession(
        id,
        { chargeAmount: usd('10.00'), paymentIntent: 'Authorize', shippingAddress: shared },
        idem(),
      ),
    );
    expect([total.status, total.data.reasonCode]).toEqual([400, 'MissingParameterValue']);
    const noAddress = await sdkFailure(usClient.finalizeCheckoutSession(id, body, idem()));
    expect(noAddress.data.reasonCode).toBe('MissingParameterValue');
    expect(noAddress.data.message).toContain('shippingAddress');
    const moved = await sdkFailure(
      usClient.finalizeCheckoutSession(
        id,
        { ...body, shippingAddress: { ...shared, addressLine1: '1 Other Street' } },
        idem(),
      ),
    );
    expect([moved.status, moved.data.reasonCode]).toEqual([400, 'InvalidParameterValue']);
    expect(moved.data.message).toContain('shippingAddress.addressLine1');

    const session = await usClient.getCheckoutSession(id);
    expect(session.data).toMatchObject({
      paymentDetails: { chargeAmount: usd('10.00') },
      statusDetails: { state: 'Open' },
    });

    const finalized = await usClient.finalizeCheckoutSession(
      id,
      { ...body, shippingAddress: shared },
      idem(),
    );
    expect(finalized.data).toMatchObject({ statusDetails: { state: 'Completed' } });
  });
});

describe('Complete Checkout Session needs the totalOrderAmount the session has (Checkout Session page)', () => {
  it('answers MissingParameterValue without it, completes with it', async () => {
    const id = await signedIn(usClient, us, {
      paymentDetails: {
        paymentIntent: 'Authorize',
        chargeAmount: { amount: '5.00', currencyCode: 'USD' },
        totalOrderAmount: { amount: '9.00', currencyCode: 'USD' },
      },
    });
    const missing = await sdkFailure(
      usClient.completeCheckoutSession(
        id,
        { chargeAmount: { amount: '5.00', currencyCode: 'USD' } },
        idem(),
      ),
    );
    expect([missing.status, missing.data.reasonCode]).toEqual([400, 'MissingParameterValue']);
    const completed = await usClient.completeCheckoutSession(
      id,
      {
        chargeAmount: { amount: '5.00', currencyCode: 'USD' },
        totalOrderAmount: { amount: '9.00', currencyCode: 'USD' },
      },
      idem(),
    );
    expect(completed.data).toMatchObject({ statusDetails: { state: 'Completed' } });
  });
});

describe('ledger currency (Multi-currency integration page)', () => {
  it('refuses a US checkout in EUR at Create and at Update, with the reason', async () => {
    const created = await sdkFailure(
      usClient.createCheckoutSession(
        {
          webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
          storeId: us.storeId,
          paymentDetails: {
            paymentIntent: 'AuthorizeWithCapture',
            chargeAmount: { amount: '10.00', currencyCode: 'EUR' },
          },
        },
        idem(),
      ),
    );
    expect([created.status, created.data.reasonCode]).toEqual([400, 'CurrencyMismatch']);
    expect(created.data.message).toContain('ledger currency is USD');
    const presentment = await sdkFailure(
      usClient.createCheckoutSession(
        {
          webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
          storeId: us.storeId,
          paymentDetails: { presentmentCurrency: 'GBP' },
        },
        idem(),
      ),
    );
    expect(presentment.data.reasonCode).toBe('CurrencyMismatch');
    const session = await usClient.createCheckoutSession(
      { webCheckoutDetails: { checkoutResultReturnUrl: RESULT }, storeId: us.storeId },
      idem(),
    );
    const updated = await sdkFailure(
      usClient.updateCheckoutSession(String(session.data.checkoutSessionId), {
        paymentDetails: {
          paymentIntent: 'Authorize',
          chargeAmount: { amount: '10.00', currencyCode: 'EUR' },
        },
      }),
    );
    expect(updated.data.reasonCode).toBe('CurrencyMismatch');
  });

  it('lets a EUR ledger present CHF, follows a changed chargeAmount currency, refuses a direct presentmentCurrency update', async () => {
    const created = await euClient.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        storeId: eu.storeId,
        paymentDetails: { presentmentCurrency: 'CHF' },
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    const direct = await sdkFailure(
      euClient.updateCheckoutSession(id, { paymentDetails: { presentmentCurrency: 'GBP' } }),
    );
    expect([direct.status, direct.data.reasonCode]).toEqual([400, 'InvalidParameterValue']);
    const followed = await euClient.updateCheckoutSession(id, {
      paymentDetails: {
        paymentIntent: 'Authorize',
        chargeAmount: { amount: '12.00', currencyCode: 'GBP' },
      },
    });
    expect(followed.data).toMatchObject({ paymentDetails: { presentmentCurrency: 'GBP' } });
  });
});

describe('allowOvercharge raises the amountLimit (Advanced one-time payment options)', () => {
  it('sets amountLimit to max(900 %, 500 USD) and accepts a charge above the order amount', async () => {
    const id = await signedIn(usClient, us, {
      paymentDetails: {
        paymentIntent: 'Confirm',
        chargeAmount: { amount: '20.00', currencyCode: 'USD' },
        allowOvercharge: true,
      },
    });
    const completed = await usClient.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '20.00', currencyCode: 'USD' } },
      idem(),
    );
    const permissionId = String(completed.data.chargePermissionId);
    const permission = await usClient.getChargePermission(permissionId);
    expect(permission.data).toMatchObject({
      limits: { amountLimit: { amount: '500.00', currencyCode: 'USD' } },
    });
    const charge = await usClient.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '120.00', currencyCode: 'USD' },
        captureNow: true,
      },
      idem(),
    );
    expect(charge.data).toMatchObject({ statusDetails: { state: 'Captured' } });
  });
});

describe('documented maxima (Charge and Refund objects)', () => {
  it('refuses a US charge above $150,000 at Create Checkout Session and Create Charge', async () => {
    const session = await sdkFailure(
      usClient.createCheckoutSession(
        {
          webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
          storeId: us.storeId,
          paymentDetails: {
            paymentIntent: 'Authorize',
            chargeAmount: { amount: '150000.01', currencyCode: 'USD' },
          },
        },
        idem(),
      ),
    );
    expect([session.status, session.data.reasonCode]).toEqual([400, 'TransactionAmountExceeded']);
    const id = await signedIn(usClient, us, {
      paymentDetails: {
        paymentIntent: 'Confirm',
        chargeAmount: { amount: '150000.00', currencyCode: 'USD' },
        allowOvercharge: true,
      },
    });
    const completed = await usClient.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '150000.00', currencyCode: 'USD' } },
      idem(),
    );
    const charge = await sdkFailure(
      usClient.createCharge(
        {
          chargePermissionId: String(completed.data.chargePermissionId),
          chargeAmount: { amount: '150001.00', currencyCode: 'USD' },
        },
        idem(),
      ),
    );
    expect([charge.status, charge.data.reasonCode]).toEqual([400, 'TransactionAmountExceeded']);
    expect(charge.data.message).toContain('maximum of 150000.00 USD');
  });
});

describe('Complete on an expired session (Checkout Session page)', () => {
  it('answers InvalidCheckoutSessionStatus', async () => {
    const id = await signedIn(usClient, us, {
      paymentDetails: {
        paymentIntent: 'Authorize',
        chargeAmount: { amount: '5.00', currencyCode: 'USD' },
      },
    });
    await platform.advanceClock(us.merchantId, '25h');
    const late = await sdkFailure(
      usClient.completeCheckoutSession(
        id,
        { chargeAmount: { amount: '5.00', currencyCode: 'USD' } },
        idem(),
      ),
    );
    expect([late.status, late.data.reasonCode]).toEqual([422, 'InvalidCheckoutSessionStatus']);
  });
});

describe('lenient edges closed (issue 17, point 10)', () => {
  it('refuses the async test card 0701 with AuthorizeWithCapture (Sandbox simulations: Authorize only)', async () => {
    const created = await usClient.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        storeId: us.storeId,
        paymentDetails: {
          paymentIntent: 'AuthorizeWithCapture',
          canHandlePendingAuthorization: true,
          chargeAmount: { amount: '7.00', currencyCode: 'USD' },
        },
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    await platform.buyer.checkout(id, { cardEnding: '0701' });
    const refused = await sdkFailure(
      usClient.completeCheckoutSession(
        id,
        { chargeAmount: { amount: '7.00', currencyCode: 'USD' } },
        idem(),
      ),
    );
    expect([refused.status, refused.data.reasonCode]).toEqual([400, 'InvalidParameterCombination']);
    expect(refused.data.message).toContain('paymentIntent Authorize');
  });

  it('allows plain http return URLs in Sandbox only for localhost, 127.0.0.1 and ::1 (seed 004)', async () => {
    const create = (url: string) =>
      usClient.createCheckoutSession(
        { webCheckoutDetails: { checkoutResultReturnUrl: url }, storeId: us.storeId },
        idem(),
      );
    for (const url of ['http://localhost/r', 'http://127.0.0.1:8000/r', 'http://[::1]:8000/r'])
      expect((await create(url)).status).toBe(201);
    const refused = await sdkFailure(create('http://shop.example/r'));
    expect([refused.status, refused.data.reasonCode]).toEqual([400, 'InvalidParameterValue']);
    expect(refused.data.message).toContain('LOCALPAY_SANDBOX_HTTP_RETURN_URLS=any');
  });

  it('allows any http host when started with LOCALPAY_SANDBOX_HTTP_RETURN_URLS=any', async () => {
    const lenient = await createTestPlatform({ sandboxHttpReturnUrls: 'any' });
    try {
      const merchant = await lenient.createMerchant({ region: 'NA' });
      const client: WebStoreClient = new sdk.WebStoreClient({ ...lenient.sdkConfig(merchant) });
      const created = await client.createCheckoutSession(
        {
          webCheckoutDetails: { checkoutResultReturnUrl: 'http://shop.example/r' },
          storeId: merchant.storeId,
        },
        idem(),
      );
      expect(created.status).toBe(201);
    } finally {
      await lenient.close();
    }
  });
});

describe('Recurring Charge Permission expiry follows recurringMetadata (Update info post-checkout)', () => {
  const MONTH = 30 * 86_400_000;
  async function subscription(frequency: { unit: string; value: string }): Promise<string> {
    const id = await (async () => {
      const created = await usClient.createCheckoutSession(
        {
          webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
          storeId: us.storeId,
          chargePermissionType: 'Recurring',
          recurringMetadata: { frequency, amount: { amount: '30.00', currencyCode: 'USD' } },
          paymentDetails: {
            paymentIntent: 'Confirm',
            chargeAmount: { amount: '30.00', currencyCode: 'USD' },
          },
        },
        idem(),
      );
      return String(created.data.checkoutSessionId);
    })();
    await platform.buyer.checkout(id, { consent: true });
    const completed = await usClient.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '30.00', currencyCode: 'USD' } },
      idem(),
    );
    return String(completed.data.chargePermissionId);
  }
  const lifetime = async (permissionId: string): Promise<number> => {
    const data = (await usClient.getChargePermission(permissionId)).data as {
      creationTimestamp: string;
      expirationTimestamp: string;
    };
    return (
      Number(parseAmzDate(data.expirationTimestamp)) - Number(parseAmzDate(data.creationTimestamp))
    );
  };

  it('a yearly subscription lives two years, a monthly one 13 months; an update moves the expiry', async () => {
    const yearly = await subscription({ unit: 'Year', value: '1' });
    const monthly = await subscription({ unit: 'Month', value: '1' });
    expect(await lifetime(yearly)).toBeGreaterThan(23 * MONTH);
    expect(await lifetime(monthly)).toBeLessThan(14 * MONTH);
    expect(await lifetime(monthly)).toBeGreaterThan(12 * MONTH);

    const updated = await usClient.updateChargePermission(monthly, {
      recurringMetadata: {
        frequency: { unit: 'Year', value: '2' },
        amount: { amount: '300.00', currencyCode: 'USD' },
      },
    });
    expect(updated.data).toMatchObject({
      recurringMetadata: { frequency: { unit: 'Year', value: '2' }, amount: { amount: '300.00' } },
    });
    expect(await lifetime(monthly)).toBeGreaterThan(47 * MONTH);
  });

  it('over two months on the merchant clock, a charge renews the expiry from the charge', async () => {
    const monthly = await subscription({ unit: 'Month', value: '1' });
    const before = await lifetime(monthly);
    await platform.advanceClock(us.merchantId, '61d');
    const charge = await usClient.createCharge(
      {
        chargePermissionId: monthly,
        chargeAmount: { amount: '30.00', currencyCode: 'USD' },
        captureNow: true,
      },
      idem(),
    );
    expect(charge.data).toMatchObject({ statusDetails: { state: 'Captured' } });
    expect(await lifetime(monthly)).toBeGreaterThanOrEqual(
      before + 61 * 86_400_000 - 3 * 86_400_000,
    );
  });

  it('refuses recurringMetadata on a OneTime permission', async () => {
    const id = await signedIn(usClient, us, {
      paymentDetails: {
        paymentIntent: 'Confirm',
        chargeAmount: { amount: '5.00', currencyCode: 'USD' },
      },
    });
    const completed = await usClient.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '5.00', currencyCode: 'USD' } },
      idem(),
    );
    const refused = await sdkFailure(
      usClient.updateChargePermission(String(completed.data.chargePermissionId), {
        recurringMetadata: { frequency: { unit: 'Month', value: '1' } },
      }),
    );
    expect([refused.status, refused.data.reasonCode]).toEqual([400, 'InvalidParameterValue']);
  });
});

describe('data retention on the merchant clock (Checkout Session and Charge Permission pages)', () => {
  it('deletes the Checkout Session after 30 days and stops serving OneTime buyer details; Recurring keeps them while open', async () => {
    const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
    const oneTime = await signedIn(euClient, eu, {
      paymentDetails: { paymentIntent: 'Confirm', chargeAmount: eur('15.00') },
    });
    const completed = await euClient.completeCheckoutSession(
      oneTime,
      { chargeAmount: eur('15.00') },
      idem(),
    );
    const permissionId = String(completed.data.chargePermissionId);

    const recurringSession = await euClient.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        storeId: eu.storeId,
        chargePermissionType: 'Recurring',
        recurringMetadata: { frequency: { unit: 'Month', value: '1' }, amount: eur('9.00') },
        paymentDetails: { paymentIntent: 'Confirm', chargeAmount: eur('9.00') },
      },
      idem(),
    );
    const recurringId = String(recurringSession.data.checkoutSessionId);
    await platform.buyer.checkout(recurringId, { consent: true });
    const recurring = await euClient.completeCheckoutSession(
      recurringId,
      { chargeAmount: eur('9.00') },
      idem(),
    );
    const recurringPermission = String(recurring.data.chargePermissionId);

    await platform.advanceClock(eu.merchantId, '29d');
    expect((await euClient.getCheckoutSession(oneTime)).status).toBe(200);
    expect((await euClient.getChargePermission(permissionId)).data).toMatchObject({
      buyer: { name: expect.any(String) as unknown },
    });

    await platform.advanceClock(eu.merchantId, '1d');
    const gone = await sdkFailure(euClient.getCheckoutSession(oneTime));
    expect([gone.status, gone.data.reasonCode]).toEqual([404, 'ResourceNotFound']);
    expect((await euClient.getChargePermission(permissionId)).data).toMatchObject({
      buyer: null,
      shippingAddress: null,
      billingAddress: null,
      statusDetails: { state: 'Chargeable' },
    });
    expect((await euClient.getChargePermission(recurringPermission)).data).toMatchObject({
      buyer: { name: expect.any(String) as unknown },
    });
  });
});
