import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyerPage,
  flash,
  shot,
  startShop,
  textOf,
  type ShopUnderTest,
} from '../shop/shop-harness.js';
import { launchChromium, SKIP_BROWSER_SUITES } from './browser-support.js';

/**
 * Issue 11 point 5 in Chromium: the reference shop's "Sign in with Amazon" (checkout.js, productType
 * SignIn, payload signed by the shop with the SDK's generateButtonSignature) returns the buyer
 * with a buyerToken, and the shop greets them with what Get Buyer answered.
 */

describe.skipIf(SKIP_BROWSER_SUITES)('reference shop: Sign in with Amazon', () => {
  let browser: Browser;
  let t: ShopUnderTest;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchChromium(), startShop()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in with Amazon and shows the buyer Get Buyer returned (de)', async () => {
    const page = await buyerPage(browser, 'de-DE');
    await page.goto(`${t.url}/`);
    await page.getByTestId('amazon-sign-in-button').click();
    await page.waitForURL(/\/checkout\/button/, { timeout: 20_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await shot(page, 'v2-20-amazon-sign-in');
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${t.url}/`, { timeout: 20_000 });
    expect(await flash(page)).toMatch(
      /^Willkommen, .+! Sie sind mit Amazon angemeldet \(.+@.+\)\.$/,
    );
    expect(await textOf(page, 'signed-in-buyer')).toMatch(/@/);
    expect(await page.getByTestId('amazon-sign-in-button').count()).toBe(0);
    await page.context().close();
  });
});
