import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { TestMerchant, TestPlatform } from '../src/testing/test-platform.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';
import { admin, delegationsOf, setRoles } from './support/partner-helpers.js';
import { idem, sdkFailure, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue 13, scope 2: Account Management for solution providers through the official Node SDK
 * (createMerchantAccount, updateMerchantAccount, merchantAccountClaim, register-, update-,
 * deleteAmazonPayAccount) and its generic apiCall for the store calls only the PHP SDK names.
 * A registered merchant is a real localpay merchant: stores, test buyer, delegation, checkout.
 */
const account = (reference: string, overrides: Record<string, unknown> = {}) => ({
  uniqueReferenceId: reference,
  ledgerCurrency: 'EUR',
  businessInfo: {
    email: 'owner@cafe.example',
    businessType: 'CORPORATE',
    businessLegalName: 'Rufus Kaffee GmbH',
    businessCategory: 'Beauty',
    businessDisplayName: "Rufus's Cafe",
    annualSalesVolume: { amount: '100000', currencyCode: 'EUR' },
    countryOfEstablishment: 'DE',
    businessAddress: {
      addressLine1: 'Invalidenstraße 1',
      city: 'Berlin',
      postalCode: '10115',
      countryCode: 'DE',
    },
  },
  beneficiaryOwners: [{ personFullName: 'Rufus Rufus' }],
  primaryContactPerson: { personFullName: 'Rufus Rufus' },
  integrationInfo: { ipnEndpointUrls: ['https://cafe.example/ipn'] },
  stores: [
    {
      domainUrls: ['https://cafe.example'],
      storeName: "Rufus's Cafe online",
      privacyPolicyUrl: 'https://cafe.example/privacy',
      storeStatus: { state: 'ACTIVE', reasonCode: null },
    },
  ],
  merchantStatus: { statusProvider: 'Ayden', state: 'ACTIVE', reasonCode: null },
  ...overrides,
});

interface Overview {
  merchant: { merchantId: string; name: string; region: string };
  stores: { storeId: string; name: string }[];
}

describe.each(BACKENDS)(
  'merchant accounts registered by a solution provider ($name)',
  (backend) => {
    let opened: OpenedBackend;
    let platform: TestPlatform;
    let provider: TestMerchant;
    let client: WebStoreClient;

    beforeAll(async () => {
      opened = await backend.open();
      platform = opened.platform;
      provider = await platform.createMerchant({ region: 'EU' });
      client = new sdk.WebStoreClient({ ...platform.sdkConfig(provider) });
    });
    afterAll(() => opened.dispose());

    it('is only for authorised solution providers', async () => {
      const refused = await sdkFailure(client.createMerchantAccount(account('ref-0'), idem()));
      expect(refused.status).toBe(401);
      expect(refused.data.reasonCode).toBe('UnauthorizedAccess');
      await setRoles(platform, provider.merchantId, ['SolutionProvider']);
    });

    it('registers a real localpay merchant with its store, delegated to the provider', async () => {
      const created = await client.createMerchantAccount(account('ref-1'), idem());
      expect(created.status).toBe(201);
      expect(created.data).toEqual({
        merchantAccountId: expect.stringMatching(/^A[A-Z0-9]{11,13}$/),
        uniqueReferenceId: 'ref-1',
      });
      const id = String(created.data.merchantAccountId);
      const overview = await admin<Overview>(platform, 'GET', `/merchants/${id}`);
      expect(overview.merchant).toMatchObject({ name: "Rufus's Cafe", region: 'EU' });
      expect(overview.stores.map((store) => store.name)).toEqual(["Rufus's Cafe online"]);
      const buyers = await admin<{ testBuyers: unknown[] }>(
        platform,
        'GET',
        `/merchants/${id}/test-buyers`,
      );
      expect(buyers.testBuyers).toHaveLength(1);
      const [delegation] = await delegationsOf(platform, id);
      expect(delegation).toMatchObject({ providerId: provider.merchantId, revokedAt: null });

      // The provider checks out for the new merchant, on its store, with the authorization token.
      const token = String(
        (await client.getAuthorizationToken(delegation?.mwsAuthToken ?? '', id)).data
          .authorizationToken,
      );
      const session = await client.createCheckoutSession(
        {
          webCheckoutDetails: { checkoutReviewReturnUrl: 'https://cafe.example/review' },
          storeId: overview.stores[0]?.storeId,
        },
        idem({ 'x-amz-pay-authtoken': token }),
      );
      expect(session.status).toBe(201);
      const viaToken = await client.updateMerchantAccount(
        id,
        { businessInfo: { businessDisplayName: 'Cafe via token' } },
        { 'x-amz-pay-authtoken': token },
      );
      expect(viaToken.status).toBe(200);
    });

    it('validates what it registers', async () => {
      const duplicate = await sdkFailure(client.createMerchantAccount(account('ref-1'), idem()));
      expect(duplicate.data.reasonCode).toBe('InvalidRequest');
      const currency = await sdkFailure(
        client.createMerchantAccount(account('ref-2', { ledgerCurrency: 'JPY' }), idem()),
      );
      expect(currency.data.reasonCode).toBe('InvalidParameterValue');
      const noName = await sdkFailure(
        client.createMerchantAccount(
          account('ref-3', { businessInfo: { businessType: 'CORPORATE' } }),
          idem(),
        ),
      );
      expect(noName.data.reasonCode).toBe('MissingParameterValue');
      const noReference = await sdkFailure(
        client.createMerchantAccount({ ledgerCurrency: 'EUR', businessInfo: {} }, idem()),
      );
      expect(noReference.data.reasonCode).toBe('MissingParameterValue');
      const unknownField = await sdkFailure(
        client.createMerchantAccount(account('ref-4', { shoeSize: 42 }), idem()),
      );
      expect(unknownField.data.reasonCode).toBe('UnrecognizedField');
    });

    it('updates an account until it is claimed, never its legal entity', async () => {
      const id = String(
        (await client.registerAmazonPayAccount(account('ref-5'))).data.merchantAccountId,
      );
      const updated = await client.updateMerchantAccount(
        id,
        {
          businessInfo: {
            businessDisplayName: "Rufus's Golden Cafe",
            businessLegalName: 'Rufus Kaffee GmbH',
          },
        },
        null,
      );
      expect(updated.status).toBe(200);
      expect((await admin<Overview>(platform, 'GET', `/merchants/${id}`)).merchant.name).toBe(
        "Rufus's Golden Cafe",
      );
      const legal = await sdkFailure(
        client.updateAmazonPayAccount(id, {
          businessInfo: { businessLegalName: 'Someone Else AG' },
        }),
      );
      expect(legal.data.reasonCode).toBe('InvalidParameterValue');

      const wrongReference = await sdkFailure(
        client.merchantAccountClaim(id, { uniqueReferenceId: 'ref-x' }),
      );
      expect(wrongReference.data.reasonCode).toBe('InvalidParameterValue');
      const claim = await client.merchantAccountClaim(id, { uniqueReferenceId: 'ref-5' });
      expect(claim.status).toBe(303);
      const location = String(claim.headers.location);
      expect(location).toContain(platform.httpUrl);

      // The merchant follows the link and claims the account.
      const page = await fetch(location);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Rufus&#39;s Golden Cafe');
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const posted = await fetch(location, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ csrf }).toString(),
      });
      expect(posted.status).toBe(200);
      expect(await posted.text()).toContain('data-testid="claimed"');
      const afterClaim = await sdkFailure(
        client.updateMerchantAccount(
          id,
          { businessInfo: { businessDisplayName: 'Too late' } },
          null,
        ),
      );
      expect(afterClaim.status).toBe(403);
      expect(afterClaim.data.reasonCode).toBe('InvalidAccountStatus');
      const stored = await admin<{ state: string }>(platform, 'GET', `/merchant-accounts/${id}`);
      expect(stored.state).toBe('Claimed');
    });

    it('creates and updates stores with the generic request method (PHP createStore/updateStore)', async () => {
      const id = String(
        (await client.createMerchantAccount(account('ref-6'), idem())).data.merchantAccountId,
      );
      const created = await client.apiCall({
        method: 'POST',
        urlFragment: `merchantAccounts/${id}/stores`,
        payload: {
          allowedOriginDomains: ['https://shop.example'],
          allowedRedirectURLs: ['https://shop.example/return'],
          storeName: 'Second shop',
          privacyPolicyUrl: 'https://shop.example/privacy',
          merchantLogoUrl: 'https://shop.example/logo.png',
        },
        headers: idem(),
      });
      expect(created.status).toBe(201);
      const storeId = String(created.data.storeId);
      const updated = await client.apiCall({
        method: 'PATCH',
        urlFragment: `merchantAccounts/${id}/stores/${storeId}`,
        payload: { storeName: 'Second shop, renamed' },
      });
      expect(updated.data).toMatchObject({
        storeId,
        storeName: 'Second shop, renamed',
        privacyPolicyUrl: 'https://shop.example/privacy',
      });
      const names = (await admin<Overview>(platform, 'GET', `/merchants/${id}`)).stores.map(
        (s) => s.name,
      );
      expect(names).toContain('Second shop, renamed');
      const badUrl = await sdkFailure(
        client.apiCall({
          method: 'POST',
          urlFragment: `merchantAccounts/${id}/stores`,
          payload: { storeName: 'x', privacyPolicyUrl: 'not a url' },
        }),
      );
      expect(badUrl.data.reasonCode).toBe('InvalidParameterValue');
      const unknownStore = await sdkFailure(
        client.apiCall({
          method: 'PATCH',
          urlFragment: `merchantAccounts/${id}/stores/amzn1.application-oa2-client.0`,
          payload: {},
        }),
      );
      expect(unknownStore.status).toBe(404);
    });

    it("refuses another provider's account, and ends the delegation when the account is deleted", async () => {
      const id = String(
        (await client.createMerchantAccount(account('ref-7'), idem())).data.merchantAccountId,
      );
      const rival = await platform.createMerchant({ region: 'EU' });
      await setRoles(platform, rival.merchantId, ['SolutionProvider']);
      const rivalClient = new sdk.WebStoreClient({ ...platform.sdkConfig(rival) });
      const foreign = await sdkFailure(rivalClient.deleteAmazonPayAccount(id));
      expect(foreign.status).toBe(401);

      const [delegation] = await delegationsOf(platform, id);
      const token = String(
        (await client.getAuthorizationToken(delegation?.mwsAuthToken ?? '', id)).data
          .authorizationToken,
      );
      // The token acts for its own account only.
      const sibling = String(
        (await client.createMerchantAccount(account('ref-8'), idem())).data.merchantAccountId,
      );
      const crossed = await sdkFailure(
        client.updateMerchantAccount(
          sibling,
          { businessInfo: {} },
          { 'x-amz-pay-authtoken': token },
        ),
      );
      expect(crossed.status).toBe(403);
      expect(crossed.data.reasonCode).toBe('InvalidAuthorizationToken');
      const deleted = await client.deleteAmazonPayAccount(id);
      expect(deleted.status).toBe(200);
      const gone = await sdkFailure(client.updateAmazonPayAccount(id, { businessInfo: {} }));
      expect(gone.status).toBe(404);
      const revoked = await sdkFailure(
        client.getChargePermission('S02-0000000-0000000', { 'x-amz-pay-authtoken': token }),
      );
      expect(revoked.data.reasonCode).toBe('InvalidAuthorizationToken');
    });
  },
);
