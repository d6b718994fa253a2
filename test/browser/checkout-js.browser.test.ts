import { copyFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../../src/testing/test-platform.js';
import { idem, type WebStoreClient } from '../support/sdk-helpers.js';
import {
  launchChromium,
  SKIP_BROWSER_SUITES,
  SCREENSHOT_DIR,
  screenshot,
} from './browser-support.js';

/**
 * Issue 11 in Chromium: merchant pages whose Amazon Pay markup and JavaScript are Amazon's own
 * (developer.amazon.com, "Add the Amazon Pay button", "Amazon Sign-in", "Decoupled button",
 * "bindChangeAction") with only the script's host changed, payloads signed by the official Node
 * SDK's generateButtonSignature. The button opens localpay's hosted checkout; the buyer returns
 * to the merchant with amazonCheckoutSessionId (or, signing in, with a buyerToken for getBuyer).
 */

const DOCS_SCREENSHOTS = path.resolve('docs', 'screenshots');

type Algorithm = 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2';

interface Signed {
  readonly payload: string;
  readonly signature: string;
  readonly algorithm: Algorithm;
}

/** Amazon's "Render the button" sample (environment-specific keys), values filled in. */
function buttonPage(localpay: string, merchant: TestMerchant, signed: Signed, extra = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cart</title></head>
<body>
    <h1>Your cart</h1>
    <div id="AmazonPayButton"></div>
    <script src="${localpay}/checkout.js"></script>
    <script type="text/javascript" charset="utf-8">
        const amazonPayButton = amazon.Pay.renderButton('#AmazonPayButton', {
            // set checkout environment
            merchantId: '${merchant.merchantId}',
            publicKeyId: '${merchant.publicKeyId}',
            ledgerCurrency: 'USD',
            // customize the buyer experience
            checkoutLanguage: 'en_US',
            productType: 'PayAndShip',
            placement: 'Cart',
            buttonColor: 'Gold',
            estimatedOrderAmount: { "amount": "109.99", "currencyCode": "USD"},
            // configure Create Checkout Session request
            createCheckoutSessionConfig: {
                payloadJSON: ${JSON.stringify(signed.payload)}, // string generated in step 2
                signature: '${signed.signature}', // signature generated in step 3
                algorithm: '${signed.algorithm}'
            }
        });
        ${extra}
    </script>
</body></html>`;
}

/** Amazon's "Decoupled button" sample: the click runs the merchant's code, which starts checkout. */
function decoupledPage(localpay: string, merchant: TestMerchant, signed: Signed): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cart</title></head>
<body>
    <div id="AmazonPayButton"></div>
    <p id="status">ready</p>
    <script src="${localpay}/checkout.js"></script>
    <script type="text/javascript" charset="utf-8">
        const amazonPayButton = amazon.Pay.renderButton('#AmazonPayButton', {
            merchantId: '${merchant.merchantId}',
            publicKeyId: '${merchant.publicKeyId}',
            ledgerCurrency: 'USD',
            checkoutLanguage: 'de_DE',
            productType: 'PayOnly',
            placement: 'Checkout',
            buttonColor: 'LightGray'
        });
        amazonPayButton.onClick(function(){
            // define your custom actions here
            document.getElementById('status').textContent = 'clicked';
            amazonPayButton.initCheckout({
                estimatedOrderAmount: { "amount": "109.99", "currencyCode": "USD"},
                createCheckoutSessionConfig: {
                    payloadJSON: ${JSON.stringify(signed.payload)},
                    signature: '${signed.signature}',
                    algorithm: '${signed.algorithm}'
                }
            });
        });
    </script>
</body></html>`;
}

/** Amazon's "Amazon Sign-in" sample. */
function signInPage(localpay: string, merchant: TestMerchant, signed: Signed): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body>
    <div id="AmazonPayButton"></div>
    <script src="${localpay}/checkout.js"></script>
    <script type="text/javascript" charset="utf-8">
        amazon.Pay.renderButton('#AmazonPayButton', {
            // set checkout environment
            merchantId: '${merchant.merchantId}',
            publicKeyId: '${merchant.publicKeyId}',
            ledgerCurrency: 'USD',
            // customize the buyer experience
            checkoutLanguage: 'en_US',
            productType: 'SignIn',
            placement: 'Cart',
            buttonColor: 'Gold',
            // configure sign in
            signInConfig: {
                payloadJSON: ${JSON.stringify(signed.payload)}, // string generated in step 2
                signature: '${signed.signature}', // signature generated in step 3
                algorithm: '${signed.algorithm}'
            }
        });
    </script>
</body></html>`;
}

/** The merchant's review page with Amazon's "bindChangeAction" sample. */
function reviewPage(localpay: string, sessionId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Review</title></head>
<body>
    <h1>Review your order</h1>
    <p id="session">${sessionId}</p>
    <a href="#" id="changeButton1">Change address</a>
    <a href="#" id="changeButton2">Change payment method</a>
    <script src="${localpay}/checkout.js"></script>
    <script type="text/javascript" charset="utf-8">
        amazon.Pay.bindChangeAction('#changeButton1', {
          amazonCheckoutSessionId: '${sessionId}',
          changeAction: 'changeAddress'
        });
        amazon.Pay.bindChangeAction('#changeButton2', {
          amazonCheckoutSessionId: '${sessionId}',
          changeAction: 'changePayment'
        });
    </script>
</body></html>`;
}

