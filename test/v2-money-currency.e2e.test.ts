import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestMerchant } from '../src/testing/test-platform.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { connectV1 } from './support/mws-client.js';
import { openBillingAgreement } from './support/v1-billing-agreement.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue 10, "Money and idempotency" 1 and 3, through the unmodified official clients: a charge in
 * another currency than its Saved Wallet's is refused with nothing written (it used to bypass the
 * monthly limit), as is a v1 authorization on a billing agreement; and charges carry
 * convertedAmount and conversionRate as seed 004 shows them.
 */
const money = (amount: string, currencyCode: string) => ({ amount, currencyCode });

describe('currencies of charges and their conversion', () => {
  let opened: OpenedBackend;
  let eu: TestMerchant;
  let na: TestMerchant;
  let euClient: WebStoreClient;
  let naClient: WebStoreClient;
  const rows = (sql: string, parameter: string) => opened.count(sql, parameter);

  beforeAll(async () => {
    opened = await BACKENDS[0]!.open();
    eu = await opened.platform.createMerchant({ region: 'EU' });
    na = await opened.platform.createMerchant({ region: 'NA' });
    euClient = new sdk.WebStoreClient({ ...opened.platform.sdkConfig(eu) });
    naClient = new sdk.WebStoreClient({ ...opened.platform.sdkConfig(na) });
  });
  afterAll(() => opened.dispose());

  it('a EUR Saved Wallet filled to its month refuses charges in other currencies, writing nothing', async () => {
    const permissionId = await setUpSavedWallet(euClient, opened.platform, eu);
    const charge = (amount: string, currency: string) =>
      euClient.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: money(amount, currency),
          chargeInitiator: 'MITR',
          captureNow: true,
        },
        idem(),
      );
    expect((await charge('15000.00', 'EUR')).status).toBe(201);
    const charges = () =>
      rows('select count(*) from charges where charge_permission_id = $1', permissionId);
    const notifications = () =>
      rows('select count(*) from outbox where charge_permission_id = $1', permissionId);
    const [chargesBefore, notifiedBefore] = [await charges(), await notifications()];
    for (const [amount, currency] of [
      ['14900.00', 'USD'],
      ['100.00', 'GBP'],
      ['100.00', 'CHF'],
      ['1000.00', 'SEK'],
      ['10000', 'JPY'],
    ] as const) {
      const refused = await sdkFailure(charge(amount, currency));
      expect(refused, currency).toMatchObject({
        status: 400,
        data: { reasonCode: 'CurrencyMismatch' },
      });
      expect(refused.data.message).toContain('EUR');
    }
    expect(await charges()).toBe(chargesBefore);
    expect(await notifications()).toBe(notifiedBefore);
    expect(await sdkFailure(charge('0.01', 'EUR'))).toMatchObject({
      status: 400,
      data: { reasonCode: 'PeriodicAmountExceeded' },
    });
  });

  it('a multi-currency Saved Wallet is charged in its presentment currency, converted to EUR', async () => {
    const created = await euClient.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: 'http://localhost:3000/wallet-ready' },
        storeId: eu.storeId,
        chargePermissionType: 'PaymentMethodOnFile',
        paymentMethodOnFileMetadata: { setupOnly: true },
        paymentDetails: { paymentIntent: 'Confirm', presentmentCurrency: 'GBP' },
      },
      idem(),
    );
    const sessionId = String(created.data.checkoutSessionId);
    await opened.platform.buyer.checkout(sessionId, { cardEnding: '1111', consent: true });
    const completed = await euClient.completeCheckoutSession(sessionId, {}, idem());
    const permissionId = String(completed.data.chargePermissionId);
    const captured = await euClient.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: money('100.00', 'GBP'),
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    // The fixed table: 1 GBP = 1.17 EUR, so 0.8547 GBP per EUR and GBP 100.00 = EUR 117.00.
    expect(captured.data).toMatchObject({
      statusDetails: { state: 'Captured' },
      convertedAmount: '117.00',
      conversionRate: '0.8547',
    });
    const inEur = await sdkFailure(
      euClient.createCharge(
        { chargePermissionId: permissionId, chargeAmount: money('100.00', 'EUR') },
        idem(),
      ),
    );
    expect(inEur).toMatchObject({ status: 400, data: { reasonCode: 'CurrencyMismatch' } });
  });

  it('fills convertedAmount and conversionRate as seed 004 does', async () => {
    const permissionId = await setUpSavedWallet(naClient, opened.platform, na);
    const create = (extra: Record<string, unknown>, headers: Record<string, string> = {}) =>
      naClient.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: money('14.00', 'USD'),
          chargeInitiator: 'MITR',
          ...extra,
        },
        idem(headers),
      );
    const captured = await create({ captureNow: true, softDescriptor: 'Descriptor' });
    expect(captured.data).toMatchObject({ convertedAmount: '14.00', conversionRate: '1.00' });
    const authorized = await create({ captureNow: false });
    expect(authorized.data).toMatchObject({
      statusDetails: { state: 'Authorized' },
      convertedAmount: '14.00',
      conversionRate: '1.00',
    });
    const partly = await naClient.captureCharge(
      String(authorized.data.chargeId),
      { captureAmount: money('10.00', 'USD') },
      idem(),
    );
    expect(partly.data).toMatchObject({ convertedAmount: '10.00', conversionRate: '1.00' });
    const fetched = await naClient.getCharge(String(captured.data.chargeId));
    expect(fetched.data).toMatchObject({ convertedAmount: '14.00', conversionRate: '1.00' });
  });

  it('v1: AuthorizeOnBillingAgreement in another currency than the agreement is CurrencyMismatch', async () => {
    const uk = await opened.platform.createMerchant({ region: 'UK' });
    const client = await connectV1(opened.platform, uk);
    const buyer = createV1Buyer(opened.platform.httpUrl);
    const token = await buyer.signIn(uk.storeId);
    const ba = await openBillingAgreement(client, buyer, token, uk);
    const authorize = (reference: string, currency: string) => ({
      AmazonBillingAgreementId: ba,
      AuthorizationReferenceId: reference,
      AuthorizationAmount: { Amount: '900.00', CurrencyCode: currency },
      TransactionTimeout: 0,
      CaptureNow: true,
    });
    const inUsd = await client.fail('AuthorizeOnBillingAgreement', authorize('in-usd', 'USD'));
    expect(inUsd.code).toBe('CurrencyMismatch');
    expect(
      await rows('select count(*) from v1_authorizations where billing_agreement_id = $1', ba),
    ).toBe(0);
    await client.call('AuthorizeOnBillingAgreement', authorize('in-gbp', 'GBP'));
    // GBP 900 of the GBP 1,000 month is used: EUR 900 must not slip past it either.
    const inEur = await client.fail('AuthorizeOnBillingAgreement', authorize('in-eur', 'EUR'));
    expect(inEur.code).toBe('CurrencyMismatch');
    const orderInUsd = await client.fail('CreateOrderReferenceForId', {
      Id: ba,
      IdType: 'BillingAgreement',
      ConfirmNow: true,
      OrderReferenceAttributes: { OrderTotal: { Amount: '10.00', CurrencyCode: 'USD' } },
    });
    expect(orderInUsd.code).toBe('CurrencyMismatch');
  });
});
