import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../../src/testing/test-platform.js';
import { connectV1, type V1Client } from '../support/mws-client.js';
import { launchChromium, SKIP_BROWSER_SUITES, screenshot } from './browser-support.js';

/**
 * Seed 000 in a real Chromium: a merchant page loads localpay's Widgets.js, the buyer signs in with
 * the button, picks an address and a card in the AddressBook and Wallet widgets; the Buy now click
 * calls OffAmazonPayments.initConfirmationFlow first, the page's ajax call reaches the merchant's
 * backend, which confirms the order reference with the unmodified amazon-payments client;
 * success() leads through the challenge back to the merchant with AuthenticationStatus, and the
 * error() path keeps the buyer on the merchant page.
 */

function checkoutPage(localpay: string, merchant: TestMerchant): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Merchant checkout</title></head>
<body>
<h1>Merchant checkout</h1>
<div id="login"></div><div id="addressBook"></div><div id="wallet"></div>
<p id="status">waiting</p>
<button id="buy-now" type="button">Buy now</button>
<button id="buy-now-broken" type="button">Buy now (backend fails)</button>
<script>
  var sellerId = ${JSON.stringify(merchant.merchantId)};
  var orderReferenceId = null;
  window.onAmazonLoginReady = function () {
    amazon.Login.setClientId(${JSON.stringify(merchant.storeId)});
    amazon.Login.setUseCookie(true);
  };
  window.onAmazonPaymentsReady = function () {
    if (!new URLSearchParams(location.search).has('access_token')) {
      OffAmazonPayments.Button('login', sellerId, {
        type: 'PwA',
        authorization: function () {
          amazon.Login.authorize({ scope: 'profile payments:widget payments:shipping_address', popup: false }, location.href);
        },
      });
      return;
    }
    new OffAmazonPayments.Widgets.AddressBook({
      sellerId: sellerId,
      onOrderReferenceCreate: function (orderReference) {
        orderReferenceId = orderReference.getAmazonOrderReferenceId();
        document.getElementById('status').textContent = 'created ' + orderReferenceId;
      },
      onAddressSelect: function () { document.getElementById('status').textContent = 'address selected'; },
      onError: function (e) { document.getElementById('status').textContent = 'error ' + e.getErrorCode(); },
    }).bind('addressBook');
    new OffAmazonPayments.Widgets.Wallet({
      sellerId: sellerId,
      onPaymentSelect: function () { document.getElementById('status').textContent = 'payment selected'; },
      onError: function (e) { document.getElementById('status').textContent = 'error ' + e.getErrorCode(); },
    }).bind('wallet');
  };
  function buy(path) {
    // Seed 000: initConfirmationFlow is the first call after the click.
    OffAmazonPayments.initConfirmationFlow(sellerId, orderReferenceId, function (confirmationFlow) {
      fetch(path + '?id=' + encodeURIComponent(orderReferenceId), { method: 'POST' })
        .then(function (response) {
          if (response.ok) confirmationFlow.success();
          else {
            confirmationFlow.error();
            document.getElementById('status').textContent = 'order failed, still here';
          }
        })
        .catch(function () { confirmationFlow.error(); });
    });
  }
  document.getElementById('buy-now').addEventListener('click', function () { buy('/place-order'); });
  document.getElementById('buy-now-broken').addEventListener('click', function () { buy('/place-order-broken'); });
