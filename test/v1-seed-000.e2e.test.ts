import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { createV1Buyer, type V1Buyer } from '../src/testing/v1-buyer.js';
import { connectV1, type V1Client } from './support/mws-client.js';

/**
 * Seed 000 end to end with the unmodified `amazon-payments` client: a billing agreement set up and
 * confirmed, a child order reference (CreateOrderReferenceForId without ConfirmNow),
 * SetOrderAttributes, ConfirmOrderReference with SuccessUrl, FailureUrl and AuthorizationAmount,
 * the hosted Confirmation Flow over HTTP to AuthenticationStatus=Success, ValidateBillingAgreement,
 * Authorize, Capture, Refund; then Failure and Abandoned through SellerNote simulations, each
 * followed by CancelOrderReference; and every error code and page of the seed.
 */
const SUCCESS = 'https://shop.example/OrderConfirmed';
const FAILURE = 'https://shop.example/OrderFailed';
const simulation = (state: string): string =>
  JSON.stringify({ SandboxSimulation: { PaymentAuthenticationStatus: { State: state } } });

let platform: TestPlatform;
let merchant: TestMerchant;
let client: V1Client;
let buyer: V1Buyer;
let token: string;
let billingAgreementId: string;

beforeAll(async () => {
  platform = await createTestPlatform();
  merchant = await platform.createMerchant({ region: 'EU' });
  client = await connectV1(platform, merchant);
  buyer = createV1Buyer(platform.httpUrl);
  token = await buyer.signIn(merchant.storeId);
  billingAgreementId = await buyer.createBillingAgreement(token, merchant.merchantId, {
    cardEnding: '1111',
  });
});
afterAll(() => platform.close());

/** A child order reference of the billing agreement, with its amount set and confirmed for the flow. */
async function confirmedChild(
  sellerNote?: string,
  urls: { failure?: string | null } = {},
): Promise<string> {
  const created = await client.call('CreateOrderReferenceForId', {
    Id: billingAgreementId,
    IdType: 'BillingAgreement',
  });
  const id = String(created.OrderReferenceDetails.AmazonOrderReferenceId);
  await client.call('SetOrderAttributes', {
    AmazonOrderReferenceId: id,
    OrderAttributes: {
      OrderTotal: { Amount: '49.99', CurrencyCode: 'EUR' },
      ...(sellerNote === undefined ? {} : { SellerNote: sellerNote }),
      SellerOrderAttributes: { SellerOrderId: `order-${id}` },
    },
  });
  const failure = urls.failure === undefined ? FAILURE : urls.failure;
  await client.call('ConfirmOrderReference', {
    AmazonOrderReferenceId: id,
    SuccessUrl: SUCCESS,
    ...(failure === null ? {} : { FailureUrl: failure }),
    AuthorizationAmount: { Amount: '49.99', CurrencyCode: 'EUR' },
  });
  return id;
}

