import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../../src/testing/test-platform.js';
import { launchChromium, SKIP_BROWSER_SUITES, screenshot } from './browser-support.js';

/**
 * Issue 10 point 4 in Chromium: Widgets.js's Login with Amazon popup posts the token to the
 * opener only when the opener's origin is one of the store's Allowed JavaScript Origins, and
 * targets exactly that origin.
 */

const page = (localpay: string, merchant: TestMerchant) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Merchant</title></head><body>
<button id="login" type="button">Login with Amazon</button><p id="status">waiting</p>
<script>
  window.onAmazonLoginReady = function () { amazon.Login.setClientId(${JSON.stringify(merchant.storeId)}); };
  document.getElementById('login').addEventListener('click', function () {
    amazon.Login.authorize({ scope: 'profile' }, function (response) {
      document.getElementById('status').textContent = response.access_token ? 'token ' + response.access_token.slice(0, 5) : 'no token';
    });
  });
</script>
<script src="${localpay}/OffAmazonPayments/de/sandbox/lpa/js/Widgets.js"></script>
</body></html>`;

describe.skipIf(SKIP_BROWSER_SUITES)('Login with Amazon popup in Chromium', () => {
  let browser: Browser;
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let server: http.Server;
  let site = '';

  beforeAll(async () => {
    [browser, platform] = await Promise.all([launchChromium(), createTestPlatform()]);
    merchant = await platform.createMerchant({ region: 'EU' });
    server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page(platform.httpUrl, merchant));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await browser?.close();
    await platform?.close();
  });

  async function tryLogin() {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${site}/shop`);
    const [popup] = await Promise.all([context.waitForEvent('page'), tab.click('#login')]);
    await popup.waitForLoadState();
    return { context, tab, popup };
  }

  it('hands the token to a registered origin', async () => {
    const { context, tab, popup } = await tryLogin();
    await popup.click('[data-testid="login-submit"]');
    await tab.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { getElementById(id: string): { textContent: string } };
          }
        ).document.getElementById('status').textContent !== 'waiting',
      undefined,
      { timeout: 20_000 },
    );
    expect(await tab.textContent('#status')).toBe('token Atza|');
    await context.close();
  });

  it('refuses an origin the store has not registered: error page, no token', async () => {
    const response = await fetch(
      `${platform.httpUrl}/_localpay/merchants/${merchant.merchantId}/stores/${merchant.storeId}`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ allowedJavaScriptOrigins: ['https://shop.example'] }),
      },
    );
    expect(response.status).toBe(200);
    const { context, tab, popup } = await tryLogin();
    expect(await popup.textContent('[data-testid="error-details"]')).toContain(
      'has not been whitelisted',
    );
    expect(await popup.locator('[data-testid="login-submit"]').count()).toBe(0);
    await screenshot(popup, 'lwa-popup-unregistered-origin');
    expect(await tab.textContent('#status')).toBe('waiting');
    await context.close();
  });
});