</script>
<script src="${localpay}/OffAmazonPayments/de/sandbox/lpa/js/Widgets.js"></script>
</body></html>`;
}

describe.skipIf(SKIP_BROWSER_SUITES)('v1 Widgets.js and the Confirmation Flow in Chromium', () => {
  let browser: Browser;
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: V1Client;
  let server: http.Server;
  let site = '';
  const confirmed: string[] = [];

  beforeAll(async () => {
    [browser, platform] = await Promise.all([launchChromium(), createTestPlatform()]);
    merchant = await platform.createMerchant({ region: 'EU' });
    client = await connectV1(platform, merchant);
    server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', site);
      const send = (status: number, type: string, body: string) => {
        response.writeHead(status, { 'content-type': type });
        response.end(body);
      };
      if (url.pathname === '/checkout')
        return send(200, 'text/html; charset=utf-8', checkoutPage(platform.httpUrl, merchant));
      if (url.pathname === '/place-order-broken')
        return send(500, 'application/json', '{"error":"backend down"}');
      if (url.pathname === '/place-order') {
        // The merchant's backend: set the amount, then ConfirmOrderReference with the seed's URLs.
        const id = url.searchParams.get('id') ?? '';
        void (async () => {
          try {
            await client.call('SetOrderReferenceDetails', {
              AmazonOrderReferenceId: id,
              OrderReferenceAttributes: {
                OrderTotal: { Amount: '120.00', CurrencyCode: 'EUR' },
                SellerNote: 'Browser order',
              },
            });
            await client.call('ConfirmOrderReference', {
              AmazonOrderReferenceId: id,
              SuccessUrl: `${site}/OrderConfirmed`,
              FailureUrl: `${site}/OrderFailed`,
              AuthorizationAmount: { Amount: '120.00', CurrencyCode: 'EUR' },
            });
            confirmed.push(id);
            send(200, 'application/json', '{"ok":true}');
          } catch (error) {
            send(500, 'application/json', JSON.stringify({ error: String(error) }));
          }
        })();
        return;
      }
      return send(
        200,
        'text/html; charset=utf-8',
        `<!doctype html><html lang="en"><title>Merchant</title><h1>Back at the merchant</h1><p id="query">${url.search.replace(/[<>&]/g, '')}</p></html>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await platform?.close();
  });

  async function signedInWithChoices(page: Page): Promise<string> {
    await page.goto(`${site}/checkout`);
    await page.getByTestId('amazon-pay-button').click();
    await page.waitForURL(/\/ap\/oa/);
    await screenshot(page, 'v1-01-login');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/access_token=/);
    await page.getByTestId('address-0').click();
    await expect.poll(() => page.textContent('#status')).toBe('address selected');
    await page.getByTestId('card-1111').click();
    await expect.poll(() => page.textContent('#status')).toBe('payment selected');
    await screenshot(page, 'v1-02-widgets');
    const id = await page.evaluate(
      () => (globalThis as unknown as { orderReferenceId: string }).orderReferenceId,
    );
    expect(id).toMatch(/^S02-\d{7}-\d{7}$/);
    return id;
  }

  it('error() keeps the buyer on the merchant page; success() leads through the challenge to AuthenticationStatus=Success', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const id = await signedInWithChoices(page);

      await page.click('#buy-now-broken');
      await expect.poll(() => page.textContent('#status')).toBe('order failed, still here');
      expect(new URL(page.url()).pathname).toBe('/checkout');
      expect(await page.getByTestId('confirmation-flow-overlay').count()).toBe(0);
      const draft = await client.call('GetOrderReferenceDetails', { AmazonOrderReferenceId: id });
      expect(draft.OrderReferenceDetails.OrderReferenceStatus.State).toBe('Draft');

      await page.click('#buy-now');
      await page.waitForURL(/\/confirmation-flow\?/);
      expect(confirmed).toContain(id);
      await screenshot(page, 'v1-03-challenge');
      const code = (await page.getByTestId('otp').textContent())?.trim() ?? '';
      await page.getByTestId('code-input').fill(code);
      await page.getByTestId('verify').click();
      await page.waitForURL(/\/OrderConfirmed/);
      await screenshot(page, 'v1-04-back-at-merchant');
      expect(new URL(page.url()).searchParams.get('AuthenticationStatus')).toBe('Success');

      const authorized = await client.call('Authorize', {
        AmazonOrderReferenceId: id,
        AuthorizationReferenceId: 'browser-1',
        AuthorizationAmount: { Amount: '120.00', CurrencyCode: 'EUR' },
        TransactionTimeout: 0,
      });
      expect(authorized.AuthorizationDetails.AuthorizationStatus.State).toBe('Open');
    } finally {
      await context.close();
    }
  });

  it('abandoning the challenge returns to the FailureUrl with AuthenticationStatus=Abandoned', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signedInWithChoices(page);
      await page.click('#buy-now');
      await page.waitForURL(/\/confirmation-flow\?/);
      await page.getByTestId('abandon').click();
      await page.waitForURL(/\/OrderFailed/);
      expect(new URL(page.url()).searchParams.get('AuthenticationStatus')).toBe('Abandoned');
    } finally {
      await context.close();
    }
  });
});
