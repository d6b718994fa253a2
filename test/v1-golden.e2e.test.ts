import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMwsCredentials } from '../src/app/v1/mws-credentials.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { createV1Buyer, type V1Buyer } from '../src/testing/v1-buyer.js';
import {
  normaliseXml,
  signedPost,
  type RawResponse,
  type SignedPostOptions,
} from './support/mws-signed-post.js';

/**
 * Golden files: every v1 response shape and every error code localpay answers with, byte for byte
 * after ids, times, request ids and keys are normalised (test/golden/v1/*.xml). Regenerate with
 * UPDATE_GOLDEN=1 after an intended wire change, and review the diff.
 */
const GOLDEN = new URL('./golden/v1/', import.meta.url);
const SUCCESS = 'https://shop.example/ok';
const FAILURE = 'https://shop.example/failed';

function matchesGolden(name: string, response: RawResponse, status: number): void {
  expect(response.contentType, name).toBe('text/xml');
  expect(response.status, `${name}: ${response.body}`).toBe(status);
  const file = new URL(`${name}.xml`, GOLDEN);
  const actual = normaliseXml(response.body);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual, name).toBe(readFileSync(file, 'utf8'));
}

let platform: TestPlatform;
let na: TestMerchant;
let eu: TestMerchant;
let buyer: V1Buyer;
let naOptions: SignedPostOptions;
let euOptions: SignedPostOptions;

async function optionsFor(merchant: TestMerchant): Promise<SignedPostOptions> {
  const [key] = await listMwsCredentials(platform.localpay.deps, merchant.merchantId);
  return {
    httpUrl: platform.httpUrl,
    accessKeyId: key!.accessKeyId,
    secretKey: key!.secretKey,
    sellerId: merchant.merchantId,
  };
}

const idIn = (xml: string, element: string): string =>
  new RegExp(`<${element}>([^<]+)</${element}>`).exec(xml)?.[1] ?? '';

beforeAll(async () => {
  platform = await createTestPlatform();
  na = await platform.createMerchant({ region: 'NA' });
  eu = await platform.createMerchant({ region: 'EU' });
  buyer = createV1Buyer(platform.httpUrl);
  naOptions = await optionsFor(na);
  euOptions = await optionsFor(eu);
});
afterAll(() => platform.close());

