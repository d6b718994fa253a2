import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';

/**
 * Issue "Foundation", done-when 1: the unmodified official Node SDK, configured only through
 * overrideServiceUrl, sets up a Saved Wallet over HTTPS with each signing algorithm.
 */
const key = (): string => randomUUID().replace(/-/g, '');
const REVIEW = 'http://localhost:3000/review';
const RESULT = 'http://localhost:3000/result';

interface Rejection {
  response: {
    status: number;
    data: { reasonCode: string; message: string };
    headers: Record<string, string>;
  };
}
const rejection = async (promise: Promise<unknown>): Promise<Rejection['response']> => {
  try {
    await promise;
  } catch (error) {
    return (error as Rejection).response;
  }
  throw new Error('expected the SDK call to fail');
};

describe.each(['AMZN-PAY-RSASSA-PSS', 'AMZN-PAY-RSASSA-PSS-V2'] as const)(
  'Saved Wallet through the official SDK (%s)',
  (algorithm) => {
    let platform: TestPlatform;
    let merchant: TestMerchant;
    let client: InstanceType<typeof sdk.WebStoreClient>;

    beforeAll(async () => {
      platform = await createTestPlatform();
      merchant = await platform.createMerchant({ region: 'EU' });
      client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant, { algorithm }) });
    });
    afterAll(() => platform.close());

    it('creates, approves, completes, updates and closes a Saved Wallet charge permission', async () => {
      const created = await client.createCheckoutSession(
        {
          webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW, checkoutResultReturnUrl: RESULT },
          storeId: merchant.storeId,
          chargePermissionType: 'PaymentMethodOnFile',
          paymentMethodOnFileMetadata: { setupOnly: true },
          paymentDetails: { paymentIntent: 'Confirm' },
          merchantMetadata: { merchantReferenceId: 'subscription-42' },
        },
        { 'x-amz-pay-idempotency-key': key() },
      );
      expect(created.status).toBe(201);
      expect(created.headers['x-amz-pay-request-id']).toBeTruthy();
      const sessionId = String(created.data.checkoutSessionId);
      expect(created.data).toMatchObject({
        chargePermissionType: 'PaymentMethodOnFile',
        paymentMethodOnFileMetadata: { setupOnly: true },
        statusDetails: { state: 'Open', reasonCode: null },
        constraints: [{ constraintId: 'BuyerNotAssociated' }],
        webCheckoutDetails: { amazonPayRedirectUrl: null, checkoutReviewReturnUrl: REVIEW },
        releaseEnvironment: 'Sandbox',
        buyer: null,
      });
      expect(created.data.creationTimestamp).toMatch(/^\d{8}T\d{6}Z$/);

      // The buyer signs in on localpay's page over HTTP and is sent to the merchant's review page.
      const review = await platform.buyer.checkout(sessionId, { cardEnding: '1111' });
      expect(review).toBe(`${REVIEW}?amazonCheckoutSessionId=${sessionId}`);

      const afterLogin = await client.getCheckoutSession(sessionId);
      expect(afterLogin.data.constraints).toEqual([]);
      expect(afterLogin.data).toMatchObject({
        buyer: { name: 'Susie Smith' },
        paymentPreferences: [{ paymentDescriptor: 'Visa ****1111 (Amazon Pay)' }],
      });
      const redirect = (afterLogin.data.webCheckoutDetails as { amazonPayRedirectUrl: string })
        .amazonPayRedirectUrl;
      expect(redirect).toBe(
        `${platform.httpUrl}/checkout/processing?amazonCheckoutSessionId=${sessionId}`,
      );

      // amazonPayRedirectUrl processes the payment and returns the buyer to the result URL.
      expect(await platform.buyer.visit(redirect)).toBe(
        `${RESULT}?amazonCheckoutSessionId=${sessionId}`,
      );

      const completed = await client.completeCheckoutSession(
        sessionId,
        {},
        { 'x-amz-pay-idempotency-key': key() },
      );
      expect(completed.status).toBe(200);
      expect(completed.data).toMatchObject({
        statusDetails: { state: 'Completed' },
        chargeId: null,
      });
      const chargePermissionId = String(completed.data.chargePermissionId);
      expect(chargePermissionId).toMatch(/^B02-\d{7}-\d{7}$/);

      const permission = await client.getChargePermission(chargePermissionId);
      expect(permission.data).toMatchObject({
        chargePermissionId,
        chargePermissionType: 'PaymentMethodOnFile',
        statusDetails: { state: 'Chargeable', reasons: null },
        expirationTimestamp: null,
        limits: null,
        merchantMetadata: { merchantReferenceId: 'subscription-42' },
        paymentPreferences: [{ paymentDescriptor: 'Visa ****1111 (Amazon Pay)' }],
      });

      const updated = await client.updateChargePermission(chargePermissionId, {
        merchantMetadata: {
          merchantReferenceId: 'subscription-43',
          noteToBuyer: 'Thanks for subscribing',
        },
      });
      expect(updated.data.merchantMetadata).toMatchObject({
        merchantReferenceId: 'subscription-43',
        noteToBuyer: 'Thanks for subscribing',
      });

      const closed = await client.closeChargePermission(chargePermissionId, {
        closureReason: 'Subscription canceled',
        cancelPendingCharges: false,
      });
      expect(closed.data.statusDetails).toMatchObject({
        state: 'Closed',
        reasons: [{ reasonCode: 'MerchantClosed', reasonDescription: 'Subscription canceled' }],
      });

      const again = await rejection(
        client.closeChargePermission(chargePermissionId, { closureReason: 'again' }),
      );
      expect(again.status).toBe(422);
      expect(again.data.reasonCode).toBe('InvalidChargePermissionStatus');
      expect(again.headers['x-amz-pay-request-id']).toBeTruthy();
    });
  },
);
