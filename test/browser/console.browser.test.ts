import { mkdir } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../../src/testing/test-platform.js';
import type { IpnReceiver } from '../../src/testing/ipn-receiver.js';
import { challengedCharge } from '../support/page-scenarios.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from '../support/sdk-helpers.js';
import { axeViolations } from './axe.js';
import { launchChromium, SKIP_BROWSER_SUITES } from './browser-support.js';

/**
 * Issue 14, done when: a Chromium walks the console through a real session made by the official
 * v2 SDK (a Saved Wallet checkout, a challenged charge, charges, a decline, a refund, a bad
 * signature, an idempotent replay) and checks what each view shows; axe-core finds no serious or
 * critical violation on any view; every view is saved to docs/screenshots/console-*.png; reading
 * works with JavaScript off.
 */

const SHOTS = path.resolve('docs', 'screenshots');

describe.skipIf(SKIP_BROWSER_SUITES)('the console in Chromium', () => {
  let browser: Browser;
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: WebStoreClient;
  let permissionId: string;
  let capturedId: string;
  let declinedId: string;
  let refundId: string;
  let replayKey: string;
  let receiver: IpnReceiver;
  let challengedId: string;

  beforeAll(async () => {
    platform = await createTestPlatform();
    merchant = await platform.createMerchant({ region: 'EU' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    // The merchant's handler rejects every notification at first (a 400 is final: failed).
    receiver = await platform.receiveIpns(merchant.merchantId);
    receiver.respondWith(() => ({ status: 400, body: 'handler says: unknown charge' }));
    permissionId = await setUpSavedWallet(client, platform, merchant);
    replayKey = idem()['x-amz-pay-idempotency-key'] ?? '';
    const chargeBody = {
      chargePermissionId: permissionId,
      chargeAmount: { amount: '12.34', currencyCode: 'EUR' },
      chargeInitiator: 'MITR',
      captureNow: true,
    };
    const captured = await client.createCharge(chargeBody, {
      'x-amz-pay-idempotency-key': replayKey,
    });
    // The SDKs retry with the same key: the log marks the second answer as a replay.
    await client.createCharge(chargeBody, { 'x-amz-pay-idempotency-key': replayKey });
    capturedId = String(captured.data.chargeId);
    const declined = await sdkFailure(
      client.createCharge(
        { ...chargeBody, chargeAmount: { amount: '5.00', currencyCode: 'EUR' } },
        idem({ 'x-amz-pay-simulation-code': 'SoftDeclined' }),
      ),
    );
    expect(declined.status).toBe(422);
    const refund = await client.createRefund(
      { chargeId: capturedId, refundAmount: { amount: '2.00', currencyCode: 'EUR' } },
      idem(),
    );
    refundId = String(refund.data.refundId);
    challengedId = (await challengedCharge(client, platform, merchant)).chargeId;
    // A client signing with a key localpay does not know for this key id: a bad signature.
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const forger = new sdk.WebStoreClient({
      ...platform.sdkConfig(merchant),
      privateKey: wrongKey,
    });
    expect((await sdkFailure(forger.getCharge(capturedId))).status).toBe(403);
    declinedId = await findDeclined();
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function findDeclined(): Promise<string> {
    const list = await fetch(
      `${platform.httpUrl}/console/merchants/${merchant.merchantId}/charges?state=Declined`,
    );
    const id = /charges\/([A-Z0-9-]+)"/.exec(await list.text())?.[1];
    if (id === undefined) throw new Error('no declined charge listed');
    return id;
  }

  async function visit(page: Page, url: string, shot: string): Promise<void> {
    const response = await page.goto(`${platform.httpUrl}${url}`);
    expect(response?.status(), url).toBe(200);
    expect(await axeViolations(page), url).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `console-${shot}.png`), fullPage: true });
  }

  /** The request log is written in batches: wait until it holds what the session did. */
  async function waitForLog(page: Page, url: string, text: string): Promise<void> {
    for (let i = 0; i < 60; i += 1) {
      await page.goto(`${platform.httpUrl}${url}`);
      if ((await page.content()).includes(text)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${text} never appeared at ${url}`);
  }

  it('lists merchants at the root and at /console, and a merchant’s objects by kind', async () => {
    const page = await browser.newPage();
    await visit(page, '/', 'merchants');
    expect(await page.textContent('main')).toContain(merchant.merchantId);
    await visit(page, '/console', 'merchants');
    await visit(page, `/console/merchants/${merchant.merchantId}`, 'merchant');
    const charges = await page.textContent('main');
    expect(charges).toMatch(/Charges\s*3\s/);
    await visit(
      page,
      `/console/merchants/${merchant.merchantId}/charges?state=Declined`,
      'charges-filtered',
    );
    const rows = await page.locator('tbody tr').count();
    expect(rows).toBe(1);
    expect(await page.textContent('tbody')).toContain('SoftDeclined');
    await page.close();
  });

  it('shows a charge exactly as the API returns it, its related objects and its timeline', async () => {
    const page = await browser.newPage();
    await visit(page, `/console/objects/charges/${capturedId}`, 'charge');
    const apiView = await client.getCharge(capturedId);
    const shown = JSON.parse((await page.textContent('[data-testid=wire]')) ?? '') as Record<
      string,
      unknown
    >;
    expect(shown).toEqual(apiView.data);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain(permissionId);
    expect(main).toContain(refundId);
    // Created Authorized then Captured by the Create Charge request: the cause links to the log.
    expect(main).toMatch(/Captured/);
    const cause = page.locator('table >> nth=0').locator('a').first();
    expect(await cause.textContent()).toContain('POST /v2/charges');
    await page.close();
  });

  it('shows the declined charge with its reason, and the refund page', async () => {
    const page = await browser.newPage();
    await visit(page, `/console/objects/charges/${declinedId}`, 'charge-declined');
    expect(await page.textContent('main')).toContain('SoftDeclined');
    await visit(page, `/console/objects/refunds/${refundId}`, 'refund');
    expect(await page.textContent('main')).toContain(capturedId);
    await visit(page, `/console/objects/charge-permissions/${permissionId}`, 'charge-permission');
    // Saved Wallet use this month: the captured 12.34 (the declined charge does not count).
    expect(await page.textContent('[data-testid=why-monthly]')).toMatch(
      /12\.34 of 15000\.00\s+EUR/,
    );
    expect(await page.textContent('[data-testid=why-instrument]')).toContain('a working card');
    await page.close();
  });

  it('logs every call with its replay flag, and a bad signature with what localpay computed', async () => {
    const page = await browser.newPage();
    await waitForLog(page, '/console/requests?status=error', '403 failed');
    await visit(page, `/console/requests?q=${replayKey}`, 'requests');
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await page.textContent('tbody')).toContain('replay');
    await visit(page, '/console/requests?status=error', 'requests-failed');
    const failed = page.locator('tbody tr', { hasText: '403' }).first().locator('a').first();
    await failed.click();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({
      path: path.join(SHOTS, 'console-request-signature.png'),
      fullPage: true,
    });
    expect(await page.textContent('[data-testid=canonical-request]')).toContain(
      `/v2/charges/${capturedId}`,
    );
    expect(await page.textContent('[data-testid=string-to-sign]')).toMatch(/^AMZN-PAY-RSASSA-PSS/);
    expect(await page.textContent('main')).toContain('x-amz-pay-date');
    await page.close();
  });

  it('shows a failed IPN with the handler’s answer, and redelivers it', async () => {
    const page = await browser.newPage();
    await waitForLog(page, `/console/ipns?merchant=${merchant.merchantId}&status=failed`, 'CHARGE');
    await visit(page, `/console/ipns?merchant=${merchant.merchantId}&status=failed`, 'ipns');
    await page.locator('tbody tr', { hasText: 'CHARGE ' }).first().locator('a').first().click();
    expect(await page.textContent('main')).toContain('handler says: unknown charge');
    const before = receiver.received.length;
    receiver.respondWith(() => 200);
    await page.click('[data-testid=redeliver]');
    await receiver.waitFor(before + 1, 20_000);
    for (
      let i = 0;
      i < 60 && !((await page.textContent('main')) ?? '').includes('delivered');
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await page.reload();
    }
    expect(await page.textContent('main')).toMatch(/delivered/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'console-ipn.png'), fullPage: true });
    await page.close();
  });

  it('refuses a redelivery posted from another origin', async () => {
    const [failed] = await (async () => {
      const list = await fetch(`${platform.httpUrl}/console/ipns?merchant=${merchant.merchantId}`);
      return [/ipns\/([0-9a-f-]{36})"/.exec(await list.text())?.[1] ?? ''];
    })();
    const refused = await fetch(`${platform.httpUrl}/console/ipns/${failed}/redeliver`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: 'csrf=x',
      redirect: 'manual',
    });
    expect(refused.status).toBe(403);
    const tokenless = await fetch(`${platform.httpUrl}/console/ipns/${failed}/redeliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'csrf=x',
      redirect: 'manual',
    });
    expect(tokenless.status).toBe(403);
  });

  it('previews the timers a clock move fires, moves the clock, and the timeline names the timer', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.httpUrl}/console/merchants/${merchant.merchantId}`);
    await page.fill('[data-testid=clock-by]', '25h');
    await page.click('text=Preview the timers');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'console-clock-preview.png'), fullPage: true });
    expect(await page.textContent('main')).toContain(challengedId);
    await page.click('[data-testid=move-clock]');
    expect(page.url()).toMatch(new RegExp(`/console/merchants/${merchant.merchantId}$`));
    await visit(page, `/console/objects/charges/${challengedId}`, 'charge-timeline');
    const timeline = page.locator('table').first();
    const rows = await timeline.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]).toContain('BuyerActionRequired');
    expect(rows.at(-1)).toMatch(/timer \(merchant clock\)/);
    // The challenged charge says why: the PSD2 rule that required SCA.
    expect(await page.textContent('[data-testid=why-sca]')).toMatch(/SCA: /);
    await page.close();
  });

  it('reads with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(
      `${platform.httpUrl}/console/merchants/${merchant.merchantId}/charges?q=${capturedId}`,
    );
    expect(await page.locator('tbody tr').count()).toBe(1);
    await context.close();
  });

  it('saves a named snapshot of the store and restores it', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.httpUrl}/console/snapshots`);
    await page.fill('[data-testid=snapshot-name]', 'after-the-session');
    await page.click('[data-testid=save-snapshot]');
    expect(page.url()).toMatch(/\/console\/snapshots/);
    expect(await page.textContent('main')).toContain('after-the-session');
    await visit(page, '/console/snapshots', 'snapshots');
    await page.click('[data-testid=restore-after-the-session]');
    expect(page.url()).toMatch(/\/console\/snapshots/);
    // The restored store is the saved one: the session's declined charge is still there.
    expect(
      (await page.goto(`${platform.httpUrl}/console/objects/charges/${declinedId}`))?.status(),
    ).toBe(200);
    await page.close();
  });

  it('resets the merchant from its page', async () => {
    const page = await browser.newPage();
    await visit(page, `/console/merchants/${merchant.merchantId}`, 'merchant');
    await page.click('[data-testid=reset-merchant]');
    expect(page.url()).toMatch(new RegExp(`/console/merchants/${merchant.merchantId}$`));
    expect(await page.textContent('main')).toMatch(/Charges\s*0\s/);
    await page.close();
  });
});
