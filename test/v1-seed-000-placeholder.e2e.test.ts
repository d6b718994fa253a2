import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { createV1Buyer, type V1Buyer } from '../src/testing/v1-buyer.js';
import { connectV1, type V1Client } from './support/mws-client.js';
import { signedPost } from './support/mws-signed-post.js';
import { idem, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Seed 000, with the unmodified `amazon-payments` client: "To prevent expiration of the
 * authentication token, you need to make the Capture within 30 days of subscription creation. If
 * the recurring frequency exceeds 30 days, you can do a €0 charge as a placeholder."
 * Two subscriptions billed every two months run over two months of the merchant's clock: the one
 * without placeholders lapses (ValidateBillingAgreement Failure, the charge declined) until the
 * Confirmation Flow is run again; the one with a €0 placeholder every 29 days is charged.
 */
const SUCCESS = 'https://shop.example/subscribed';

let platform: TestPlatform;
let merchant: TestMerchant;
let client: V1Client;
let buyer: V1Buyer;
let plain: string;
let renewed: string;
let sequence = 0;
let v2: WebStoreClient;
let v2Subscription: string;

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });

/**
 * The same subscription through the official Node SDK (v2 Recurring, EU): the checkout passes the
 * mandate's challenge; v2 documents no authentication lapse, so it needs no €0 placeholder.
 */
async function subscribeV2(): Promise<string> {
  const created = await v2.createCheckoutSession(
    {
      webCheckoutDetails: { checkoutResultReturnUrl: 'http://localhost:3000/subscribed' },
      storeId: merchant.storeId,
      chargePermissionType: 'Recurring',
      recurringMetadata: { frequency: { unit: 'Month', value: '2' }, amount: eur('19.99') },
      paymentDetails: { paymentIntent: 'AuthorizeWithCapture', chargeAmount: eur('19.99') },
    },
    idem(),
  );
  const id = String(created.data.checkoutSessionId);
  await platform.buyer.checkout(id, { challenge: 'pass', consent: true });
  const completed = await v2.completeCheckoutSession(id, { chargeAmount: eur('19.99') }, idem());
  return String(completed.data.chargePermissionId);
}

async function subscribe(token: string): Promise<string> {
  const id = await buyer.createBillingAgreement(token, merchant.merchantId, { cardEnding: '1111' });
  await client.call('SetBillingAgreementDetails', {
    AmazonBillingAgreementId: id,
    BillingAgreementAttributes: { SellerNote: 'Coffee every two months' },
  });
  await client.call('ConfirmBillingAgreement', {
    AmazonBillingAgreementId: id,
    SuccessUrl: SUCCESS,
  });
  const flow = await buyer.confirmationFlow(merchant.merchantId, id, 'pass');
  expect(flow).toMatchObject({ kind: 'redirect', challenged: true });
  return id;
}

/** AuthorizeOnBillingAgreement with CaptureNow, synchronously: the authorization's state and reason. */
async function charge(billingAgreementId: string, amount: string) {
  sequence += 1;
  const result = await client.call('AuthorizeOnBillingAgreement', {
    AmazonBillingAgreementId: billingAgreementId,
    AuthorizationReferenceId: `sub-${sequence}`,
    AuthorizationAmount: { Amount: amount, CurrencyCode: 'EUR' },
    CaptureNow: true,
    TransactionTimeout: 0,
  });
  const status = result.AuthorizationDetails.AuthorizationStatus;
  return { state: String(status.State), reason: status.ReasonCode as string | undefined };
}

const validate = async (id: string) => {
  const result = await client.call('ValidateBillingAgreement', { AmazonBillingAgreementId: id });
  return { result: String(result.ValidationResult), reason: result.FailureReasonCode as unknown };
};

beforeAll(async () => {
  platform = await createTestPlatform();
  merchant = await platform.createMerchant({ region: 'EU' });
  client = await connectV1(platform, merchant);
  buyer = createV1Buyer(platform.httpUrl);
  const token = await buyer.signIn(merchant.storeId);
  plain = await subscribe(token);
  renewed = await subscribe(token);
  v2 = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
  v2Subscription = await subscribeV2();
});
afterAll(() => platform.close());