describe.skipIf(SKIP_BROWSER_SUITES)('checkout.js in Chromium', () => {
  let browser: Browser;
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: WebStoreClient;
  let v2client: WebStoreClient;
  let server: http.Server;
  let site = '';
  /** What the merchant's pages serve: path → HTML, set by each test. */
  const pages = new Map<string, () => string>();

  beforeAll(async () => {
    [browser, platform] = await Promise.all([launchChromium(), createTestPlatform()]);
    merchant = await platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    v2client = new sdk.WebStoreClient({
      ...platform.sdkConfig(merchant, { algorithm: 'AMZN-PAY-RSASSA-PSS-V2' }),
    });
    server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', site);
      const sessionId = url.searchParams.get('amazonCheckoutSessionId');
      const page =
        url.pathname === '/review' && sessionId
          ? reviewPage(platform.httpUrl, sessionId)
          : pages.get(url.pathname)?.();
      response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        page ?? `<!doctype html><title>${url.pathname}</title><p id="landed">${url.pathname}</p>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await browser?.close();
    await platform?.close();
  });

  const sign = (payload: object, algorithm: Algorithm): Signed => {
    const text = JSON.stringify(payload);
    const signer = algorithm === 'AMZN-PAY-RSASSA-PSS-V2' ? v2client : client;
    return { payload: text, signature: signer.generateButtonSignature(text), algorithm };
  };

  async function tab(): Promise<Page> {
    const context = await browser.newContext();
    return context.newPage();
  }

  /**
   * Saves a step to test-output/screenshots/; with UPDATE_SCREENSHOTS=1 (or the shop suite's
   * SHOP_UPDATE_SCREENSHOTS=1) also to docs/screenshots/, the pictures of docs/checkout-js.md.
   */
  async function shot(page: Page, step: string): Promise<void> {
    await screenshot(page, step);
    if (process.env.UPDATE_SCREENSHOTS !== '1' && process.env.SHOP_UPDATE_SCREENSHOTS !== '1')
      return;
    await mkdir(DOCS_SCREENSHOTS, { recursive: true });
    const lang = (await page.getAttribute('html', 'lang')) ?? 'xx';
    await copyFile(
      path.join(SCREENSHOT_DIR, `${step}-${lang}.png`),
      path.join(DOCS_SCREENSHOTS, `${step}.png`),
    );
  }

  /** Opens a merchant page, clicks its Amazon Pay button, and waits for the hosted checkout. */
  async function clickToHostedCheckout(path: string): Promise<Page> {
    const page = await tab();
    await page.goto(`${site}${path}`);
    await page.getByTestId('amazon-pay-button').click();
    await page.waitForURL(/\/checkout\/start\?/, { timeout: 20_000 });
    return page;
  }

  const returnedSessionId = (page: Page): string =>
    new URL(page.url()).searchParams.get('amazonCheckoutSessionId') ?? '';

  it('button → hosted checkout → review page, bindChangeAction, then Complete', async () => {
    pages.set('/cart', () =>
      buttonPage(
        platform.httpUrl,
        merchant,
        sign(
          {
            webCheckoutDetails: { checkoutReviewReturnUrl: `${site}/review` },
            storeId: merchant.storeId,
            scopes: ['name', 'email', 'phoneNumber', 'billingAddress'],
          },
          'AMZN-PAY-RSASSA-PSS-V2',
        ),
      ),
    );
    const page = await tab();
    await page.goto(`${site}/cart`);
    const button = page.getByTestId('amazon-pay-button');
    await expect.poll(() => button.textContent()).toBe('Amazon Pay');
    await shot(page, 'checkout-js-01-button');
    await button.click();
    await page.waitForURL(/\/checkout\/start\?/, { timeout: 20_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await shot(page, 'checkout-js-02-hosted-checkout');
    await page.getByTestId('continue').click();
    await page.waitForURL(/\/review\?/, { timeout: 20_000 });
    const sessionId = returnedSessionId(page);
    expect(await page.textContent('#session')).toBe(sessionId);
    await shot(page, 'checkout-js-03-review');

    // bindChangeAction: back to the hosted page for the same session, another card, back again.
    await page.click('#changeButton2');
    await page.waitForURL(/\/checkout\/start\?/, { timeout: 20_000 });
    expect(returnedSessionId(page)).toBe(sessionId);
    await page.getByTestId('instrument-4444').check();
    await page.getByTestId('continue').click();
    await page.waitForURL(/\/review\?/, { timeout: 20_000 });
    expect(returnedSessionId(page)).toBe(sessionId);

    const read = await client.getCheckoutSession(sessionId);
    expect(read.data.productType).toBe('PayAndShip');
    expect(JSON.stringify(read.data.paymentPreferences)).toContain('4444');
    const updated = await client.updateCheckoutSession(sessionId, {
      webCheckoutDetails: { checkoutResultReturnUrl: `${site}/result` },
      paymentDetails: {
        paymentIntent: 'AuthorizeWithCapture',
        chargeAmount: { amount: '109.99', currencyCode: 'USD' },
      },
    });
    const redirect = String(
      (updated.data.webCheckoutDetails as { amazonPayRedirectUrl: string }).amazonPayRedirectUrl,
    );
    await page.goto(redirect);
    await page.waitForURL(/\/result\?/, { timeout: 20_000 });
    const completed = await client.completeCheckoutSession(
      sessionId,
      { chargeAmount: { amount: '109.99', currencyCode: 'USD' } },
      idem(),
    );
    expect(completed.data.statusDetails).toMatchObject({ state: 'Completed' });
    await page.context().close();
  });

  it('the decoupled button (onClick + initCheckout) opens the hosted page in its checkoutLanguage', async () => {
    pages.set('/decoupled', () =>
      decoupledPage(
        platform.httpUrl,
        merchant,
        sign(
          {
            webCheckoutDetails: { checkoutReviewReturnUrl: `${site}/review` },
            storeId: merchant.storeId,
          },
          'AMZN-PAY-RSASSA-PSS',
        ),
      ),
    );
    const page = await clickToHostedCheckout('/decoupled');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    const sessionId = new URL(page.url()).searchParams.get('amazonCheckoutSessionId') ?? '';
    expect((await client.getCheckoutSession(sessionId)).data.productType).toBe('PayOnly');
    await page.context().close();
  });

  it('a Saved Wallet setup asks for consent and returns with amazonCheckoutSessionId', async () => {
    pages.set('/wallet', () =>
      buttonPage(
        platform.httpUrl,
        merchant,
        sign(
          {
            webCheckoutDetails: { checkoutResultReturnUrl: `${site}/wallet-ready` },
            storeId: merchant.storeId,
            chargePermissionType: 'PaymentMethodOnFile',
            paymentMethodOnFileMetadata: { setupOnly: true },
            paymentDetails: { paymentIntent: 'Confirm' },
          },
          'AMZN-PAY-RSASSA-PSS-V2',
        ),
      ),
    );
    const page = await clickToHostedCheckout('/wallet');
    await shot(page, 'checkout-js-04-saved-wallet-consent');
    await page.getByTestId('consent').check();
    await page.getByTestId('continue').click();
    await page.waitForURL(/\/wallet-ready\?/, { timeout: 20_000 });
    const completed = await client.completeCheckoutSession(returnedSessionId(page), {}, idem());
    const permission = await client.getChargePermission(String(completed.data.chargePermissionId));
    expect(permission.data.chargePermissionType).toBe('PaymentMethodOnFile');
    await page.context().close();
  });

  it('ProcessOrder pays on the hosted page and returns to checkoutResultReturnUrl', async () => {
    pages.set('/buy-now', () =>
      buttonPage(
        platform.httpUrl,
        merchant,
        sign(
          {
            webCheckoutDetails: {
              checkoutMode: 'ProcessOrder',
              checkoutResultReturnUrl: `${site}/result`,
            },
            storeId: merchant.storeId,
            paymentDetails: {
              paymentIntent: 'AuthorizeWithCapture',
              chargeAmount: { amount: '12.50', currencyCode: 'USD' },
            },
            addressDetails: {
              name: 'Paul Smith',
              addressLine1: '9999 First Avenue',
              city: 'New York',
              stateOrRegion: 'NY',
              postalCode: '10016',
              countryCode: 'US',
              phoneNumber: '212555555',
            },
          },
          'AMZN-PAY-RSASSA-PSS-V2',
        ),
      ),
    );
    const page = await clickToHostedCheckout('/buy-now');
    await page.getByTestId('continue').click();
    await page.waitForURL(/\/result\?/, { timeout: 20_000 });
    const completed = await client.completeCheckoutSession(
      returnedSessionId(page),
      { chargeAmount: { amount: '12.50', currencyCode: 'USD' } },
      idem(),
    );
    expect(completed.data.statusDetails).toMatchObject({ state: 'Completed' });
    const charge = await client.getCharge(String(completed.data.chargeId));
    expect(charge.data.statusDetails).toMatchObject({ state: 'Captured' });
    await page.context().close();
  });

  it("Amazon Sign-in returns a buyerToken the SDK's getBuyer reads, with the scoped fields", async () => {
    pages.set('/sign-in', () =>
      signInPage(
        platform.httpUrl,
        merchant,
        sign(
          {
            signInReturnUrl: `${site}/signed-in`,
            storeId: merchant.storeId,
            signInScopes: ['name', 'email', 'postalCode', 'shippingAddress'],
          },
          'AMZN-PAY-RSASSA-PSS-V2',
        ),
      ),
    );
    const page = await tab();
    await page.goto(`${site}/sign-in`);
    await shot(page, 'checkout-js-05-sign-in-button');
    await page.getByTestId('amazon-sign-in-button').click();
    await page.waitForURL(/\/checkout\/button/, { timeout: 20_000 });
    await shot(page, 'checkout-js-06-sign-in');
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/signed-in\?/, { timeout: 20_000 });
    const buyerToken = new URL(page.url()).searchParams.get('buyerToken') ?? '';
    const buyer = await client.getBuyer(buyerToken);
    expect(buyer.status).toBe(200);
    expect(buyer.data).toMatchObject({
      buyerId: expect.stringMatching(/^amzn1\.account\./) as unknown,
      name: expect.any(String) as unknown,
      email: expect.stringContaining('@') as unknown,
      postalCode: '60602',
      countryCode: 'US',
      phoneNumber: null,
      billingAddress: null,
      primeMembershipTypes: null,
    });
    expect(buyer.data.shippingAddress).toMatchObject({ postalCode: '60602', countryCode: 'US' });
    await page.context().close();
  });

  it('refuses a tampered payload or signature with the error page, naming what was verified', async () => {
    const good = sign(
      {
        webCheckoutDetails: { checkoutReviewReturnUrl: `${site}/review` },
        storeId: merchant.storeId,
      },
      'AMZN-PAY-RSASSA-PSS-V2',
    );
    const tampered = { ...good, payload: good.payload.replace('/review', '/elsewhere') };
    const badSignature = {
      ...good,
      signature: `${good.signature.slice(0, 10)}A${good.signature.slice(11)}`,
    };
    for (const [name, signed] of [
      ['tampered-payload', tampered],
      ['tampered-signature', badSignature],
    ] as const) {
      pages.set(`/${name}`, () => buttonPage(platform.httpUrl, merchant, signed));
      const page = await tab();
      await page.goto(`${site}/${name}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/checkout/button')),
        page.getByTestId('amazon-pay-button').click(),
      ]);
      expect(response.status(), name).toBe(403);
      await page.waitForSelector('[data-testid="error-details"]');
      const details = (await page.textContent('[data-testid="error-details"]')) ?? '';
      expect(details).toContain('InvalidRequestSignature');
      expect(details).toContain('AMZN-PAY-RSASSA-PSS-V2');
      expect(details).toContain(merchant.publicKeyId);
      if (name === 'tampered-payload') await shot(page, 'checkout-js-07-tampered-payload');
      expect(page.url()).not.toContain('/elsewhere');
      await page.context().close();
    }
  });
});
