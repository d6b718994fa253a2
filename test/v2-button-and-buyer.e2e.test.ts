import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { browserTab, inputValue } from './support/browser-tab.js';
import { idem, sdkFailure, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue 11 points 2 and 3 without a browser: what checkout.js posts when the button is clicked
 * (POST /checkout/button) is verified like an API request and validated like Create Checkout
 * Session, with the same reason codes and messages; Amazon Sign-in issues buyer tokens that the
 * official SDK's getBuyer reads, with its error paths.
 */
let platform: TestPlatform;
let merchant: TestMerchant;
let other: TestMerchant;
let client: WebStoreClient;
let otherClient: WebStoreClient;

beforeAll(async () => {
  platform = await createTestPlatform();
  merchant = await platform.createMerchant({ region: 'EU' });
  other = await platform.createMerchant({ region: 'EU' });
  client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
  otherClient = new sdk.WebStoreClient({ ...platform.sdkConfig(other) });
});
afterAll(() => platform.close());

const RETURN = 'http://127.0.0.1:3000/review';

function button(payload: string, overrides: Record<string, string> = {}, signer = client) {
  return {
    merchantId: merchant.merchantId,
    publicKeyId: merchant.publicKeyId,
    ledgerCurrency: 'EUR',
    productType: 'PayAndShip',
    payloadJSON: payload,
    signature: signer.generateButtonSignature(payload),
    ...overrides,
  };
}

const details = (page: string): string =>
  (/data-testid="error-details">Details: ([^<]*)</.exec(page)?.[1] ?? '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('POST /checkout/button', () => {
  it('creates the session and opens the hosted page in checkoutLanguage', async () => {
    const payload = JSON.stringify({
      webCheckoutDetails: { checkoutReviewReturnUrl: RETURN },
      storeId: merchant.storeId,
    });
    const answer = await browserTab(platform.httpUrl)(
      '/checkout/button',
      button(payload, { checkoutLanguage: 'fr_FR', productType: 'PayOnly' }),
    );
    expect(answer.status).toBe(303);
    const location = new URL(answer.location ?? '');
    expect(location.pathname).toBe('/checkout/start');
    expect(location.searchParams.get('checkoutLanguage')).toBe('fr_FR');
    const session = await client.getCheckoutSession(
      location.searchParams.get('amazonCheckoutSessionId') ?? '',
    );
    expect(session.data).toMatchObject({
      productType: 'PayOnly',
      statusDetails: { state: 'Open' },
    });
  });

  it("answers payload errors with Create Checkout Session's own codes and messages", async () => {
    const cases = [
      {
        webCheckoutDetails: { checkoutReviewReturnUrl: RETURN },
        storeId: merchant.storeId,
        surprise: 1,
      },
      { webCheckoutDetails: { checkoutReviewReturnUrl: RETURN } },
      { webCheckoutDetails: { checkoutReviewReturnUrl: 'not a url' }, storeId: merchant.storeId },
      { webCheckoutDetails: { checkoutReviewReturnUrl: RETURN }, storeId: other.storeId },
    ];
    for (const body of cases) {
      const api = await sdkFailure(client.createCheckoutSession(body, idem()));
      const payload = JSON.stringify(body);
      const page = await browserTab(platform.httpUrl)('/checkout/button', button(payload));
      expect(page.status, payload).toBe(api.status);
      expect(details(page.text), payload).toBe(`${api.data.reasonCode}: ${api.data.message}`);
    }
    const malformed = await browserTab(platform.httpUrl)('/checkout/button', button('{"storeId":'));
    expect(details(malformed.text)).toMatch(/^InvalidRequestFormat: /);
  });

  it("refuses an unknown key, another merchant's key, a key of the other environment and a wrong ledger currency", async () => {
    const payload = JSON.stringify({
      webCheckoutDetails: { checkoutReviewReturnUrl: RETURN },
      storeId: merchant.storeId,
    });
    const open = browserTab(platform.httpUrl);
    const unknown = await open(
      '/checkout/button',
      button(payload, { publicKeyId: 'SANDBOX-NOSUCHKEY0000' }),
    );
    expect([unknown.status, details(unknown.text)]).toEqual([
      403,
      'InvalidAuthentication: The public key id SANDBOX-NOSUCHKEY0000 is not registered.',
    ]);
    const foreign = await open(
      '/checkout/button',
      button(payload, { publicKeyId: other.publicKeyId }, otherClient),
    );
    expect(foreign.status).toBe(401);
    expect(details(foreign.text)).toContain(`does not belong to merchant ${merchant.merchantId}`);
    const live = await open('/checkout/button', button(payload, { sandbox: 'false' }));
    expect(details(live.text)).toMatch(/^UnauthorizedAccess: .*Sandbox key/);
    const ledger = await open('/checkout/button', button(payload, { ledgerCurrency: 'USD' }));
    expect(details(ledger.text)).toContain('ledger currency is EUR');
    const algorithm = await open('/checkout/button', button(payload, { algorithm: 'RSA-SHA1' }));
    expect(details(algorithm.text)).toMatch(/^InvalidParameterValue: The algorithm/);
  });
});