describe('seed 000: the €0 placeholder keeps a billing agreement authenticated', () => {
  it('charges both subscriptions at once; a €0 placeholder is accepted on an agreement only', async () => {
    expect(await charge(plain, '19.99')).toEqual({
      state: 'Closed',
      reason: 'MaxCapturesProcessed',
    });
    expect(await charge(renewed, '19.99')).toEqual({
      state: 'Closed',
      reason: 'MaxCapturesProcessed',
    });
    // A zero amount outside a billing agreement is still refused.
    const oro = await client.call('CreateOrderReferenceForId', {
      Id: renewed,
      IdType: 'BillingAgreement',
    });
    const child = String(oro.OrderReferenceDetails.AmazonOrderReferenceId);
    const negative = await client.fail('SetOrderAttributes', {
      AmazonOrderReferenceId: child,
      OrderAttributes: { OrderTotal: { Amount: '-1', CurrencyCode: 'EUR' } },
    });
    expect(negative.code).toBe('InvalidParameterValue');
  });

  it('renews with a €0 placeholder every 29 days; the other lapses after 30 days', async () => {
    await platform.advanceClock(merchant.merchantId, '29d');
    expect(await charge(renewed, '0.00')).toEqual({
      state: 'Closed',
      reason: 'MaxCapturesProcessed',
    });
    expect(await validate(plain)).toEqual({ result: 'Success', reason: undefined });

    await platform.advanceClock(merchant.merchantId, '2d'); // day 31
    expect(await validate(plain)).toEqual({ result: 'Failure', reason: 'InvalidPaymentMethod' });
    expect(await validate(renewed)).toEqual({ result: 'Success', reason: undefined });

    await platform.advanceClock(merchant.merchantId, '27d'); // day 58
    expect(await charge(renewed, '0.00')).toEqual({
      state: 'Closed',
      reason: 'MaxCapturesProcessed',
    });
  });

  it('two months on, charges the renewed subscription and declines the lapsed one', async () => {
    await platform.advanceClock(merchant.merchantId, '3d'); // day 61
    expect(await charge(renewed, '19.99')).toEqual({
      state: 'Closed',
      reason: 'MaxCapturesProcessed',
    });
    expect(await charge(plain, '19.99')).toEqual({
      state: 'Declined',
      reason: 'InvalidPaymentMethod',
    });
    const details = await client.call('GetBillingAgreementDetails', {
      AmazonBillingAgreementId: plain,
    });
    expect(details.BillingAgreementDetails.BillingAgreementStatus.State).toBe('Open');
  });

  it('the lapsed agreement is charged again after the Confirmation Flow is run again', async () => {
    await client.call('ConfirmBillingAgreement', {
      AmazonBillingAgreementId: plain,
      SuccessUrl: SUCCESS,
    });
    expect(await validate(plain)).toEqual({ result: 'Failure', reason: 'InvalidPaymentMethod' });
    const flow = await buyer.confirmationFlow(merchant.merchantId, plain, 'pass');
    expect(flow).toEqual({
      kind: 'redirect',
      url: `${SUCCESS}?AuthenticationStatus=Success`,
      challenged: true,
    });
    expect(await validate(plain)).toEqual({ result: 'Success', reason: undefined });
    expect(await charge(plain, '19.99')).toEqual({
      state: 'Closed',
      reason: 'MaxCapturesProcessed',
    });
  });
});

describe('the v2 twin through the Node SDK (Recurring, every two months)', () => {
  it('is charged two months on without a placeholder (merchant-initiated, Captured)', async () => {
    const charge = await v2.createCharge(
      {
        chargePermissionId: v2Subscription,
        chargeAmount: eur('19.99'),
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    expect(charge.data).toMatchObject({ statusDetails: { state: 'Captured' } });
    expect((await v2.getChargePermission(v2Subscription)).data).toMatchObject({
      statusDetails: { state: 'Chargeable' },
    });
  });
});

describe('v1 Sandbox authorizations close after two days', () => {
  it('shows the two-day expiry and closes the authorization ExpiredUnused (environment differences page)', async () => {
    sequence += 1;
    const result = await client.call('AuthorizeOnBillingAgreement', {
      AmazonBillingAgreementId: renewed,
      AuthorizationReferenceId: `sub-${sequence}`,
      AuthorizationAmount: { Amount: '5.00', CurrencyCode: 'EUR' },
      TransactionTimeout: 0,
    });
    const details = result.AuthorizationDetails;
    const created = Date.parse(String(details.CreationTimestamp));
    expect(Date.parse(String(details.ExpirationTimestamp)) - created).toBe(2 * 86_400_000);
    await platform.advanceClock(merchant.merchantId, '2d');
    const later = await client.call('GetAuthorizationDetails', {
      AmazonAuthorizationId: String(details.AmazonAuthorizationId),
    });
    expect(later.AuthorizationDetails.AuthorizationStatus).toMatchObject({
      State: 'Closed',
      ReasonCode: 'ExpiredUnused',
    });
    const capture = await client.fail('Capture', {
      AmazonAuthorizationId: String(details.AmazonAuthorizationId),
      CaptureReferenceId: `late-${sequence}`,
      CaptureAmount: { Amount: '5.00', CurrencyCode: 'EUR' },
    });
    expect(capture.code).toBe('InvalidAuthorizationStatus');
  });
});

describe('v1 request timestamps', () => {
  it('answers a Timestamp 20 minutes old with RequestExpired, as real MWS does (issue 17)', async () => {
    const timestamp = new Date(Date.now() - 20 * 60_000).toISOString();
    const response = await signedPost(
      {
        httpUrl: platform.httpUrl,
        accessKeyId: client.accessKeyId,
        secretKey: client.secretKey,
        sellerId: merchant.merchantId,
        timestamp,
      },
      'GetServiceStatus',
    );
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>RequestExpired</Code>');
    expect(response.body).toContain(`Request has expired. Timestamp date is ${timestamp}.`);
  });
});
