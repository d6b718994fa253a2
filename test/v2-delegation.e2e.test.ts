import amazonPayments from 'amazon-payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { listMwsCredentials } from '../src/app/v1/mws-credentials.js';
import type { TestMerchant, TestPlatform } from '../src/testing/test-platform.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';
import { admin, grant, type Grant } from './support/partner-helpers.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue 13, done-when 2: delegation both ways. A solution provider acts for a merchant that
 * authorized it, on v2 (Get Authorization Token, then x-amz-pay-authtoken) and on v1 (SellerId
 * plus MWSAuthToken), and is refused for a merchant that did not, or once the grant is revoked.
 */
const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });

describe.each(BACKENDS)('delegation of a merchant to a solution provider ($name)', (backend) => {
  let opened: OpenedBackend;
  let platform: TestPlatform;
  let provider: TestMerchant;
  let merchant: TestMerchant;
  let stranger: TestMerchant;
  let other: TestMerchant;
  let providerClient: WebStoreClient;
  let merchantClient: WebStoreClient;
  let delegation: Grant;

  beforeAll(async () => {
    opened = await backend.open();
    platform = opened.platform;
    provider = await platform.createMerchant({ region: 'EU' });
    merchant = await platform.createMerchant({ region: 'EU' });
    stranger = await platform.createMerchant({ region: 'EU' });
    other = await platform.createMerchant({ region: 'EU' });
    providerClient = new sdk.WebStoreClient({ ...platform.sdkConfig(provider) });
    merchantClient = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    delegation = await grant(platform, merchant.merchantId, provider.merchantId);
  });
  afterAll(() => opened.dispose());

  it('hands the provider an authorization token for a merchant that authorized it', async () => {
    expect(delegation.mwsAuthToken).toMatch(/^amzn\.mws\.[0-9a-f-]{36}$/);
    const response = await providerClient.getAuthorizationToken(
      delegation.mwsAuthToken,
      merchant.merchantId,
    );
    expect(response.status).toBe(200);
    expect(typeof response.data.authorizationToken).toBe('string');
  });

  it('lets the provider charge the merchant with x-amz-pay-authtoken', async () => {
    const token = String(
      (await providerClient.getAuthorizationToken(delegation.mwsAuthToken, merchant.merchantId))
        .data.authorizationToken,
    );
    const permissionId = await setUpSavedWallet(merchantClient, platform, merchant);
    const charge = await providerClient.createCharge(
      { chargePermissionId: permissionId, chargeAmount: eur('12.00'), chargeInitiator: 'MITU' },
      idem({ 'x-amz-pay-authtoken': token }),
    );
    expect(charge.status).toBe(201);
    // The charge is the merchant's: its own key reads it, the provider's key alone does not.
    const seen = await merchantClient.getCharge(String(charge.data.chargeId));
    expect(seen.data.statusDetails).toMatchObject({ state: 'Authorized' });
    const alone = await sdkFailure(providerClient.getCharge(String(charge.data.chargeId)));
    expect(alone.status).toBe(404);
  });

  it('refuses a merchant that did not authorize the provider', async () => {
    const refused = await sdkFailure(
      providerClient.getAuthorizationToken(delegation.mwsAuthToken, stranger.merchantId),
    );
    expect(refused.status).toBe(401);
    expect(refused.data.reasonCode).toBe('UnauthorizedAccess');
    const unknown = await sdkFailure(
      providerClient.getAuthorizationToken(
        'amzn.mws.00000000-0000-0000-0000-000000000000',
        merchant.merchantId,
      ),
    );
    expect(unknown.data.reasonCode).toBe('UnauthorizedAccess');
    const missing = await sdkFailure(
      providerClient.apiCall({
        method: 'GET',
        urlFragment: `authorizationTokens/${delegation.mwsAuthToken}`,
      }),
    );
    expect(missing.data.reasonCode).toBe('MissingParameterValue');
  });

  it('refuses a token that is made up, or used by another provider', async () => {
    const token = String(
      (await providerClient.getAuthorizationToken(delegation.mwsAuthToken, merchant.merchantId))
        .data.authorizationToken,
    );
    const otherClient = new sdk.WebStoreClient({ ...platform.sdkConfig(other) });
    const stolen = await sdkFailure(
      otherClient.getChargePermission('S02-0000000-0000000', { 'x-amz-pay-authtoken': token }),
    );
    expect(stolen.status).toBe(403);
    expect(stolen.data.reasonCode).toBe('InvalidAuthorizationToken');
    // The other merchant cannot exchange the provider's MWSAuthToken either.
    const exchanged = await sdkFailure(
      otherClient.getAuthorizationToken(delegation.mwsAuthToken, merchant.merchantId),
    );
    expect(exchanged.status).toBe(401);
    const madeUp = await sdkFailure(
      providerClient.getChargePermission('S02-0000000-0000000', {
        'x-amz-pay-authtoken': 'Atzr|nope',
      }),
    );
    expect(madeUp.data.reasonCode).toBe('InvalidAuthorizationToken');
  });

  it('acts for the merchant on v1 with SellerId and MWSAuthToken, and for no other', async () => {
    const [credential] = await listMwsCredentials(platform.localpay.deps, provider.merchantId);
    if (!credential) throw new Error('the provider has no MWS key');
    const connect = (sellerId: string) =>
      amazonPayments.connect({
        environment: {
          mwsEndpoint: `${platform.httpUrl}/OffAmazonPayments_Sandbox/2013-01-01`,
          apiEndpoint: platform.httpUrl,
        },
        sellerId,
        mwsAccessKey: credential.accessKeyId,
        mwsSecretKey: credential.secretKey,
        clientId: provider.storeId,
      });
    const call = (sellerId: string, action: string, params: Record<string, unknown>) =>
      new Promise<Record<string, unknown>>((resolve, reject) =>
        connect(sellerId).callMwsMethod(action, '2013-01-01', params, (error, response) =>
          error ? reject(error) : resolve(response ?? {}),
        ),
      );
    const buyer = createV1Buyer(platform.httpUrl);
    const oro = await buyer.createOrderReference(
      await buyer.signIn(merchant.storeId),
      merchant.merchantId,
    );
    const details = {
      AmazonOrderReferenceId: oro,
      OrderReferenceAttributes: { OrderTotal: { Amount: '20.00', CurrencyCode: 'EUR' } },
    };
    const set = await call(merchant.merchantId, 'SetOrderReferenceDetails', {
      ...details,
      MWSAuthToken: delegation.mwsAuthToken,
    });
    expect(JSON.stringify(set)).toContain('20.00');

    const errorName = (promise: Promise<unknown>) =>
      promise.then(
        () => 'succeeded',
        (error: Error) => error.name,
      );
    expect(await errorName(call(merchant.merchantId, 'SetOrderReferenceDetails', details))).toBe(
      'AccessDenied',
    );
    expect(
      await errorName(
        call(stranger.merchantId, 'GetOrderReferenceDetails', {
          AmazonOrderReferenceId: oro,
          MWSAuthToken: delegation.mwsAuthToken,
        }),
      ),
    ).toBe('AccessDenied');
  });

  it('ends both once the merchant revokes the delegation', async () => {
    const token = String(
      (await providerClient.getAuthorizationToken(delegation.mwsAuthToken, merchant.merchantId))
        .data.authorizationToken,
    );
    await admin(
      platform,
      'DELETE',
      `/merchants/${merchant.merchantId}/delegations/${delegation.mwsAuthToken}`,
    );
    const exchange = await sdkFailure(
      providerClient.getAuthorizationToken(delegation.mwsAuthToken, merchant.merchantId),
    );
    expect(exchange.status).toBe(401);
    const use = await sdkFailure(
      providerClient.getChargePermission('S02-0000000-0000000', { 'x-amz-pay-authtoken': token }),
    );
    expect(use.data.reasonCode).toBe('InvalidAuthorizationToken');
  });
});
