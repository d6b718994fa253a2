import { parseAmzDate } from '../src/http/v2/signature.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue "Saved Wallet charges", done-when 1: seed 004 end to end through the unmodified official
 * Node SDK: charges, captures, the SCA 202 path, declines, cancellations, limits, refunds, and the
 * timers, with the merchant's clock moved instead of waiting.
 */
const RESULT = 'http://localhost:3000/charge-result';
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });
const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });

describe('Saved Wallet charges (seed 004) through the official SDK', () => {
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

  it('captures a merchant-initiated charge at once (201)', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const charge = await usClient.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: usd('14.00'),
        chargeInitiator: 'MITR',
        channel: 'Web',
        captureNow: true,
        softDescriptor: 'Descriptor',
        canHandlePendingAuthorization: false,
      },
      idem(),
    );
    expect(charge.status).toBe(201);
    expect(charge.data).toMatchObject({
      chargePermissionId: permissionId,
      chargeInitiator: 'MITR',
      channel: 'Web',
      chargeAmount: usd('14.00'),
      captureAmount: usd('14.00'),
      refundedAmount: usd('0.00'),
      softDescriptor: 'Descriptor', // seed 004: echoed as sent
      merchantMetadata: null,
      statusDetails: { state: 'Captured', reasonCode: null },
      releaseEnvironment: 'Sandbox',
    });
    expect(String(charge.data.chargeId)).toMatch(/^S01-\d{7}-\d{7}-C\d{6}$/);
    const permission = await usClient.getChargePermission(permissionId);
    expect(permission.data.statusDetails).toMatchObject({ state: 'Chargeable', reasons: null });
  });

  it('authorizes a customer-initiated charge, then captures it', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const charge = await usClient.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: usd('30.00'),
        chargeInitiator: 'CITU',
        channel: 'Web',
        captureNow: false,
      },
      idem(),
    );
    expect(charge.status).toBe(201);
    expect(charge.data).toMatchObject({
      statusDetails: { state: 'Authorized' },
      captureAmount: null,
    });
    const captured = await usClient.captureCharge(
      String(charge.data.chargeId),
      { captureAmount: usd('30.00'), softDescriptor: 'LATER' },
      idem(),
    );
    expect(captured.status).toBe(200);
    expect(captured.data).toMatchObject({
      statusDetails: { state: 'Captured' },
      captureAmount: usd('30.00'),
      softDescriptor: 'LATER',
    });
    const again = await sdkFailure(
      usClient.captureCharge(String(charge.data.chargeId), { captureAmount: usd('1.00') }, idem()),
    );
    expect(again).toMatchObject({ status: 422, data: { reasonCode: 'InvalidChargeStatus' } });
  });

  describe('the SCA challenge of a customer-initiated charge (EU merchant)', () => {
    const challengedCharge = async () => {
      const permissionId = await setUpSavedWallet(euClient, platform, eu);
      const charge = await euClient.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: eur('49.00'),
          chargeInitiator: 'CITU',
          channel: 'Web',
          captureNow: true,
          webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        },
        idem(),
      );
      expect(charge.status).toBe(202);
      expect(charge.data).toMatchObject({
        statusDetails: {
          state: 'ActionRequired',
          reasonCode: 'BuyerActionRequired',
          reasonDescription: 'Charge requires buyer action to proceed.',
        },
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT },
        merchantMetadata: null,
      });
      // Seed 004's 202 example: the expiration is creation + 24 hours, when it is canceled.
      expect(
        Number(parseAmzDate(String(charge.data.expirationTimestamp))) -
          Number(parseAmzDate(String(charge.data.creationTimestamp))),
      ).toBe(24 * 3_600_000);
      const redirect = (charge.data.webCheckoutDetails as { amazonPayRedirectUrl: string })
        .amazonPayRedirectUrl;
      expect(redirect).toContain('/checkout/processing?amazonCheckoutSessionId=');
      return {
        permissionId,
        chargeId: String(charge.data.chargeId),
        redirect,
        sessionId: new URL(redirect).searchParams.get('amazonCheckoutSessionId') ?? '',
      };
    };

    it('passes: the buyer returns, Complete Checkout Session succeeds, the charge is Captured', async () => {
      const { chargeId, redirect, sessionId } = await challengedCharge();
      expect(await platform.buyer.answerChallenge(redirect, 'pass')).toBe(
        `${RESULT}?amazonCheckoutSessionId=${sessionId}`,
      );
      // Not final until the merchant confirms (seed 004).
      expect((await euClient.getCharge(chargeId)).data.statusDetails).toMatchObject({
        state: 'ActionRequired',
      });
      const completed = await euClient.completeCheckoutSession(
        sessionId,
        { chargeAmount: eur('49.00') },
        idem(),
      );
      expect(completed.status).toBe(200);
      expect(completed.data).toMatchObject({ statusDetails: { state: 'Completed' }, chargeId });
      expect((await euClient.getCharge(chargeId)).data).toMatchObject({
        statusDetails: { state: 'Captured' },
        captureAmount: eur('49.00'),
      });
    });

    it('fails: Complete answers an error and the charge is not captured', async () => {
      const { permissionId, chargeId, redirect, sessionId } = await challengedCharge();
      expect(await platform.buyer.answerChallenge(redirect, 'fail')).toBe(
        `${RESULT}?amazonCheckoutSessionId=${sessionId}`,
      );
      const failure = await sdkFailure(
        euClient.completeCheckoutSession(sessionId, { chargeAmount: eur('49.00') }, idem()),
      );
      expect(failure).toMatchObject({
        status: 422,
        data: { reasonCode: 'CheckoutSessionCanceled' },
      });
      const charge = await euClient.getCharge(chargeId);
      expect(charge.data).toMatchObject({
        statusDetails: { state: 'Declined' },
        captureAmount: null,
      });
      expect((await euClient.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
        state: 'NonChargeable',
        reasons: [{ reasonCode: 'MFAFailed' }],
      });
    });

    it('abandoned: Complete answers an error and the charge is canceled', async () => {
      const { permissionId, chargeId, redirect, sessionId } = await challengedCharge();
      await platform.buyer.answerChallenge(redirect, 'abandon');
      const failure = await sdkFailure(
        euClient.completeCheckoutSession(sessionId, { chargeAmount: eur('49.00') }, idem()),
      );
      expect(failure.data.reasonCode).toBe('CheckoutSessionCanceled');
      expect((await euClient.getCharge(chargeId)).data).toMatchObject({
        statusDetails: { state: 'Canceled', reasonCode: 'BuyerCanceled' },
        captureAmount: null,
      });
      expect((await euClient.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
        state: 'Chargeable',
      });
    });

    it('left uncompleted for 24 hours, the authorization is canceled', async () => {
      const { chargeId, redirect, sessionId } = await challengedCharge();
      await platform.buyer.answerChallenge(redirect, 'pass');
      await platform.advanceClock(eu.merchantId, '25h');
      expect((await euClient.getCharge(chargeId)).data.statusDetails).toMatchObject({
        state: 'Canceled',
        reasonCode: 'ExpiredUnused',
      });
      const late = await sdkFailure(
        euClient.completeCheckoutSession(sessionId, { chargeAmount: eur('49.00') }, idem()),
      );
      // The session expired: InvalidCheckoutSessionStatus (Amazon Checkout Session page).
      expect(late.data.reasonCode).toBe('InvalidCheckoutSessionStatus');
    });

    it('without checkoutResultReturnUrl the charge cannot wait for the buyer (MFANotCompleted)', async () => {
      const permissionId = await setUpSavedWallet(euClient, platform, eu);
      const failure = await sdkFailure(
        euClient.createCharge(
          { chargePermissionId: permissionId, chargeAmount: eur('50.00'), chargeInitiator: 'CITR' },
          idem(),
        ),
      );
      expect(failure).toMatchObject({ status: 422, data: { reasonCode: 'MFANotCompleted' } });
    });

    it('never challenges a merchant-initiated charge', async () => {
      const permissionId = await setUpSavedWallet(euClient, platform, eu);
      const charge = await euClient.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: eur('5.00'),
          chargeInitiator: 'MITU',
          captureNow: true,
        },
        idem(),
      );
      expect(charge.status).toBe(201);
      expect(charge.data.statusDetails).toMatchObject({ state: 'Captured' });
    });
  });

  it('SoftDeclined: the permission stays Chargeable and a retry succeeds', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const body = {
      chargePermissionId: permissionId,
      chargeAmount: usd('20.00'),
      chargeInitiator: 'MITR',
      captureNow: true,
    };
    const declined = await sdkFailure(
      usClient.createCharge(body, idem({ 'x-amz-pay-simulation-code': 'SoftDeclined' })),
    );
    expect(declined).toMatchObject({ status: 422, data: { reasonCode: 'SoftDeclined' } });
    expect((await usClient.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
      state: 'Chargeable',
    });
    const retried = await usClient.createCharge(body, idem());
    expect(retried.data.statusDetails).toMatchObject({ state: 'Captured' });
  });

  it('ProcessingFailure answers 500 and leaves the permission Chargeable', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const declined = await sdkFailure(
      usClient.createCharge(
        { chargePermissionId: permissionId, chargeAmount: usd('20.00'), chargeInitiator: 'MITR' },
        idem({ 'x-amz-pay-simulation-code': 'ProcessingFailure' }),
      ),
    );
    expect(declined).toMatchObject({ status: 500, data: { reasonCode: 'ProcessingFailure' } });
    expect((await usClient.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
      state: 'Chargeable',
    });
  });

  it('HardDeclined: NonChargeable until the buyer updates the payment method, then a new charge succeeds', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const body = {
      chargePermissionId: permissionId,
      chargeAmount: usd('20.00'),
      chargeInitiator: 'MITR',
      captureNow: true,
    };
    const declined = await sdkFailure(
      usClient.createCharge(body, idem({ 'x-amz-pay-simulation-code': 'HardDeclined' })),
    );
    expect(declined).toMatchObject({ status: 422, data: { reasonCode: 'HardDeclined' } });
    expect((await usClient.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
      state: 'NonChargeable',
      reasons: [{ reasonCode: 'PaymentMethodInvalid' }],
    });
    const blocked = await sdkFailure(usClient.createCharge(body, idem()));
    expect(blocked).toMatchObject({
      status: 422,
      data: { reasonCode: 'InvalidChargePermissionStatus' },
    });

    await platform.buyer.updatePaymentMethod(permissionId, '4444');
    const permission = await usClient.getChargePermission(permissionId);
    expect(permission.data).toMatchObject({
      statusDetails: { state: 'Chargeable', reasons: null },
      paymentPreferences: [{ paymentDescriptor: 'Mastercard ****4444 (Amazon Pay)' }],
    });
    expect((await usClient.createCharge(body, idem())).data.statusDetails).toMatchObject({
      state: 'Captured',
    });
  });

  it('a card that declines hard (3434) behaves like HardDeclined', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    await platform.buyer.updatePaymentMethod(permissionId, '3434');
    const declined = await sdkFailure(
      usClient.createCharge(
        { chargePermissionId: permissionId, chargeAmount: usd('5.00'), chargeInitiator: 'MITR' },
        idem(),
      ),
    );
    expect(declined.data.reasonCode).toBe('HardDeclined');
  });

  it('after Close Charge Permission a new charge is rejected', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    await usClient.closeChargePermission(permissionId, {
      closureReason: 'Subscription canceled',
      cancelPendingCharges: false,
    });
    const rejected = await sdkFailure(
      usClient.createCharge(
        { chargePermissionId: permissionId, chargeAmount: usd('5.00'), chargeInitiator: 'MITR' },
        idem(),
      ),
    );
    expect(rejected).toMatchObject({
      status: 422,
      data: { reasonCode: 'InvalidChargePermissionStatus' },
    });
  });

  it('enforces the monthly limit per calendar month on the merchant clock', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const charge = (amount: string) =>
      usClient.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: usd(amount),
          chargeInitiator: 'MITR',
          captureNow: true,
        },
        idem(),
      );
    await charge('14000.00');
    const over = await sdkFailure(charge('1000.01'));
    expect(over).toMatchObject({ status: 400, data: { reasonCode: 'PeriodicAmountExceeded' } });
    expect((await charge('1000.00')).data.statusDetails).toMatchObject({ state: 'Captured' });
    await platform.advanceClock(us.merchantId, '32d');
    expect((await charge('15000.00')).data.statusDetails).toMatchObject({ state: 'Captured' });
  });

  it('refunds: RefundInitiated, then Refunded; several per charge, up to 15% or 75 over', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const charge = await usClient.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: usd('100.00'),
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    const chargeId = String(charge.data.chargeId);
    const first = await usClient.createRefund(
      { chargeId, refundAmount: usd('60.00'), softDescriptor: 'REFUND' },
      idem(),
    );
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({
      chargeId,
      refundAmount: usd('60.00'),
      statusDetails: { state: 'RefundInitiated' },
    });
    expect(String(first.data.refundId)).toMatch(/-R\d{6}$/);
    const tooMuch = await sdkFailure(
      usClient.createRefund({ chargeId, refundAmount: usd('55.01') }, idem()),
    );
    expect(tooMuch).toMatchObject({
      status: 400,
      data: { reasonCode: 'TransactionAmountExceeded' },
    });
    const second = await usClient.createRefund({ chargeId, refundAmount: usd('55.00') }, idem());
    await platform.advanceClock(us.merchantId, '1m');
    expect(
      (await usClient.getRefund(String(first.data.refundId))).data.statusDetails,
    ).toMatchObject({ state: 'Refunded' });
    expect(
      (await usClient.getRefund(String(second.data.refundId))).data.statusDetails,
    ).toMatchObject({ state: 'Refunded' });
    expect((await usClient.getCharge(chargeId)).data.refundedAmount).toEqual(usd('115.00'));
  });

  it('a pending authorization resolves when the clock moves', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const charge = await usClient.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: usd('12.00'),
        chargeInitiator: 'MITR',
        canHandlePendingAuthorization: true,
      },
      idem({ 'x-amz-pay-simulation-code': 'AuthorizationInitiated' }),
    );
    expect(charge.status).toBe(201);
    expect(charge.data.statusDetails).toMatchObject({ state: 'AuthorizationInitiated' });
    await platform.advanceClock(us.merchantId, '1m');
    expect(
      (await usClient.getCharge(String(charge.data.chargeId))).data.statusDetails,
    ).toMatchObject({ state: 'Authorized' });
  });

  it('cancels an authorized charge', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const charge = await usClient.createCharge(
      { chargePermissionId: permissionId, chargeAmount: usd('8.00'), chargeInitiator: 'MITR' },
      idem(),
    );
    const canceled = await usClient.cancelCharge(String(charge.data.chargeId), {
      cancellationReason: 'Out of stock',
    });
    expect(canceled.data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'MerchantCanceled',
      reasonDescription: 'Out of stock',
    });
  });

  it('rejects a simulation code that does not belong to the operation', async () => {
    const permissionId = await setUpSavedWallet(usClient, platform, us);
    const rejected = await sdkFailure(
      usClient.createCharge(
        { chargePermissionId: permissionId, chargeAmount: usd('8.00') },
        idem({ 'x-amz-pay-simulation-code': 'BuyerCanceled' }),
      ),
    );
    expect(rejected).toMatchObject({
      status: 400,
      data: { reasonCode: 'InvalidSandboxSimulationSpecified' },
    });
  });
});
