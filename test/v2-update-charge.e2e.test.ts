import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { IpnReceiver } from '../src/testing/ipn-receiver.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { grant, setRoles } from './support/partner-helpers.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue 13, scope 1: Update Charge (PATCH /v2/charges/{chargeId}) through the official SDK's
 * updateCharge, for payment service providers only, moving charges as their lifecycle allows.
 */
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

describe('Update Charge for payment service providers', () => {
  let platform: TestPlatform;
  let psp: TestMerchant;
  let client: WebStoreClient;
  let permissionId: string;
  let ipns: IpnReceiver;

  beforeAll(async () => {
    platform = await createTestPlatform();
    psp = await platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(psp) });
    ipns = await platform.receiveIpns(psp.merchantId);
    permissionId = await setUpSavedWallet(client, platform, psp);
  });
  afterAll(() => platform.close());

  const authorize = async (amount = '10.00', wallet = permissionId): Promise<string> => {
    const created = await client.createCharge(
      { chargePermissionId: wallet, chargeAmount: usd(amount), chargeInitiator: 'MITU' },
      idem(),
    );
    expect(created.data.statusDetails).toMatchObject({ state: 'Authorized' });
    return String(created.data.chargeId);
  };

  it('is refused to merchants that are not payment service providers', async () => {
    const chargeId = await authorize();
    const refused = await sdkFailure(
      client.updateCharge(chargeId, {
        statusDetails: { state: 'Canceled', reasonCode: 'ExpiredUnused' },
      }),
    );
    expect(refused.status).toBe(401);
    expect(refused.data.reasonCode).toBe('UnauthorizedAccess');
    expect((await client.getCharge(chargeId)).data.statusDetails).toMatchObject({
      state: 'Authorized',
    });
  });

  it("cancels a charge with the README's payload and notifies it", async () => {
    await setRoles(platform, psp.merchantId, ['PaymentServiceProvider']);
    const chargeId = await authorize();
    const updated = await client.updateCharge(chargeId, {
      statusDetails: { state: 'Canceled', reasonCode: 'ExpiredUnused' },
    });
    expect(updated.status).toBe(200);
    expect(updated.data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'ExpiredUnused',
    });
    await ipns.waitFor((all) =>
      all.some(
        (ipn) =>
          String(ipn.envelope?.Message).includes(chargeId) &&
          String(ipn.envelope?.Message).includes('CHARGE'),
      ),
    );
    const again = await sdkFailure(
      client.updateCharge(chargeId, {
        statusDetails: { state: 'Canceled', reasonCode: 'ExpiredUnused' },
      }),
    );
    expect(again.status).toBe(422);
    expect(again.data.reasonCode).toBe('InvalidChargeStatus');
  });

  it('reports a capture and a decline the PSP processed', async () => {
    const captured = await client.updateCharge(await authorize('7.50'), {
      statusDetails: { state: 'Captured' },
    });
    expect(captured.data.statusDetails).toMatchObject({ state: 'Captured' });
    expect(captured.data.captureAmount).toEqual(usd('7.50'));
    // A hard decline makes the wallet NonChargeable (seed 004), so it gets a wallet of its own.
    const spare = await setUpSavedWallet(client, platform, psp);
    const declined = await client.updateCharge(await authorize('10.00', spare), {
      statusDetails: {
        state: 'Declined',
        reasonCode: 'HardDeclined',
        reasonDescription: 'Issuer said no',
      },
    });
    expect(declined.data.statusDetails).toMatchObject({
      state: 'Declined',
      reasonCode: 'HardDeclined',
      reasonDescription: 'Issuer said no',
    });
    const wallet = await client.getChargePermission(spare);
    expect(wallet.data.statusDetails).toMatchObject({ state: 'NonChargeable' });
  });

  it('rejects bad updates in the v2 error format', async () => {
    const chargeId = await authorize();
    const unknownState = await sdkFailure(
      client.updateCharge(chargeId, { statusDetails: { state: 'Refunded' } }),
    );
    expect(unknownState.data.reasonCode).toBe('InvalidParameterValue');
    const noReason = await sdkFailure(
      client.updateCharge(chargeId, { statusDetails: { state: 'Canceled' } }),
    );
    expect(noReason.data.reasonCode).toBe('MissingParameterValue');
    const badReason = await sdkFailure(
      client.updateCharge(chargeId, {
        statusDetails: { state: 'Canceled', reasonCode: 'HardDeclined' },
      }),
    );
    expect(badReason.data.reasonCode).toBe('InvalidParameterValue');
    const extra = await sdkFailure(
      client.updateCharge(chargeId, {
        statusDetails: { state: 'Captured' },
        chargeAmount: usd('1.00'),
      }),
    );
    expect(extra.data.reasonCode).toBe('UnrecognizedField');
    const missing = await sdkFailure(
      client.updateCharge('S01-0000000-0000000-C000000', { statusDetails: { state: 'Captured' } }),
    );
    expect(missing.status).toBe(404);
    expect((await client.getCharge(chargeId)).data.statusDetails).toMatchObject({
      state: 'Authorized',
    });
  });

  it("updates a merchant's charge as its PSP with x-amz-pay-authtoken", async () => {
    const merchant = await platform.createMerchant({ region: 'NA' });
    const merchantClient = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const wallet = await setUpSavedWallet(merchantClient, platform, merchant);
    const charge = await merchantClient.createCharge(
      { chargePermissionId: wallet, chargeAmount: usd('5.00'), chargeInitiator: 'MITU' },
      idem(),
    );
    const { mwsAuthToken } = await grant(platform, merchant.merchantId, psp.merchantId);
    const token = String(
      (await client.getAuthorizationToken(mwsAuthToken, merchant.merchantId)).data
        .authorizationToken,
    );
    const updated = await client.updateCharge(
      String(charge.data.chargeId),
      { statusDetails: { state: 'Captured' } },
      { 'x-amz-pay-authtoken': token },
    );
    expect(updated.data.statusDetails).toMatchObject({ state: 'Captured' });
    // The merchant itself is no PSP: its own key may not report outcomes.
    const own = await sdkFailure(
      merchantClient.updateCharge(String(charge.data.chargeId), {
        statusDetails: { state: 'Captured' },
      }),
    );
    expect(own.data.reasonCode).toBe('UnauthorizedAccess');
  });
});
