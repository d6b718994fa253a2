import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../../src/testing/test-platform.js';
import {
  challengedCharge,
  createSession,
  hardDeclinedWallet,
  merchantSite,
  savedWalletSetupSession,
  type MerchantSite,
} from '../support/page-scenarios.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from '../support/sdk-helpers.js';
import {
  expectAccessible,
  focusOrder,
  launchChromium,
  SKIP_BROWSER_SUITES,
  screenshot,
} from './browser-support.js';

/**
 * Issue "Buyer-facing pages", done when: a real Chromium (Debian's, through playwright-core)
 * goes through a Saved Wallet setup checkout, a 202 charge challenge passed, failed and
 * abandoned, a payment method update after HardDeclined, a buyer removing the Saved Wallet, in
 * all five languages, and finds injected merchant text inert. Each page visited is saved under
 * test-output/screenshots/ as <step>-<language>.png.
 */

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });

/** The merchant's own site on loopback: where localpay sends the buyer back to. */
async function startMerchantSite(): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html lang="en"><title>Merchant</title><h1>Back at the merchant</h1></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.skipIf(SKIP_BROWSER_SUITES)('buyer pages in Chromium', () => {
  let browser: Browser;
  let platform: TestPlatform;
  let eu: TestMerchant;
  let client: WebStoreClient;
  let merchantServer: http.Server | undefined;
  let site: MerchantSite;
  const contexts: BrowserContext[] = [];
  /** alert()/confirm() dialogs any page opened: injected script would show up here. */
  let dialogs: string[] = [];

  beforeAll(async () => {
    let merchant: { server: http.Server; base: string };
    [browser, platform, merchant] = await Promise.all([
      launchChromium(),
      createTestPlatform(),
      startMerchantSite(),
    ]);
    merchantServer = merchant.server;
    site = merchantSite(merchant.base);
    eu = await platform.createMerchant({ region: 'EU' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(eu) });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    merchantServer?.closeAllConnections();
    await new Promise((resolve) => merchantServer?.close(resolve) ?? resolve(undefined));
  });

  /** A fresh browser profile speaking `locale`. */
  async function buyerPage(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 800, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return page;
  }

  /** The browser really arrived at the merchant's page (not a browser error page). */
  const expectMerchantPage = async (page: Page) =>
    expect(await page.locator('h1').textContent()).toBe('Back at the merchant');

  const shownCode = async (page: Page) => (await page.getByTestId('otp').textContent()) ?? '';

  it('Saved Wallet setup checkout (en): consent, then the PSD2 challenge of the new mandate', async () => {
    const id = await savedWalletSetupSession(
      client,
      eu,
      { merchantStoreName: 'Berlin Shop' },
      site,
    );
    const page = await buyerPage('en-GB');
    await page.goto(`${platform.httpUrl}/checkout/start?amazonCheckoutSessionId=${id}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Pay with Amazon Pay');
    await expectAccessible(page);
    await screenshot(page, '01-checkout-saved-wallet');

    // Without consent the browser itself refuses (the checkbox is required); with it, on we go.
    await page.getByTestId('instrument-4444').check();
    await page.getByLabel(/Save this payment method/).check();
    await page.getByTestId('continue').click();

    // A Saved Wallet sets up a mandate: in the EU the issuer challenges it (PSD2).
    await page.waitForURL(/\/checkout\/processing/);
    await expectAccessible(page);
    await screenshot(page, '02-checkout-challenge');
    await page.getByLabel('One-time code').fill(await shownCode(page));
    await page.getByTestId('verify').click();
    await page.waitForURL(`${site.result}?amazonCheckoutSessionId=${id}`);
    await expectMerchantPage(page);

    const completed = await client.completeCheckoutSession(id, {}, idem());
    const permission = await client.getChargePermission(String(completed.data.chargePermissionId));
    expect(permission.data).toMatchObject({
      chargePermissionType: 'PaymentMethodOnFile',
      statusDetails: { state: 'Chargeable' },
      paymentPreferences: [{ paymentDescriptor: 'Mastercard ****4444 (Amazon Pay)' }],
    });
  });

  it('202 charge challenge passed (fr), with the keyboard only, in a logical focus order', async () => {
    const { chargeId, redirect, sessionId } = await challengedCharge(
      client,
      platform,
      eu,
      '49.00',
      site,
    );
    const page = await buyerPage('fr-FR');
    await page.goto(redirect);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.locator('h1').textContent()).resolves.toBe('Vérifiez votre paiement');
    await expect(page.getByTestId('amount').textContent()).resolves.toMatch(/49,00\s€/);
    await expectAccessible(page);
    expect(await page.locator('iframe').count()).toBe(0);
    await screenshot(page, '03-challenge-pass');

    // Tab order: the code field, Verify, Cancel, then the language links; focus always visible.
    expect(await focusOrder(page, 4)).toEqual(['code-input', 'verify', 'abandon', 'lang-en']);
    await page.getByTestId('code-input').focus();
    await page.keyboard.type(await shownCode(page));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.result}?amazonCheckoutSessionId=${sessionId}`);
    await expectMerchantPage(page);

    await client.completeCheckoutSession(sessionId, { chargeAmount: eur('49.00') }, idem());
    expect((await client.getCharge(chargeId)).data.statusDetails).toMatchObject({
      state: 'Captured',
    });
  });

  it('202 charge challenge failed (de): a wrong code declines the charge', async () => {
    const { permissionId, chargeId, redirect, sessionId } = await challengedCharge(
      client,
      platform,
      eu,
      '80.00',
      site,
    );
    const page = await buyerPage('de-DE');
    await page.goto(redirect);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await screenshot(page, '04-challenge-fail');
    const wrong = (await shownCode(page)) === '000000' ? '111111' : '000000';
    await page.getByLabel('Einmalcode').fill(wrong);
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await page.waitForURL(`${site.result}?amazonCheckoutSessionId=${sessionId}`);
    await expectMerchantPage(page);

    const failure = await sdkFailure(
      client.completeCheckoutSession(sessionId, { chargeAmount: eur('80.00') }, idem()),
    );
    expect(failure.data.reasonCode).toBe('CheckoutSessionCanceled');
    expect((await client.getCharge(chargeId)).data.statusDetails).toMatchObject({
      state: 'Declined',
    });
    expect((await client.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
      state: 'NonChargeable',
      reasons: [{ reasonCode: 'MFAFailed' }],
    });
  });

  it('202 charge challenge abandoned (it): Cancel returns the buyer, the charge is canceled', async () => {
    const { chargeId, redirect, sessionId } = await challengedCharge(
      client,
      platform,
      eu,
      '80.00',
      site,
    );
    const page = await buyerPage('it-IT');
    await page.goto(redirect);
    expect(await page.getAttribute('html', 'lang')).toBe('it');
    await screenshot(page, '05-challenge-abandon');
    // Abandoning needs no code: the Cancel button skips the form's validation.
    await page.getByRole('button', { name: 'Annulla il pagamento' }).click();
    await page.waitForURL(`${site.result}?amazonCheckoutSessionId=${sessionId}`);
    await expectMerchantPage(page);

    const failure = await sdkFailure(client.completeCheckoutSession(sessionId, {}, idem()));
    expect(failure.data.reasonCode).toBe('CheckoutSessionCanceled');
    expect((await client.getCharge(chargeId)).data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'BuyerCanceled',
    });
  });

  it('payment method update after HardDeclined (es): NonChargeable becomes Chargeable', async () => {
    const permissionId = await hardDeclinedWallet(client, platform, eu);
    const page = await buyerPage('es-ES');
    await page.goto(`${platform.httpUrl}/jr/your-account/ba/${permissionId}`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await expect(page.getByTestId('wallet-state').getAttribute('data-state')).resolves.toBe(
      'NonChargeable',
    );
    await expectAccessible(page);
    await screenshot(page, '06-wallet-hard-declined');

    await page.getByTestId('method-0005').check();
    await page.getByRole('button', { name: 'Actualizar el método de pago' }).click();
    await page.waitForURL(/done=updated/);
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'Tu método de pago se ha actualizado.',
    );
    await screenshot(page, '07-wallet-updated');

    expect((await client.getChargePermission(permissionId)).data).toMatchObject({
      statusDetails: { state: 'Chargeable', reasons: null },
      paymentPreferences: [{ paymentDescriptor: 'Discover ****0005 (Amazon Pay)' }],
    });
    const charge = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: eur('20.00'),
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    expect(charge.data.statusDetails).toMatchObject({ state: 'Captured' });
  });

  it('the buyer removes the Saved Wallet (switching to German with the language links)', async () => {
    const permissionId = await setUpSavedWallet(client, platform, eu);
    const page = await buyerPage('en-GB');
    await page.goto(`${platform.httpUrl}/jr/your-account/ba/${permissionId}`);
    await screenshot(page, '08-wallet');
    await page.getByTestId('lang-de').click();
    await page.waitForURL(/lang=de/);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await screenshot(page, '09-wallet');

    await page.getByLabel(/nicht mehr belasten kann/).check();
    await page.getByTestId('remove-wallet').click();
    await page.waitForURL(/done=removed/);
    // The language choice was remembered across the form post.
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expect(page.getByTestId('wallet-state').getAttribute('data-state')).resolves.toBe(
      'Closed',
    );
    expect(await page.locator('form').count()).toBe(0);
    await screenshot(page, '10-wallet-removed');

    expect((await client.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
      state: 'Closed',
      reasons: [{ reasonCode: 'BuyerClosed' }],
    });
  });

  it('a test buyer named with a script is inert; the buyer switches buyer and picks an address (en)', async () => {
    dialogs = [];
    const na = await platform.createMerchant({ region: 'NA' });
    const naClient = new sdk.WebStoreClient({ ...platform.sdkConfig(na) });
    const hostile = '<img src=x onerror="alert(5)">Eve<script>alert(6)</script>';
    const added = await fetch(
      `${platform.httpUrl}/_localpay/merchants/${na.merchantId}/test-buyers`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: hostile,
          email: 'eve@example.com',
          cardEndings: ['1111', '4444'],
          addresses: [
            {
              name: 'Eve',
              addressLine1: '1 Main St',
              city: 'Boston',
              postalCode: '02101',
              countryCode: 'US',
            },
            {
              name: 'Eve',
              addressLine1: '<b>2</b> Side St',
              city: 'Denver',
              postalCode: '80201',
              countryCode: 'US',
            },
          ],
        }),
      },
    );
    expect(added.status).toBe(201);
    const id = await createSession(naClient, na, {}, site);
    const page = await buyerPage('en-US');
    await page.goto(`${platform.httpUrl}/checkout/start?amazonCheckoutSessionId=${id}`);
    await expectAccessible(page);
    await screenshot(page, '13-checkout-two-buyers');

    await page.getByLabel(/^<img src=x/).check();
    await page.getByTestId('switch-buyer').click();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain(hostile);
    expect(await page.locator('main script, main img, main b').count()).toBe(0);
    await screenshot(page, '14-checkout-buyer-switched');
    await page.getByLabel(/<b>2<\/b> Side St/).check();
    await page.getByTestId('instrument-4444').check();
    await page.getByTestId('continue').click();
    await page.waitForURL(`${site.result}?amazonCheckoutSessionId=${id}`);
    await expectMerchantPage(page);
    expect(dialogs).toEqual([]);

    const session = await naClient.getCheckoutSession(id);
    expect(session.data).toMatchObject({
      buyer: { name: hostile },
      shippingAddress: { city: 'Denver' },
      paymentPreferences: [{ paymentDescriptor: 'Mastercard ****4444 (Amazon Pay)' }],
    });
  });

  it('renders a script in the merchant note or store name inert, refuses a forged CSRF token, and cancel goes to checkoutCancelUrl', async () => {
    dialogs = [];
    const id = await savedWalletSetupSession(
      client,
      eu,
      {
        noteToBuyer: '<script>window.pwned=1;alert("note")</script><img src=x onerror="alert(2)">',
        merchantStoreName: '"><svg onload=alert(3)>',
      },
      site,
    );
    const page = await buyerPage('en-US');
    await page.goto(`${platform.httpUrl}/checkout/start?amazonCheckoutSessionId=${id}`);
    await screenshot(page, '11-checkout-hostile-merchant-text');
    await expect(page.getByTestId('note-to-buyer').textContent()).resolves.toContain(
      '<script>window.pwned=1;alert("note")</script>',
    );
    expect(await page.locator('main script, main img, main svg').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: unknown }).pwned)).toBeUndefined();

    // A token tampered with in the page is refused with a readable 403 page.
    await page.locator('input[name="csrf"]').evaluate((input) => {
      (input as unknown as { value: string }).value = 'forged';
    });
    await page.getByTestId('consent').check();
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByTestId('continue').click(),
    ]);
    expect(refused.status()).toBe(403);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('did not come from');
    await screenshot(page, '12-csrf-refused');

    await page.goBack();
    await page.reload();
    await page.getByTestId('cancel').click();
    await page.waitForURL(`${site.cancel}?amazonCheckoutSessionId=${id}`);
    await expectMerchantPage(page);
    expect(dialogs).toEqual([]);
    expect((await client.getCheckoutSession(id)).data.statusDetails).toMatchObject({
      state: 'Canceled',
      reasonCode: 'BuyerCanceled',
    });
  });
});
