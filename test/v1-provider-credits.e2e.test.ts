import { describe, expect, it } from 'vitest';
import type { ReceivedIpn } from '../src/testing/ipn-receiver.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { connectV1, type MwsFailure, type MwsResult, type V1Client } from './support/mws-client.js';
import { BACKENDS } from './support/test-backends.js';
import { openBillingAgreement } from './support/v1-billing-agreement.js';

/**
 * Issue 12, v1 provider credits (Solution Provider flow, spec v1 §2.8–§2.9): ProviderCreditList on
 * Authorize (CaptureNow) and Capture, ProviderCreditReversalList on Refund through the unmodified
 * `amazon-payments` client's own helpers; GetProviderCreditDetails,
 * GetProviderCreditReversalDetails and ReverseProviderCredit, which it has no helper for, through
 * its generic callMwsMethod. On every store localpay supports.
 */
type Helper = 'authorize' | 'capture' | 'refund';

/** One of the client's named helpers (offAmazonPayments.authorize, …), unmodified. */
const named = (client: V1Client, helper: Helper, params: Record<string, unknown>) =>
  new Promise<MwsResult>((resolve, reject) =>
    client.raw.offAmazonPayments[helper]!(params, (error, response) =>
      error ? reject(error) : resolve(response ?? {}),
    ),
  );

const namedFail = async (
  client: V1Client,
  helper: Helper,
  params: Record<string, unknown>,
): Promise<MwsFailure> => {
  try {
    await named(client, helper, params);
  } catch (error) {
    return { code: (error as Error).name, message: (error as Error).message };
  }
  throw new Error(`${helper} succeeded`);
};

const usd = (amount: string) => ({ Amount: amount, CurrencyCode: 'USD' });
const credit = (providerId: string, amount: string, currency = 'USD') => ({
  member: {
    1: { ProviderId: providerId, CreditAmount: { Amount: amount, CurrencyCode: currency } },
  },
});

