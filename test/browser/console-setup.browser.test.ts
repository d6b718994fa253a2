import { generateKeyPairSync } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../../src/testing/test-platform.js';
import { idem, setUpSavedWallet } from '../support/sdk-helpers.js';
import { axeViolations } from './axe.js';
import { launchChromium, SKIP_BROWSER_SUITES } from './browser-support.js';

/**
 * Issue 14 points 1, 2, 5 and 6 in Chromium: the merchant's setup page (test buyers, keys, IPN
 * endpoints and chaos) used with JavaScript off, its refusals shown by their form; disputes,
 * reports and delivery trackers listed and shown; logging in to and out of a console protected by
 * an admin token. axe-core checks every view; each is saved to docs/screenshots/console-*.png.
 */
const SHOTS = path.resolve('docs', 'screenshots');
const TOKEN = 'browser-console-s3cret';

const compact = (at: number) =>
  new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

describe.skipIf(SKIP_BROWSER_SUITES)(
  'console setup, back-office objects and login in Chromium',
  () => {
    let browser: Browser;
    let platform: TestPlatform;
    let guarded: TestPlatform;
    let merchant: TestMerchant;
    let disputeId: string;
    let reportId: string;
    let chargeId: string;
    let permissionId: string;

    beforeAll(async () => {
      platform = await createTestPlatform();
      guarded = await createTestPlatform({ adminToken: TOKEN });
      merchant = await platform.createMerchant({ region: 'EU' });
      const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
      permissionId = await setUpSavedWallet(client, platform, merchant);
      const charge = await client.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: { amount: '19.99', currencyCode: 'EUR' },
          chargeInitiator: 'MITR',
          captureNow: true,
        },
        idem(),
      );
      chargeId = String(charge.data.chargeId);
      const dispute = await fetch(`${platform.httpUrl}/_localpay/disputes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chargeId }),
      });
      disputeId = String(((await dispute.json()) as { disputeId: string }).disputeId);
      await client.deliveryTrackers(
        {
          chargePermissionId: permissionId,
          deliveryDetails: [{ trackingNumber: '1Z999AA10123456784', carrierCode: 'UPS' }],
        },
        idem(),
      );
      const report = await client.createReport(
        {
          reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
          startTime: compact(Date.now() - 86_400_000),
          endTime: compact(Date.now()),
        },
        idem(),
      );
      reportId = String(report.data.reportId);
      browser = await launchChromium();
      await mkdir(SHOTS, { recursive: true });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await platform?.close();
      await guarded?.close();
    });

    async function check(page: Page, shot: string): Promise<void> {
      expect(await axeViolations(page), page.url()).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `console-${shot}.png`), fullPage: true });
    }

    async function visit(page: Page, url: string, shot: string): Promise<void> {
      const response = await page.goto(`${platform.httpUrl}${url}`);
      expect(response?.status(), url).toBe(200);
      await check(page, shot);
    }

    /** A page of a browser with JavaScript off: the forms must work without it. */
    async function withoutScript(work: (page: Page) => Promise<void>): Promise<void> {
      const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false });
      try {
        await work(await context.newPage());
      } finally {
        await context.close();
      }
    }

    it('sets the merchant up from its setup page with JavaScript off', async () => {
      const setup = `${platform.httpUrl}/console/merchants/${merchant.merchantId}/setup`;
      await withoutScript(async (page) => {
        await page.goto(`${platform.httpUrl}/console/merchants/${merchant.merchantId}`);
        await page.click('[data-testid=setup-link]');
        expect(page.url()).toBe(setup);

        const buyerForm = page.locator('[data-testid=buyer-form]');
        await buyerForm.getByLabel('Name').fill('Robin Tester');
        await buyerForm.getByLabel('Email').fill('robin@example.com');
        await buyerForm.getByLabel(/\*\*\*\*0000 — simulates/).uncheck();
        await page.click('[data-testid=add-buyer]');
        expect(await page.textContent('[data-testid=setup-notice]')).toMatch(/Added test buyer/);
        expect(await page.textContent('main')).toContain(
          'Visa ****4354 (Amazon Pay): simulates a pending authorization that is then hard declined',
        );

        await page.fill('[data-testid=key-pem]', 'not a key');
        await page.click('[data-testid=register-key]');
        expect(await page.textContent('[data-testid=key-error]')).toContain(
          'it must be an RSA public key in PEM form.',
        );
        const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
          .publicKey.export({ type: 'spki', format: 'pem' })
          .toString();
        await page.fill('[data-testid=key-pem]', pem);
        await page.click('[data-testid=register-key]');
        expect(await page.textContent('[data-testid=setup-notice]')).toMatch(
          /Registered public key SANDBOX-[A-Z0-9]+/,
        );

        await page.fill('[data-testid=endpoint-Sandbox]', 'https://shop.example/ipn');
        await page.click('[data-testid=save-endpoint-Sandbox]');
        const ipnForm = page.locator('[data-testid=ipn-form]');
        await ipnForm.getByLabel('Duplicate rate').fill('0.5');
        await page.click('[data-testid=save-ipn]');
        expect(await page.textContent('[data-testid=setup-notice]')).toContain(
          'Saved the IPN settings.',
        );
        expect(await page.inputValue('[data-testid=endpoint-Sandbox]')).toBe(
          'https://shop.example/ipn',
        );
      });
      const page = await browser.newPage();
      await visit(page, `/console/merchants/${merchant.merchantId}/setup`, 'setup');
      // A refusal, as the operator sees it: next to its form, with what was typed.
      await page.fill('[data-testid=key-pem]', 'not a key');
      await page.click('[data-testid=register-key]');
      await check(page, 'setup-refused');
      await page.close();
    });

    it('lists and shows disputes, reports and delivery trackers', async () => {
      const page = await browser.newPage();
      const base = `/console/merchants/${merchant.merchantId}`;
      await visit(page, `${base}/disputes`, 'disputes');
      await page.click(`a[href="/console/objects/disputes/${disputeId}"]`);
      await check(page, 'dispute');
      expect(await page.textContent('main')).toContain(chargeId);
      await visit(page, `${base}/reports`, 'reports');
      await visit(page, `/console/objects/reports/${reportId}`, 'report');
      await visit(page, `${base}/delivery-trackers`, 'delivery-trackers');
      await page.locator('tbody a').first().click();
      await check(page, 'delivery-tracker');
      expect(await page.textContent('[data-testid=wire]')).toContain('1Z999AA10123456784');
      await page.click(`a[href="/console/objects/charge-permissions/${permissionId}"]`);
      expect(await page.textContent('main')).toContain('Delivery Trackers');
      await page.close();
    });

    it('logs in with the admin token, shows a page, and logs out', async () => {
      const merchantOfGuarded = await guarded.createMerchant({ region: 'UK' });
      const page = await browser.newPage();
      const wanted = `${guarded.httpUrl}/console/merchants/${merchantOfGuarded.merchantId}`;
      await page.goto(wanted);
      expect(new URL(page.url()).pathname).toBe('/console/login');
      await check(page, 'login');
      await page.fill('[data-testid=login-token]', 'wrong');
      await page.click('[data-testid=login]');
      expect(await page.textContent('[data-testid=login-error]')).toContain(
        'That is not the admin token.',
      );
      await page.fill('[data-testid=login-token]', TOKEN);
      await page.click('[data-testid=login]');
      expect(page.url()).toBe(wanted);
      expect(await page.textContent('h1')).toContain(merchantOfGuarded.merchantId);
      expect(page.url()).not.toContain(TOKEN);
      await page.click('nav >> text=Log out');
      await page.click('[data-testid=logout]');
      expect(new URL(page.url()).pathname).toBe('/console/login');
      await page.goto(wanted);
      expect(new URL(page.url()).pathname).toBe('/console/login');
      await page.close();
    });
  },
);
