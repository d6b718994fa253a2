import { describe, expect, it } from 'vitest';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { connectV1 } from './support/mws-client.js';
import { openBillingAgreement } from './support/v1-billing-agreement.js';
import { BACKENDS } from './support/test-backends.js';

/**
 * The v1 flow on every store localpay supports (SQLite always, PostgreSQL when `npm test` has one):
 * order reference, authorization, capture, refund, a billing agreement with its monthly limit, and
 * concurrent Authorize calls with one AuthorizationReferenceId creating one authorization.
 */
describe.each(BACKENDS)('v1 on $name', (backend) => {
  it('runs the payment flow, the monthly limit and concurrent idempotent Authorize', async () => {
    const opened = await backend.open();
    try {
      const { platform } = opened;
      const merchant = await platform.createMerchant({ region: 'UK' });
      const client = await connectV1(platform, merchant);
      const buyer = createV1Buyer(platform.httpUrl);
      const token = await buyer.signIn(merchant.storeId);

      const ba = await openBillingAgreement(client, buyer, token, merchant);
      const first = await client.call('AuthorizeOnBillingAgreement', {
        AmazonBillingAgreementId: ba,
        AuthorizationReferenceId: 'month-1',
        AuthorizationAmount: { Amount: '600.00', CurrencyCode: 'GBP' },
        TransactionTimeout: 0,
        CaptureNow: true,
      });
      expect(first.AuthorizationDetails.AuthorizationStatus).toMatchObject({
        State: 'Closed',
        ReasonCode: 'MaxCapturesProcessed',
      });
      const over = await client.fail('AuthorizeOnBillingAgreement', {
        AmazonBillingAgreementId: ba,
        AuthorizationReferenceId: 'month-2',
        AuthorizationAmount: { Amount: '400.01', CurrencyCode: 'GBP' },
        TransactionTimeout: 0,
      });
      expect(over.code).toBe('PeriodicAmountExceeded');

      const oro = await buyer.createOrderReference(token, merchant.merchantId);
      await client.call('SetOrderReferenceDetails', {
        AmazonOrderReferenceId: oro,
        OrderReferenceAttributes: { OrderTotal: { Amount: '20.00', CurrencyCode: 'GBP' } },
      });
      await client.call('ConfirmOrderReference', {
        AmazonOrderReferenceId: oro,
        SuccessUrl: 'https://shop.example/ok',
      });
      const flow = await buyer.confirmationFlow(merchant.merchantId, oro, 'pass');
      expect(flow.kind).toBe('redirect');
      const params = {
        AmazonOrderReferenceId: oro,
        AuthorizationReferenceId: 'same-ref',
        AuthorizationAmount: { Amount: '20.00', CurrencyCode: 'GBP' },
        TransactionTimeout: 0,
      };
      const results = await Promise.all(
        Array.from({ length: 8 }, () => client.call('Authorize', params)),
      );
      const ids = new Set(results.map((r) => String(r.AuthorizationDetails.AmazonAuthorizationId)));
      expect(ids.size).toBe(1);
      expect(
        await opened.count(
          'select count(*) from v1_authorizations where order_reference_id = $1',
          oro,
        ),
      ).toBe(1);
      const [authorizationId] = [...ids];
      const captured = await client.call('Capture', {
        AmazonAuthorizationId: authorizationId,
        CaptureReferenceId: 'cap',
        CaptureAmount: { Amount: '20.00', CurrencyCode: 'GBP' },
      });
      const refund = await client.call('Refund', {
        AmazonCaptureId: captured.CaptureDetails.AmazonCaptureId,
        RefundReferenceId: 'ref',
        RefundAmount: { Amount: '23.00', CurrencyCode: 'GBP' },
      });
      expect(refund.RefundDetails.RefundStatus.State).toBe('Pending');
      const tooMuch = await client.fail('Refund', {
        AmazonCaptureId: captured.CaptureDetails.AmazonCaptureId,
        RefundReferenceId: 'ref-2',
        RefundAmount: { Amount: '0.01', CurrencyCode: 'GBP' },
      });
      expect(tooMuch.code).toBe('TransactionAmountExceeded');
    } finally {
      await opened.dispose();
    }
  });
});
