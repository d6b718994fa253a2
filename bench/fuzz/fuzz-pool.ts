import { request } from 'undici';
import { createBuyer } from '../../src/testing/buyer.js';
import { createV1Buyer } from '../../src/testing/v1-buyer.js';
import type { FuzzPool } from './fuzz-case.js';
import type { FuzzTarget } from './fuzz-target.js';
import { signMws, signV2 } from './signing.js';

/**
 * Real objects for the fuzzed requests to act on, made the way an integration makes them (signed
 * API calls and a buyer on the hosted pages): a Saved Wallet with an authorized charge, a captured
 * charge and a refund; a one-time checkout; an open session; a v1 order reference authorized,
 * captured and refunded; a v1 billing agreement. A step that fails leaves its ids out and says so.
 */
const key = (): string => `fuzzsetup${Math.random().toString(36).slice(2, 14)}`;

export async function createFuzzPool(
  target: FuzzTarget,
  warn: (message: string) => void,
): Promise<FuzzPool> {
  const { merchant } = target;
  const base = new URL(target.httpUrl);
  const v2 = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers = signV2(
      merchant,
      base.host,
      {
        method,
        path: `/v2${path}`,
        query: '',
        headers: method === 'GET' ? {} : { 'x-amz-pay-idempotency-key': key() },
        body: text,
        extraSignedNames: [],
      },
      new Date(),
    );
    const response = await request(`${target.httpUrl}/v2${path}`, {
      method: method as 'GET',
      headers,
      body: text ?? null,
    });
    const json = (await response.body.json()) as Record<string, unknown>;
    if (response.statusCode >= 300)
      throw new Error(`${method} ${path}: ${response.statusCode} ${JSON.stringify(json)}`);
    return json;
  };
  const mws = async (action: string, fields: Record<string, string>): Promise<string> => {
    const path = '/OffAmazonPayments_Sandbox/2013-01-01';
    const body = signMws(
      merchant,
      base.hostname,
      path,
      [['Action', action], ...Object.entries(fields)],
      new Date(),
    );
    const response = await request(`${target.httpUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`${action}: ${response.statusCode} ${text}`);
    return text;
  };
  const element = (xml: string, name: string): string => {
    const found = new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)?.[1];
    if (found === undefined) throw new Error(`No <${name}> in ${xml.slice(0, 300)}`);
    return found;
  };
  const price = (amount: string) => ({
    amount: merchant.currency === 'JPY' ? amount.split('.')[0] : amount,
    currencyCode: merchant.currency,
  });
  const pool = {
    merchantId: merchant.merchantId,
    storeId: merchant.storeId,
    currency: merchant.currency,
    checkoutSessionIds: [] as string[],
    chargePermissionIds: [] as string[],
    chargeIds: [] as string[],
    refundIds: [] as string[],
    orderReferenceIds: [] as string[],
    billingAgreementIds: [] as string[],
    authorizationIds: [] as string[],
    captureIds: [] as string[],
    v1RefundIds: [] as string[],
    accessTokens: [] as string[],
  };
  const step = async (what: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      warn(
        `fuzz set-up: ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const buyer = createBuyer(target.httpUrl);
  const checkout = async (
    details: Record<string, unknown>,
    completion: Record<string, unknown>,
  ): Promise<Record<string, unknown>> => {
    const session = await v2('POST', '/checkoutSessions', {
      webCheckoutDetails: {
        checkoutReviewReturnUrl: 'http://localhost:3000/review',
        checkoutResultReturnUrl: 'http://localhost:3000/result',
      },
      storeId: merchant.storeId,
      ...details,
    });
    const id = String(session.checkoutSessionId);
    pool.checkoutSessionIds.push(id);
    await buyer.checkout(id, { cardEnding: '1111' });
    const read = await v2('GET', `/checkoutSessions/${id}`);
    await buyer.visit(
      String((read.webCheckoutDetails as Record<string, unknown>).amazonPayRedirectUrl),
    );
    return v2('POST', `/checkoutSessions/${id}/complete`, completion);
  };

  await step('Saved Wallet', async () => {
    const completed = await checkout(
      {
        chargePermissionType: 'PaymentMethodOnFile',
        paymentMethodOnFileMetadata: { setupOnly: true },
        paymentDetails: { paymentIntent: 'Confirm' },
      },
      {},
    );
    const permission = String(completed.chargePermissionId);
    pool.chargePermissionIds.push(permission);
    for (const captureNow of [false, true]) {
      const charge = await v2('POST', '/charges', {
        chargePermissionId: permission,
        chargeAmount: price('5.00'),
        captureNow,
        chargeInitiator: 'MITR',
      });
      pool.chargeIds.push(String(charge.chargeId));
      if (captureNow) {
        const refund = await v2('POST', '/refunds', {
          chargeId: charge.chargeId,
          refundAmount: price('1.00'),
        });
        pool.refundIds.push(String(refund.refundId));
      }
    }
  });
  await step('one-time checkout', async () => {
    const completed = await checkout(
      { paymentDetails: { paymentIntent: 'Authorize', chargeAmount: price('10.00') } },
      { chargeAmount: price('10.00') },
    );
    pool.chargePermissionIds.push(String(completed.chargePermissionId));
    if (typeof completed.chargeId === 'string') pool.chargeIds.push(completed.chargeId);
  });
  await step('open checkout session', async () => {
    const session = await v2('POST', '/checkoutSessions', {
      webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost:3000/review' },
      storeId: merchant.storeId,
    });
    pool.checkoutSessionIds.push(String(session.checkoutSessionId));
  });
  const v1Buyer = createV1Buyer(target.httpUrl);
  await step('v1 order reference', async () => {
    const token = await v1Buyer.signIn(merchant.storeId);
    pool.accessTokens.push(token);
    const id = await v1Buyer.createOrderReference(token, merchant.merchantId);
    pool.orderReferenceIds.push(id);
    const amount = merchant.currency === 'JPY' ? '1000' : '10.00';
    await mws('SetOrderReferenceDetails', {
      AmazonOrderReferenceId: id,
      'OrderReferenceAttributes.OrderTotal.Amount': amount,
      'OrderReferenceAttributes.OrderTotal.CurrencyCode': merchant.currency,
    });
    await mws('ConfirmOrderReference', {
      AmazonOrderReferenceId: id,
      SuccessUrl: 'http://localhost:3000/ok',
      FailureUrl: 'http://localhost:3000/ko',
    });
    await v1Buyer.confirmationFlow(merchant.merchantId, id).catch(() => undefined);
    const authorized = await mws('Authorize', {
      AmazonOrderReferenceId: id,
      AuthorizationReferenceId: key(),
      'AuthorizationAmount.Amount': amount,
      'AuthorizationAmount.CurrencyCode': merchant.currency,
      TransactionTimeout: '0',
    });
    const authorization = element(authorized, 'AmazonAuthorizationId');
    pool.authorizationIds.push(authorization);
    const captured = await mws('Capture', {
      AmazonAuthorizationId: authorization,
      CaptureReferenceId: key(),
      'CaptureAmount.Amount': amount,
      'CaptureAmount.CurrencyCode': merchant.currency,
    });
    const capture = element(captured, 'AmazonCaptureId');
    pool.captureIds.push(capture);
    const refunded = await mws('Refund', {
      AmazonCaptureId: capture,
      RefundReferenceId: key(),
      'RefundAmount.Amount': merchant.currency === 'JPY' ? '100' : '1.00',
      'RefundAmount.CurrencyCode': merchant.currency,
    });
    pool.v1RefundIds.push(element(refunded, 'AmazonRefundId'));
  });
  await step('v1 billing agreement', async () => {
    const token = pool.accessTokens[0] ?? (await v1Buyer.signIn(merchant.storeId));
    const id = await v1Buyer.createBillingAgreement(token, merchant.merchantId);
    pool.billingAgreementIds.push(id);
    await mws('ConfirmBillingAgreement', { AmazonBillingAgreementId: id });
  });
  return pool;
}
