import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';

/**
 * Checkout variants through the official SDK (spec §8.1–§8.5, §9.1): payment intents, buyer
 * cancellation, sandbox declines, ProcessOrder, Finalize, and a Recurring consent.
 */
const idem = (): Record<string, string> => ({
  'x-amz-pay-idempotency-key': randomUUID().replace(/-/g, ''),
});
const RESULT = 'http://localhost:3000/result';

type Client = InstanceType<typeof sdk.WebStoreClient>;
const failure = (
  promise: Promise<unknown>,
): Promise<{ status: number; data: { reasonCode: string } }> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: { response: { status: number; data: { reasonCode: string } } }) => error.response,
  );

describe('checkout flows through the official SDK', () => {
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: Client;

  beforeAll(async () => {
    platform = await createTestPlatform();
    merchant = await platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
  });
  afterAll(() => platform.close());

  /** Creates a session with only a result URL, so the buyer goes straight to processing. */
  async function checkout(
    paymentDetails: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    cardEnding = '1111',
  ) {
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: {
          checkoutResultReturnUrl: RESULT,
          checkoutCancelUrl: 'http://localhost:3000/cart',
        },
        storeId: merchant.storeId,
        paymentDetails,
        ...extra,
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    const landing = await platform.buyer.checkout(id, { cardEnding });
    return { id, landing };
  }

  it('Authorize creates an Authorized charge and a OneTime permission with a charge in progress', async () => {
    const { id, landing } = await checkout({
      paymentIntent: 'Authorize',
      chargeAmount: { amount: '25.00', currencyCode: 'USD' },
    });
    expect(landing).toBe(`${RESULT}?amazonCheckoutSessionId=${id}`);
    const completed = await client.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '25.00', currencyCode: 'USD' } },
      idem(),
    );
    expect(completed.status).toBe(200);
    const charge = await client.getCharge(String(completed.data.chargeId));
    expect(charge.data).toMatchObject({
      statusDetails: { state: 'Authorized' },
      chargeAmount: { amount: '25.00', currencyCode: 'USD' },
      captureAmount: null,
    });
    const permission = await client.getChargePermission(String(completed.data.chargePermissionId));
    expect(permission.data).toMatchObject({
      chargePermissionType: 'OneTime',
      statusDetails: { state: 'NonChargeable', reasons: [{ reasonCode: 'ChargeInProgress' }] },
      limits: { amountLimit: { amount: '25.00' }, amountBalance: { amount: '0.00' } },
    });
    expect(String(permission.data.chargePermissionId)).toMatch(/^S01-/);
  });

  it('AuthorizeWithCapture captures at once and closes the fully charged OneTime permission', async () => {
    const { id } = await checkout({
      paymentIntent: 'AuthorizeWithCapture',
      chargeAmount: { amount: '9.99', currencyCode: 'USD' },
      softDescriptor: 'SHOP*ORDER',
    });
    const completed = await client.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '9.99', currencyCode: 'USD' } },
      idem(),
    );
    const charge = await client.getCharge(String(completed.data.chargeId));
    expect(charge.data).toMatchObject({
      statusDetails: { state: 'Captured' },
      captureAmount: { amount: '9.99', currencyCode: 'USD' },
      refundedAmount: { amount: '0.00', currencyCode: 'USD' },
      softDescriptor: 'SHOP*ORDER',
    });
    const permission = await client.getChargePermission(String(completed.data.chargePermissionId));
    expect(permission.data.statusDetails).toMatchObject({
      state: 'Closed',
      reasons: [{ reasonCode: 'AmazonClosed' }],
    });
  });

  it('refuses a Complete whose amount differs, and changes nothing', async () => {
    const { id } = await checkout({
      paymentIntent: 'Authorize',
      chargeAmount: { amount: '10.00', currencyCode: 'USD' },
    });
    const mismatch = await failure(
      client.completeCheckoutSession(
        id,
        { chargeAmount: { amount: '11.00', currencyCode: 'USD' } },
        idem(),
      ),
    );
    expect(mismatch.status).toBe(409);
    expect(mismatch.data.reasonCode).toBe('AmountMismatch');
    expect((await client.getCheckoutSession(id)).data.statusDetails).toMatchObject({
      state: 'Open',
    });
    const completed = await client.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
      idem(),
    );
    expect(completed.data.statusDetails).toMatchObject({ state: 'Completed' });
    const twice = await failure(
      client.completeCheckoutSession(
        id,
        { chargeAmount: { amount: '10.00', currencyCode: 'USD' } },
        idem(),
      ),
    );
    expect(twice.data.reasonCode).toBe('InvalidCheckoutSessionStatus');
  });

  it.each([
    ['3434', 'Declined'],
    ['3064', 'BuyerCanceled'],
  ])(
    'card %s cancels the session (%s) and Complete answers CheckoutSessionCanceled',
    async (cardEnding, reason) => {
      const { id, landing } = await checkout(
        { paymentIntent: 'Authorize', chargeAmount: { amount: '5.00', currencyCode: 'USD' } },
        {},
        cardEnding,
      );
      expect(landing).toBe(`${RESULT}?amazonCheckoutSessionId=${id}`);
      const error = await failure(
        client.completeCheckoutSession(
          id,
          { chargeAmount: { amount: '5.00', currencyCode: 'USD' } },
          idem(),
        ),
      );
      expect(error.status).toBe(422);
      expect(error.data.reasonCode).toBe('CheckoutSessionCanceled');
      expect((await client.getCheckoutSession(id)).data.statusDetails).toMatchObject({
        state: 'Canceled',
        reasonCode: reason,
      });
    },
  );

  it('a buyer who cancels on the hosted page goes to checkoutCancelUrl', async () => {
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: {
          checkoutReviewReturnUrl: 'http://localhost:3000/review',
          checkoutCancelUrl: 'http://localhost:3000/cart',
        },
        storeId: merchant.storeId,
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    expect(await platform.buyer.cancel(id)).toBe(
      `http://localhost:3000/cart?amazonCheckoutSessionId=${id}`,
    );
    expect((await client.getCheckoutSession(id)).data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'BuyerCanceled',
    });
  });

  it('the review flow: Update sets the payment details, then amazonPayRedirectUrl appears', async () => {
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost:3000/review' },
        storeId: merchant.storeId,
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    await platform.buyer.checkout(id);
    const updated = await client.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
      paymentDetails: {
        paymentIntent: 'Authorize',
        chargeAmount: { amount: '12.00', currencyCode: 'USD' },
      },
      merchantMetadata: { merchantReferenceId: 'order-7' },
    });
    const web = updated.data.webCheckoutDetails as { amazonPayRedirectUrl: string | null };
    expect(updated.data.constraints).toEqual([]);
    expect(web.amazonPayRedirectUrl).toContain('/checkout/processing?amazonCheckoutSessionId=');
    expect(await platform.buyer.visit(web.amazonPayRedirectUrl!)).toBe(
      `${RESULT}?amazonCheckoutSessionId=${id}`,
    );
    const completed = await client.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '12.00', currencyCode: 'USD' } },
      idem(),
    );
    expect(completed.data.statusDetails).toMatchObject({ state: 'Completed' });
  });

  it('Finalize processes and completes without a redirect', async () => {
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost:3000/review' },
        storeId: merchant.storeId,
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    const early = await failure(
      client.finalizeCheckoutSession(
        id,
        { chargeAmount: { amount: '3.00', currencyCode: 'USD' }, paymentIntent: 'Authorize' },
        idem(),
      ),
    );
    expect(early.data.reasonCode).toBe('InvalidCheckoutSessionStatus');
    await platform.buyer.checkout(id);
    await client.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
    });
    const shared = (await client.getCheckoutSession(id)).data.shippingAddress;
    const finalized = await client.finalizeCheckoutSession(
      id,
      {
        chargeAmount: { amount: '3.00', currencyCode: 'USD' },
        paymentIntent: 'AuthorizeWithCapture',
        shippingAddress: shared,
      },
      idem(),
    );
    expect(finalized.status).toBe(200);
    expect(finalized.data.statusDetails).toMatchObject({ state: 'Completed' });
    expect(
      (await client.getCharge(String(finalized.data.chargeId))).data.statusDetails,
    ).toMatchObject({ state: 'Captured' });
  });

  it('a Recurring checkout needs the buyer consent and a frequency', async () => {
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        storeId: merchant.storeId,
        chargePermissionType: 'Recurring',
        paymentDetails: {
          paymentIntent: 'Confirm',
          chargeAmount: { amount: '20.00', currencyCode: 'USD' },
        },
      },
      idem(),
    );
    expect(created.data.constraints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ constraintId: 'RecurringFrequencyNotSet' }),
      ]),
    );
    const id = String(created.data.checkoutSessionId);
    await client.updateCheckoutSession(id, {
      recurringMetadata: {
        frequency: { unit: 'Month', value: '1' },
        amount: { amount: '20.00', currencyCode: 'USD' },
      },
    });
    await expect(platform.buyer.checkout(id, { consent: false })).rejects.toThrow(/400/);
    await platform.buyer.checkout(id, { consent: true });
    const completed = await client.completeCheckoutSession(
      id,
      { chargeAmount: { amount: '20.00', currencyCode: 'USD' } },
      idem(),
    );
    const permission = await client.getChargePermission(String(completed.data.chargePermissionId));
    expect(permission.data).toMatchObject({
      chargePermissionType: 'Recurring',
      recurringMetadata: { frequency: { unit: 'Month', value: '1' }, amount: { amount: '20.00' } },
      statusDetails: { state: 'Chargeable' },
    });
    expect(completed.data.chargeId).toBeNull();
  });
});