describe('v1 golden responses', () => {
  it('order references: get, set, confirm, cancel, close', async () => {
    const token = await buyer.signIn(na.storeId);
    const id = await buyer.createOrderReference(token, na.merchantId);
    const post = (action: string, fields: Record<string, string> = {}) =>
      signedPost(naOptions, action, { AmazonOrderReferenceId: id, ...fields });
    matchesGolden('GetOrderReferenceDetails-Draft', await post('GetOrderReferenceDetails'), 200);
    matchesGolden('ConstraintsExist', await post('ConfirmOrderReference'), 400);
    matchesGolden(
      'SetOrderReferenceDetails',
      await post('SetOrderReferenceDetails', {
        'OrderReferenceAttributes.OrderTotal.Amount': '19.99',
        'OrderReferenceAttributes.OrderTotal.CurrencyCode': 'USD',
        'OrderReferenceAttributes.SellerNote': 'Thank you & see you soon <3',
        'OrderReferenceAttributes.SellerOrderAttributes.SellerOrderId': 'order-1',
        'OrderReferenceAttributes.SellerOrderAttributes.StoreName': 'Golden Store',
      }),
      200,
    );
    matchesGolden(
      'ConfirmOrderReference',
      await post('ConfirmOrderReference', { SuccessUrl: SUCCESS, FailureUrl: FAILURE }),
      200,
    );
    matchesGolden(
      'OrderReferenceNotModifiable',
      await post('SetOrderReferenceDetails', { 'OrderReferenceAttributes.SellerNote': 'x' }),
      405,
    );
    matchesGolden(
      'SetOrderAttributes',
      await post('SetOrderAttributes', {
        'OrderAttributes.SellerOrderAttributes.CustomInformation': 'gift wrap',
      }),
      200,
    );
    matchesGolden(
      'GetOrderReferenceDetails-Open-AccessToken',
      await post('GetOrderReferenceDetails', { AccessToken: token }),
      200,
    );
    matchesGolden(
      'AmbiguousToken',
      await post('GetOrderReferenceDetails', { AccessToken: token, AddressConsentToken: token }),
      400,
    );
    matchesGolden(
      'InvalidAddressConsentToken',
      await post('GetOrderReferenceDetails', { AddressConsentToken: 'Atza|nope' }),
      404,
    );
    matchesGolden(
      'CloseOrderReference',
      await post('CloseOrderReference', { ClosureReason: 'done' }),
      200,
    );
    matchesGolden('InvalidOrderReferenceStatus', await post('CancelOrderReference'), 405);
    const other = await buyer.createOrderReference(token, na.merchantId);
    matchesGolden(
      'CancelOrderReference',
      await signedPost(naOptions, 'CancelOrderReference', { AmazonOrderReferenceId: other }),
      200,
    );
    matchesGolden(
      'InvalidOrderReferenceId',
      await signedPost(naOptions, 'GetOrderReferenceDetails', {
        AmazonOrderReferenceId: 'S01-0000000-0000000',
      }),
      404,
    );
    matchesGolden(
      'InvalidSandboxSimulationSpecified',
      await signedPost(naOptions, 'SetOrderReferenceDetails', {
        AmazonOrderReferenceId: await buyer.createOrderReference(token, na.merchantId),
        'OrderReferenceAttributes.SellerNote': '{"SandboxSimulation":{"Constraint":"Nope"}}',
      }),
      400,
    );
  });

  it('payments: authorize (sync, async, declined, CaptureNow), capture, refund, close', async () => {
    const token = await buyer.signIn(na.storeId);
    const id = await buyer.createOrderReference(token, na.merchantId);
    await signedPost(naOptions, 'SetOrderReferenceDetails', {
      AmazonOrderReferenceId: id,
      'OrderReferenceAttributes.OrderTotal.Amount': '500.00',
      'OrderReferenceAttributes.OrderTotal.CurrencyCode': 'USD',
    });
    await signedPost(naOptions, 'ConfirmOrderReference', { AmazonOrderReferenceId: id });
    const authorize = (ref: string, extra: Record<string, string> = {}) =>
      signedPost(naOptions, 'Authorize', {
        AmazonOrderReferenceId: id,
        AuthorizationReferenceId: ref,
        'AuthorizationAmount.Amount': '20.00',
        'AuthorizationAmount.CurrencyCode': 'USD',
        TransactionTimeout: '0',
        ...extra,
      });
    const open = await authorize('auth-sync', { SellerAuthorizationNote: 'first' });
    matchesGolden('Authorize-Open', open, 200);
    matchesGolden(
      'Authorize-Replay',
      await authorize('auth-sync', { SellerAuthorizationNote: 'first' }),
      200,
    );
    matchesGolden(
      'DuplicateRequest',
      await authorize('auth-sync', { SellerAuthorizationNote: 'changed' }),
      400,
    );
    matchesGolden(
      'Authorize-Pending',
      await authorize('auth-async', { TransactionTimeout: '60' }),
      200,
    );
    matchesGolden(
      'Authorize-Declined',
      await authorize('auth-declined', {
        SellerAuthorizationNote:
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"TransactionTimedOut"}}',
      }),
      200,
    );
    matchesGolden(
      'Authorize-CaptureNow',
      await authorize('auth-capture-now', { CaptureNow: 'true', SoftDescriptor: 'GOLDEN' }),
      200,
    );
    matchesGolden(
      'TransactionAmountExceeded',
      await authorize('auth-too-much', { 'AuthorizationAmount.Amount': '600.00' }),
      400,
    );
    matchesGolden(
      'CurrencyMismatch',
      await authorize('auth-eur', { 'AuthorizationAmount.CurrencyCode': 'EUR' }),
      400,
    );
    const authId = idIn(open.body, 'AmazonAuthorizationId');
    matchesGolden(
      'GetAuthorizationDetails',
      await signedPost(naOptions, 'GetAuthorizationDetails', { AmazonAuthorizationId: authId }),
      200,
    );
    const capture = (ref: string, extra: Record<string, string> = {}) =>
      signedPost(naOptions, 'Capture', {
        AmazonAuthorizationId: authId,
        CaptureReferenceId: ref,
        'CaptureAmount.Amount': '20.00',
        'CaptureAmount.CurrencyCode': 'USD',
        ...extra,
      });
    const captured = await capture('cap-1', { SellerCaptureNote: 'shipped' });
    matchesGolden('Capture', captured, 200);
    matchesGolden('InvalidAuthorizationStatus', await capture('cap-2'), 405);
    const captureId = idIn(captured.body, 'AmazonCaptureId');
    matchesGolden(
      'GetCaptureDetails',
      await signedPost(naOptions, 'GetCaptureDetails', { AmazonCaptureId: captureId }),
      200,
    );
    const refund = (ref: string, amount: string) =>
      signedPost(naOptions, 'Refund', {
        AmazonCaptureId: captureId,
        RefundReferenceId: ref,
        'RefundAmount.Amount': amount,
        'RefundAmount.CurrencyCode': 'USD',
      });
    const refunded = await refund('ref-1', '5.00');
    matchesGolden('Refund', refunded, 200);
    matchesGolden(
      'DuplicateReferenceId',
      await signedPost(naOptions, 'Capture', {
        AmazonAuthorizationId: idIn((await authorize('auth-other')).body, 'AmazonAuthorizationId'),
        CaptureReferenceId: 'cap-1',
        'CaptureAmount.Amount': '20.00',
        'CaptureAmount.CurrencyCode': 'USD',
        SellerCaptureNote: 'shipped',
      }),
      400,
    );
    await platform.advanceClock(na.merchantId, '1m');
    matchesGolden(
      'GetRefundDetails',
      await signedPost(naOptions, 'GetRefundDetails', {
        AmazonRefundId: idIn(refunded.body, 'AmazonRefundId'),
      }),
      200,
    );
    matchesGolden(
      'InvalidTransactionId',
      await signedPost(naOptions, 'GetRefundDetails', { AmazonRefundId: `${id}-R999999` }),
      404,
    );
    const declinedCapture = await signedPost(naOptions, 'Capture', {
      AmazonAuthorizationId: idIn(
        (await authorize('auth-for-declined-capture')).body,
        'AmazonAuthorizationId',
      ),
      CaptureReferenceId: 'cap-declined',
      'CaptureAmount.Amount': '20.00',
      'CaptureAmount.CurrencyCode': 'USD',
      SellerCaptureNote: '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
    });
    matchesGolden('Capture-Declined', declinedCapture, 200);
    matchesGolden(
      'CaptureNotRefundable',
      await signedPost(naOptions, 'Refund', {
        AmazonCaptureId: idIn(declinedCapture.body, 'AmazonCaptureId'),
        RefundReferenceId: 'ref-declined',
        'RefundAmount.Amount': '1.00',
        'RefundAmount.CurrencyCode': 'USD',
      }),
      405,
    );
    const pendingAuth = idIn((await authorize('auth-to-close')).body, 'AmazonAuthorizationId');
    matchesGolden(
      'CloseAuthorization',
      await signedPost(naOptions, 'CloseAuthorization', {
        AmazonAuthorizationId: pendingAuth,
        ClosureReason: 'x',
      }),
      200,
    );
    matchesGolden(
      'InvalidCancelAttempt',
      await signedPost(naOptions, 'CancelOrderReference', { AmazonOrderReferenceId: id }),
      400,
    );
  });

  it('billing agreements: get, set, confirm, validate, order references, authorize, close', async () => {
    const token = await buyer.signIn(eu.storeId);
    const id = await buyer.createBillingAgreement(token, eu.merchantId, { consent: false });
    const post = (action: string, fields: Record<string, string> = {}) =>
      signedPost(euOptions, action, { AmazonBillingAgreementId: id, ...fields });
    matchesGolden(
      'GetBillingAgreementDetails-Draft',
      await post('GetBillingAgreementDetails'),
      200,
    );
    matchesGolden('BillingAgreementConstraintsExist', await post('ConfirmBillingAgreement'), 400);
    await buyer.createBillingAgreement(token, eu.merchantId).catch(() => undefined);
    const consented = await buyer.createBillingAgreement(token, eu.merchantId);
    const postC = (action: string, fields: Record<string, string> = {}) =>
      signedPost(euOptions, action, { AmazonBillingAgreementId: consented, ...fields });
    matchesGolden(
      'SetBillingAgreementDetails',
      await postC('SetBillingAgreementDetails', {
        'BillingAgreementAttributes.SellerNote': 'Monthly box',
        'BillingAgreementAttributes.BillingAgreementType': 'MerchantInitiatedTransaction',
        'BillingAgreementAttributes.SubscriptionAmount.Amount': '25.00',
        'BillingAgreementAttributes.SubscriptionAmount.CurrencyCode': 'EUR',
        'BillingAgreementAttributes.SellerBillingAgreementAttributes.SellerBillingAgreementId':
          'sub-1',
      }),
      200,
    );
    matchesGolden(
      'ConfirmBillingAgreement',
      await postC('ConfirmBillingAgreement', { SuccessUrl: SUCCESS, FailureUrl: FAILURE }),
      200,
    );
    matchesGolden('ValidateBillingAgreement-Failure', await postC('ValidateBillingAgreement'), 200);
    await buyer.confirmationFlow(eu.merchantId, consented, 'pass');
    matchesGolden('ValidateBillingAgreement-Success', await postC('ValidateBillingAgreement'), 200);
    matchesGolden(
      'GetBillingAgreementDetails-Open',
      await postC('GetBillingAgreementDetails', { AccessToken: token }),
      200,
    );
    matchesGolden(
      'CreateOrderReferenceForId',
      await signedPost(euOptions, 'CreateOrderReferenceForId', {
        Id: consented,
        IdType: 'BillingAgreement',
        'OrderReferenceAttributes.OrderTotal.Amount': '25.00',
        'OrderReferenceAttributes.OrderTotal.CurrencyCode': 'EUR',
        ConfirmNow: 'true',
      }),
      200,
    );
    const onBa = (ref: string, amount: string) =>
      postC('AuthorizeOnBillingAgreement', {
        AuthorizationReferenceId: ref,
        'AuthorizationAmount.Amount': amount,
        'AuthorizationAmount.CurrencyCode': 'EUR',
        TransactionTimeout: '0',
        CaptureNow: 'true',
        SellerNote: 'renewal',
      });
    matchesGolden('AuthorizeOnBillingAgreement', await onBa('renewal-1', '25.00'), 200);
    matchesGolden('PeriodicAmountExceeded', await onBa('renewal-2', '980.00'), 400);
    matchesGolden(
      'CloseBillingAgreement',
      await postC('CloseBillingAgreement', { ClosureReason: 'cancelled' }),
      200,
    );
    matchesGolden('InvalidBillingAgreementStatus', await postC('ValidateBillingAgreement'), 405);
    matchesGolden(
      'InvalidBillingAgreementId',
      await signedPost(euOptions, 'GetBillingAgreementDetails', {
        AmazonBillingAgreementId: 'C02-0000000-0000000',
      }),
      404,
    );
  });

  it('the account and the service', async () => {
    matchesGolden(
      'GetMerchantAccountStatus',
      await signedPost(naOptions, 'GetMerchantAccountStatus'),
      200,
    );
    matchesGolden('GetServiceStatus', await signedPost(naOptions, 'GetServiceStatus'), 200);
  });

  it('transport errors', async () => {
    matchesGolden(
      'InvalidAccessKeyId',
      await signedPost({ ...naOptions, accessKeyId: 'AKIAUNKNOWNUNKNOWN00' }, 'GetServiceStatus'),
      403,
    );
    matchesGolden(
      'SignatureDoesNotMatch',
      await signedPost({ ...naOptions, secretKey: 'wrong' }, 'GetServiceStatus'),
      403,
    );
    matchesGolden('MissingParameter', await signedPost(naOptions, 'GetOrderReferenceDetails'), 400);
    matchesGolden(
      'RequestExpired-Timestamp',
      await signedPost({ ...naOptions, timestamp: '2001-01-01T00:00:00Z' }, 'GetServiceStatus'),
      400,
    );
    matchesGolden(
      'AccessDenied',
      await signedPost({ ...naOptions, sellerId: eu.merchantId }, 'GetServiceStatus'),
      401,
    );
    matchesGolden('InvalidAddress', await signedPost(naOptions, 'ListOrderReferenceByMagic'), 400);
  });
});