describe('the hosted page a button opens', () => {
  it("asks a Recurring checkout for the buyer's consent", async () => {
    const payload = JSON.stringify({
      webCheckoutDetails: { checkoutReviewReturnUrl: RETURN },
      storeId: merchant.storeId,
      chargePermissionType: 'Recurring',
      recurringMetadata: {
        frequency: { unit: 'Month', value: '1' },
        amount: { amount: '9.99', currencyCode: 'EUR' },
      },
    });
    const open = browserTab(platform.httpUrl);
    const answer = await open('/checkout/button', button(payload));
    expect(answer.status).toBe(303);
    const hosted = await open(
      new URL(answer.location ?? '').pathname + new URL(answer.location ?? '').search,
    );
    expect(hosted.text).toContain('data-testid="consent"');
  });

  it("shows a Live button's developer no details", async () => {
    const live = await platform.createMerchant({ region: 'EU', environment: 'Live' });
    const liveClient = new sdk.WebStoreClient({ ...platform.sdkConfig(live, { sandbox: false }) });
    const payload = JSON.stringify({
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
      storeId: live.storeId,
    });
    const page = await browserTab(platform.httpUrl)('/checkout/button', {
      merchantId: live.merchantId,
      publicKeyId: live.publicKeyId,
      ledgerCurrency: 'EUR',
      payloadJSON: `${payload} `,
      signature: liveClient.generateButtonSignature(payload),
    });
    expect(page.status).toBe(403);
    expect(page.text).not.toContain('error-details');
    expect(page.text).not.toContain('signedString');
  });
});

describe('Amazon Sign-in and Get Buyer', () => {
  async function signIn(payload: object): Promise<string> {
    const text = JSON.stringify(payload);
    const open = browserTab(platform.httpUrl);
    const page = await open(
      '/checkout/button',
      button(text, { productType: 'SignIn', ledgerCurrency: '' }),
    );
    expect(page.status, details(page.text)).toBe(200);
    const form: Record<string, string> = {};
    for (const name of [
      'merchantId',
      'publicKeyId',
      'payloadJSON',
      'signature',
      'algorithm',
      'sandbox',
      'productType',
      'checkoutLanguage',
      'csrf',
      'buyerId',
    ])
      form[name] = inputValue(page.text, name);
    const answer = await open('/checkout/sign-in', form);
    expect(answer.status, answer.text.slice(-400)).toBe(303);
    const location = new URL(answer.location ?? '');
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:3000/signed-in');
    return location.searchParams.get('buyerToken') ?? '';
  }

  it('returns name and email by default, and only those', async () => {
    const token = await signIn({
      signInReturnUrl: 'http://127.0.0.1:3000/signed-in',
      storeId: merchant.storeId,
    });
    const buyer = await client.getBuyer(token);
    expect(buyer.data).toEqual({
      buyerId: expect.stringMatching(/^amzn1\.account\./) as unknown,
      name: expect.any(String) as unknown,
      email: expect.stringContaining('@') as unknown,
      postalCode: null,
      countryCode: null,
      shippingAddress: null,
      billingAddress: null,
      phoneNumber: null,
      primeMembershipTypes: null,
    });
  });

  it("answers the SDK's error paths: another merchant, unknown and expired tokens", async () => {
    const token = await signIn({
      signInReturnUrl: 'http://127.0.0.1:3000/signed-in',
      storeId: merchant.storeId,
      signInScopes: ['phoneNumber', 'billingAddress'],
    });
    const buyer = await client.getBuyer(token);
    expect(buyer.data.billingAddress).toMatchObject({ countryCode: 'DE' });
    expect(buyer.data.name).toBeNull();
    expect(await sdkFailure(otherClient.getBuyer(token))).toMatchObject({
      status: 404,
      data: { reasonCode: 'ResourceNotFound' },
    });
    expect(await sdkFailure(client.getBuyer('amzn1.buyer-token.nosuch'))).toMatchObject({
      status: 404,
      data: { reasonCode: 'ResourceNotFound' },
    });
    await platform.advanceClock(merchant.merchantId, '24h');
    expect(await sdkFailure(client.getBuyer(token))).toMatchObject({
      status: 400,
      data: { reasonCode: 'InvalidParameterValue' },
    });
  });

  it("signs in only to the store's Allowed Return URLs, and the form cannot be retargeted", async () => {
    const open = browserTab(platform.httpUrl);
    const evil = JSON.stringify({
      signInReturnUrl: 'https://evil.example/steal',
      storeId: merchant.storeId,
    });
    const refused = await open('/checkout/button', button(evil, { productType: 'SignIn' }));
    expect(refused.status).toBe(400);
    expect(details(refused.text)).toContain('has not been whitelisted for your application');
    expect(refused.text).not.toContain('sign-in-submit');

    const fine = JSON.stringify({
      signInReturnUrl: 'http://127.0.0.1:3000/signed-in',
      storeId: merchant.storeId,
    });
    const page = await open('/checkout/button', button(fine, { productType: 'SignIn' }));
    const form: Record<string, string> = {};
    for (const name of [
      'merchantId',
      'publicKeyId',
      'payloadJSON',
      'signature',
      'productType',
      'csrf',
      'buyerId',
    ])
      form[name] = inputValue(page.text, name);
    // The payload can only be swapped for another correctly signed one, and the CSRF binding breaks.
    const swapped = await open('/checkout/sign-in', {
      ...form,
      payloadJSON: evil,
      signature: client.generateButtonSignature(evil),
    });
    expect(swapped.status).toBe(403);
    expect(swapped.location).toBeNull();
  });
});