describe('seed 000: a customer-initiated purchase on a billing agreement', () => {
  it('sets up and confirms the billing agreement, with its own Confirmation Flow', async () => {
    const set = await client.call('SetBillingAgreementDetails', {
      AmazonBillingAgreementId: billingAgreementId,
      BillingAgreementAttributes: {
        SellerNote: 'Monthly coffee',
        BillingAgreementType: 'CustomerInitiatedTransaction',
        SellerBillingAgreementAttributes: {
          SellerBillingAgreementId: 'sub-42',
          StoreName: 'Coffee Shop',
        },
      },
    });
    expect(set.BillingAgreementDetails.BillingAgreementStatus.State).toBe('Draft');
    expect(set.BillingAgreementDetails.BillingAgreementConsent).toBe('true');
    await client.call('ConfirmBillingAgreement', {
      AmazonBillingAgreementId: billingAgreementId,
      SuccessUrl: `${SUCCESS}?ba=1`,
      FailureUrl: FAILURE,
    });
    const flow = await buyer.confirmationFlow(merchant.merchantId, billingAgreementId, 'pass');
    expect(flow).toEqual({
      kind: 'redirect',
      url: `${SUCCESS}?ba=1&AuthenticationStatus=Success`,
      challenged: true,
    });
    const details = await client.call('GetBillingAgreementDetails', {
      AmazonBillingAgreementId: billingAgreementId,
    });
    expect(details.BillingAgreementDetails.BillingAgreementStatus.State).toBe('Open');
    expect(details.BillingAgreementDetails.BillingAgreementLimits.AmountLimitPerTimePeriod).toEqual(
      { Amount: '1000.00', CurrencyCode: 'EUR' },
    );
  });

  it('walks CreateOrderReferenceForId → confirm → challenge → Validate → Authorize → Capture → Refund', async () => {
    const id = await confirmedChild();
    const confirmed = await client.call('GetOrderReferenceDetails', { AmazonOrderReferenceId: id });
    expect(confirmed.OrderReferenceDetails).toMatchObject({
      OrderReferenceStatus: { State: 'Open' },
      ParentDetails: { Id: billingAgreementId, Type: 'BillingAgreement' },
      PaymentAuthenticationStatus: { State: 'REQUIRED' },
      OrderTotal: { Amount: '49.99', CurrencyCode: 'EUR' },
    });

    const flow = await buyer.confirmationFlow(merchant.merchantId, id, 'pass');
    expect(flow).toEqual({
      kind: 'redirect',
      url: `${SUCCESS}?AuthenticationStatus=Success`,
      challenged: true,
    });

    const validated = await client.call('ValidateBillingAgreement', {
      AmazonBillingAgreementId: billingAgreementId,
    });
    expect(validated).toMatchObject({
      ValidationResult: 'Success',
      BillingAgreementStatus: { State: 'Open' },
    });

    const authorized = await client.call('Authorize', {
      AmazonOrderReferenceId: id,
      AuthorizationReferenceId: `auth-${id}`,
      AuthorizationAmount: { Amount: '49.99', CurrencyCode: 'EUR' },
      TransactionTimeout: 0,
    });
    const authorizationId = String(authorized.AuthorizationDetails.AmazonAuthorizationId);
    expect(authorizationId).toMatch(new RegExp(`^${id}-A\\d{6}$`));
    expect(authorized.AuthorizationDetails.AuthorizationStatus.State).toBe('Open');

    const captured = await client.call('Capture', {
      AmazonAuthorizationId: authorizationId,
      CaptureReferenceId: `cap-${id}`,
      CaptureAmount: { Amount: '49.99', CurrencyCode: 'EUR' },
    });
    const captureId = String(captured.CaptureDetails.AmazonCaptureId);
    expect(captured.CaptureDetails.CaptureStatus.State).toBe('Completed');
    const closedAuth = await client.call('GetAuthorizationDetails', {
      AmazonAuthorizationId: authorizationId,
    });
    expect(closedAuth.AuthorizationDetails.AuthorizationStatus).toMatchObject({
      State: 'Closed',
      ReasonCode: 'MaxCapturesProcessed',
    });
    expect(closedAuth.AuthorizationDetails.IdList.member).toBe(captureId);

    const refunded = await client.call('Refund', {
      AmazonCaptureId: captureId,
      RefundReferenceId: `ref-${id}`,
      RefundAmount: { Amount: '10.00', CurrencyCode: 'EUR' },
    });
    expect(refunded.RefundDetails.RefundStatus.State).toBe('Pending');
    await platform.advanceClock(merchant.merchantId, '1m');
    const refundDetails = await client.call('GetRefundDetails', {
      AmazonRefundId: refunded.RefundDetails.AmazonRefundId,
    });
    expect(refundDetails.RefundDetails.RefundStatus.State).toBe('Completed');
    const captureAfter = await client.call('GetCaptureDetails', { AmazonCaptureId: captureId });
    expect(captureAfter.CaptureDetails.RefundedAmount).toEqual({
      Amount: '10.00',
      CurrencyCode: 'EUR',
    });
  });

  it.each([
    ['Failure', FAILURE],
    ['Abandoned', FAILURE],
  ])(
    'SellerNote simulation %s: the buyer returns with it, Authorize is declined, CancelOrderReference',
    async (state, target) => {
      const id = await confirmedChild(simulation(state));
      const flow = await buyer.confirmationFlow(merchant.merchantId, id, 'pass');
      expect(flow).toEqual({
        kind: 'redirect',
        url: `${target}?AuthenticationStatus=${state}`,
        challenged: true,
      });
      const details = await client.call('GetOrderReferenceDetails', { AmazonOrderReferenceId: id });
      expect(details.OrderReferenceDetails.PaymentAuthenticationStatus.State).toBe(
        state.toUpperCase(),
      );
      const declined = await client.call('Authorize', {
        AmazonOrderReferenceId: id,
        AuthorizationReferenceId: `auth-${state}`,
        AuthorizationAmount: { Amount: '49.99', CurrencyCode: 'EUR' },
        TransactionTimeout: 0,
      });
      expect(declined.AuthorizationDetails.AuthorizationStatus).toMatchObject({
        State: 'Declined',
        ReasonCode: 'InvalidPaymentMethod',
      });
      await client.call('CancelOrderReference', {
        AmazonOrderReferenceId: id,
        CancelationReason: `MFA ${state}`,
      });
      const canceled = await client.call('GetOrderReferenceDetails', {
        AmazonOrderReferenceId: id,
      });
      expect(canceled.OrderReferenceDetails.OrderReferenceStatus).toMatchObject({
        State: 'Canceled',
        ReasonCode: 'SellerCanceled',
      });
    },
  );

  it('without a FailureUrl a failed or abandoned challenge returns to the SuccessUrl', async () => {
    const id = await confirmedChild(undefined, { failure: null });
    const flow = await buyer.confirmationFlow(merchant.merchantId, id, 'abandon');
    expect(flow).toEqual({
      kind: 'redirect',
      url: `${SUCCESS}?AuthenticationStatus=Abandoned`,
      challenged: true,
    });
    const again = await buyer.confirmationFlow(merchant.merchantId, id, 'pass');
    expect(again).toEqual({
      kind: 'redirect',
      url: `${SUCCESS}?AuthenticationStatus=Abandoned`,
      challenged: false,
    });
  });

  it('a wrong code fails the challenge', async () => {
    const id = await confirmedChild();
    expect(await buyer.confirmationFlow(merchant.merchantId, id, 'fail')).toEqual({
      kind: 'redirect',
      url: `${FAILURE}?AuthenticationStatus=Failure`,
      challenged: true,
    });
  });
});