describe.each(BACKENDS)('v1 provider credits on $name', (backend) => {
  it('credits a provider on Capture and CaptureNow, reverses it, refuses what Amazon refuses', async () => {
    const opened = await backend.open();
    try {
      const { platform } = opened;
      const seller = await platform.createMerchant({ region: 'NA' });
      const provider = await platform.createMerchant({ region: 'NA' });
      const providerIpns = await platform.receiveIpns(provider.merchantId);
      const client = await connectV1(platform, seller);
      const buyer = createV1Buyer(platform.httpUrl);
      const token = await buyer.signIn(seller.storeId);
      const oro = await buyer.createOrderReference(token, seller.merchantId);
      await client.call('SetOrderReferenceDetails', {
        AmazonOrderReferenceId: oro,
        OrderReferenceAttributes: { OrderTotal: usd('100.00') },
      });
      await client.call('ConfirmOrderReference', { AmazonOrderReferenceId: oro });
      const authorize = (ref: string, amount: string, extra: Record<string, unknown>) => ({
        AmazonOrderReferenceId: oro,
        AuthorizationReferenceId: ref,
        AuthorizationAmount: usd(amount),
        TransactionTimeout: 0,
        ...extra,
      });

      // Authorize: the list needs CaptureNow, known providers, the order's currency, at most the amount.
      const p = provider.merchantId;
      const refusals = [
        [
          { CaptureNow: true, ProviderCreditList: credit('A0UNKNOWNPROVIDER', '1.00') },
          'InvalidParameterValue',
        ],
        [{ ProviderCreditList: credit(p, '1.00') }, 'InvalidParameterValue'],
        [{ CaptureNow: true, ProviderCreditList: credit(p, '1.00', 'EUR') }, 'CurrencyMismatch'],
        [{ CaptureNow: true, ProviderCreditList: credit(p, '60.01') }, 'TransactionAmountExceeded'],
        [
          { CaptureNow: true, ProviderCreditList: credit(seller.merchantId, '1.00') },
          'InvalidParameterValue',
        ],
      ] as const;
      for (const [extra, code] of refusals)
        expect((await namedFail(client, 'authorize', authorize('bad', '60.00', extra))).code).toBe(
          code,
        );

      // Capture with a ProviderCreditList.
      const auth = await named(client, 'authorize', authorize('plain', '40.00', {}));
      const authorizationId = String(auth.AuthorizationDetails.AmazonAuthorizationId);
      const captureParams = (list: unknown) => ({
        AmazonAuthorizationId: authorizationId,
        CaptureReferenceId: 'cap-1',
        CaptureAmount: usd('40.00'),
        ProviderCreditList: list,
      });
      expect((await namedFail(client, 'capture', captureParams(credit(p, '40.01')))).code).toBe(
        'TransactionAmountExceeded',
      );
      const captured = await named(client, 'capture', captureParams(credit(p, '5.00')));
      const summary = captured.CaptureDetails.ProviderCreditSummaryList.member as MwsResult;
      expect(summary.ProviderId).toBe(p);
      const creditId = String(summary.ProviderCreditId);
      expect(creditId).toMatch(new RegExp(`^${oro}-P\\d{6}$`));
      const captureId = String(captured.CaptureDetails.AmazonCaptureId);
      // Idempotent: the same CaptureReferenceId and list answer the same capture.
      const again = await named(client, 'capture', captureParams(credit(p, '5.00')));
      expect(again.CaptureDetails.AmazonCaptureId).toBe(captureId);

      // CaptureNow with a ProviderCreditList: the capture made at once carries the summary.
      const now = await named(
        client,
        'authorize',
        authorize('now', '60.00', { CaptureNow: true, ProviderCreditList: credit(p, '3.00') }),
      );
      const nowCapture = await client.call('GetCaptureDetails', {
        AmazonCaptureId: now.AuthorizationDetails.IdList.member,
      });
      expect(nowCapture.CaptureDetails.ProviderCreditSummaryList.member.ProviderId).toBe(p);

      // AuthorizeOnBillingAgreement takes the list too (JAVA SDK 3.6.3), with the same checks.
      const ba = await openBillingAgreement(client, buyer, token, seller);
      const onBa = (ref: string, list: unknown) => ({
        AmazonBillingAgreementId: ba,
        AuthorizationReferenceId: ref,
        AuthorizationAmount: usd('12.00'),
        TransactionTimeout: 0,
        CaptureNow: true,
        ProviderCreditList: list,
      });
      expect(
        (await client.fail('AuthorizeOnBillingAgreement', onBa('ba-bad', credit(p, '12.01')))).code,
      ).toBe('TransactionAmountExceeded');
      const baAuth = await client.call(
        'AuthorizeOnBillingAgreement',
        onBa('ba-ok', credit(p, '1.00')),
      );
      const baCapture = await client.call('GetCaptureDetails', {
        AmazonCaptureId: baAuth.AuthorizationDetails.IdList.member,
      });
      expect(baCapture.CaptureDetails.ProviderCreditSummaryList.member.ProviderId).toBe(p);

      const details = async (id: string) =>
        (await client.call('GetProviderCreditDetails', { AmazonProviderCreditId: id }))
          .ProviderCreditDetails as MwsResult;
      const pending = await details(creditId);
      expect(pending).toMatchObject({
        AmazonProviderCreditId: creditId,
        SellerId: seller.merchantId,
        ProviderId: p,
        CreditAmount: usd('5.00'),
        CreditReversalAmount: usd('0.00'),
        CreditStatus: { State: 'Pending' },
      });
      // A Pending credit cannot be reversed yet.
      const early = await client.fail('ReverseProviderCredit', {
        AmazonProviderCreditId: creditId,
        CreditReversalReferenceId: 'early',
        CreditReversalAmount: usd('1.00'),
      });
      expect(early.code).toBe('InvalidParameterValue');
      await platform.advanceClock(seller.merchantId, '1m');
      expect((await details(creditId)).CreditStatus.State).toBe('Completed');

      // ReverseProviderCredit and its refusals.
      const reverse = (ref: string, amount: unknown, id = creditId) =>
        ({
          AmazonProviderCreditId: id,
          CreditReversalReferenceId: ref,
          CreditReversalAmount: amount,
          CreditReversalNote: 'goodwill',
        }) as Record<string, unknown>;
      const reversed = await client.call('ReverseProviderCredit', reverse('rev-1', usd('2.00')));
      const reversal = reversed.ProviderCreditReversalDetails as MwsResult;
      expect(reversal).toMatchObject({
        ProviderId: p,
        CreditReversalReferenceId: 'rev-1',
        CreditReversalAmount: usd('2.00'),
        CreditReversalStatus: { State: 'Pending' },
        CreditReversalNote: 'goodwill',
      });
      const reversalId = String(reversal.AmazonProviderCreditReversalId);
      expect(reversalId).toMatch(new RegExp(`^${oro}-Q\\d{6}$`));
      const repeat = await client.call('ReverseProviderCredit', reverse('rev-1', usd('2.00')));
      expect(repeat.ProviderCreditReversalDetails.AmazonProviderCreditReversalId).toBe(reversalId);
      const fails = [
        [reverse('rev-1', usd('1.00')), 'DuplicateRequest'],
        [reverse('rev-2', usd('3.01')), 'TransactionAmountExceeded'],
        [reverse('rev-2', { Amount: '1.00', CurrencyCode: 'EUR' }), 'CurrencyMismatch'],
        [reverse('rev-2', usd('1.00'), `${oro}-P000000`), 'InvalidTransactionId'],
      ] as const;
      for (const [params, code] of fails)
        expect((await client.fail('ReverseProviderCredit', params)).code).toBe(code);

      // Refund with a ProviderCreditReversalList: an unknown provider is refused; the rest resolves with the refund.
      const refund = (list: unknown) => ({
        AmazonCaptureId: captureId,
        RefundReferenceId: 'refund-1',
        RefundAmount: usd('10.00'),
        ProviderCreditReversalList: list,
      });
      const reversalList = (providerId: string, amount: string) => ({
        member: { 1: { ProviderId: providerId, CreditReversalAmount: usd(amount) } },
      });
      expect(
        (await namedFail(client, 'refund', refund(reversalList(seller.merchantId, '1.00')))).code,
      ).toBe('InvalidParameterValue');
      expect((await namedFail(client, 'refund', refund(reversalList(p, '3.01')))).code).toBe(
        'TransactionAmountExceeded',
      );
      const refunded = await named(client, 'refund', refund(reversalList(p, '3.00')));
      const refundSummary = refunded.RefundDetails.ProviderCreditReversalSummaryList
        .member as MwsResult;
      expect(refundSummary.ProviderId).toBe(p);
      const refundReversalId = String(refundSummary.ProviderCreditReversalId);

      await platform.advanceClock(seller.merchantId, '1m');
      const byRefund = await client.call('GetProviderCreditReversalDetails', {
        AmazonProviderCreditReversalId: refundReversalId,
      });
      expect(byRefund.ProviderCreditReversalDetails.CreditReversalStatus.State).toBe('Completed');
      const closed = await details(creditId);
      expect(closed).toMatchObject({
        CreditReversalAmount: usd('5.00'),
        CreditStatus: { State: 'Closed', ReasonCode: 'MaxAmountReversed' },
      });
      expect(closed.CreditReversalIdList.member).toEqual([reversalId, refundReversalId]);

      // The provider's endpoint hears both kinds of IPN, signed like every other.
      const messageOf = (ipn: ReceivedIpn) =>
        JSON.parse(String(ipn.envelope?.Message)) as Record<string, string>;
      const completedReversal = (all: readonly ReceivedIpn[]) =>
        all.some(
          (ipn) =>
            messageOf(ipn).NotificationType === 'ProviderCreditReversal' &&
            messageOf(ipn).NotificationData?.includes('<State>Completed</State>'),
        );
      await providerIpns.waitFor(completedReversal);
      const creditIpn = providerIpns.received.find(
        (ipn) =>
          messageOf(ipn).NotificationData?.includes('<State>Completed</State>') &&
          messageOf(ipn).NotificationType === 'ProviderCredit',
      );
      expect(creditIpn).toBeDefined();
      const { message } = await platform.verifyIpn(creditIpn!.body);
      expect(message).toMatchObject({ SellerId: p, NotificationType: 'ProviderCredit' });
      expect(String(message.NotificationData)).toContain('<ProviderCreditNotification xmlns=');
      expect(String(message.NotificationData)).toContain(
        `<ProviderSellerId>${p}</ProviderSellerId>`,
      );
      expect(String(message.NotificationData)).toContain(
        `<SellerId>${seller.merchantId}</SellerId>`,
      );

      // The seller's ledger: the credits out, the reversals back, as Adjustment lines.
      const entries = await platform.localpay.deps.store.transaction((tx) =>
        tx.ledger.list(
          { merchantId: seller.merchantId, environment: 'Sandbox' },
          { from: 0, to: Number.MAX_SAFE_INTEGER },
        ),
      );
      const lines = entries
        .filter((e) => e.description.startsWith('ProviderCredit'))
        .map((e) => [e.description, e.amountMinor]);
      expect(lines).toEqual(
        expect.arrayContaining([
          ['ProviderCredit', -500],
          ['ProviderCredit', -300],
          ['ProviderCredit', -100],
          ['ProviderCreditReversal', 200],
          ['ProviderCreditReversal', 300],
        ]),
      );
      expect(lines).toHaveLength(5);
    } finally {
      await opened.dispose();
    }
  }, 60_000);
});