describe('seed 000: the Confirmation Flow error codes and troubleshooting pages', () => {
  it('ErrorCode=InvalidSellerId for a seller id that is not a seller', async () => {
    const id = await confirmedChild();
    expect(await buyer.confirmationFlow('AUNKNOWNSELLER9', id)).toEqual({
      kind: 'redirect',
      url: `${FAILURE}?ErrorCode=InvalidSellerId`,
      challenged: false,
    });
  });

  it('ErrorCode=InvalidIdStatus for an order reference that is no longer Open', async () => {
    const id = await confirmedChild();
    await client.call('CancelOrderReference', { AmazonOrderReferenceId: id });
    expect(await buyer.confirmationFlow(merchant.merchantId, id)).toEqual({
      kind: 'redirect',
      url: `${FAILURE}?ErrorCode=InvalidIdStatus`,
      challenged: false,
    });
  });

  it('ErrorCode=InternalServerError (localpay simulation in the SellerNote)', async () => {
    const id = await confirmedChild(
      JSON.stringify({
        SandboxSimulation: { PaymentAuthenticationStatus: { ErrorCode: 'InternalServerError' } },
      }),
    );
    expect(await buyer.confirmationFlow(merchant.merchantId, id)).toEqual({
      kind: 'redirect',
      url: `${FAILURE}?ErrorCode=InternalServerError`,
      challenged: false,
    });
  });

  it('"Hmmm...that didn\'t work": no id, an unknown id, a Draft, a confirm without SuccessUrl', async () => {
    const draft = await buyer.createOrderReference(token, merchant.merchantId);
    const created = await client.call('CreateOrderReferenceForId', { Id: billingAgreementId });
    const noUrl = String(created.OrderReferenceDetails.AmazonOrderReferenceId);
    await client.call('SetOrderReferenceDetails', {
      AmazonOrderReferenceId: noUrl,
      OrderReferenceAttributes: { OrderTotal: { Amount: '5.00', CurrencyCode: 'EUR' } },
    });
    await client.call('ConfirmOrderReference', { AmazonOrderReferenceId: noUrl });
    for (const id of ['', 'S02-0000000-0000000', draft, noUrl]) {
      const page = await buyer.confirmationFlow(merchant.merchantId, id);
      expect(page).toMatchObject({ kind: 'page', status: 400, title: "Hmmm...that didn't work" });
    }
  });

  it('"Problem connecting": the seller id of another merchant', async () => {
    const other = await platform.createMerchant({ region: 'EU' });
    const id = await confirmedChild();
    const page = await buyer.confirmationFlow(other.merchantId, id);
    expect(page).toMatchObject({ kind: 'page', status: 403, title: 'Problem connecting' });
  });

  it('an invalid simulation string is InvalidSandboxSimulationSpecified', async () => {
    const created = await client.call('CreateOrderReferenceForId', { Id: billingAgreementId });
    const failure = await client.fail('SetOrderAttributes', {
      AmazonOrderReferenceId: created.OrderReferenceDetails.AmazonOrderReferenceId,
      OrderAttributes: { SellerNote: simulation('Sleepy') },
    });
    expect(failure.code).toBe('InvalidSandboxSimulationSpecified');
  });
});
