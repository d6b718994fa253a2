import { generateKeyPairSync } from 'node:crypto';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestMerchant } from '../src/testing/test-platform.js';
import { adminHttp } from './support/admin-http.js';
import { consoleBrowser, csrfOf } from './support/console-forms.js';
import { idem, setUpSavedWallet } from './support/sdk-helpers.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue 14 points 2, 5 and 6 on both stores: the merchant's setup page adds test buyers, registers
 * keys (a request signed with the new key then succeeds), sets IPN endpoints and chaos through the
 * admin API's operations (the admin API then reads the same settings), shows refusals next to
 * their form; disputes, reports and delivery trackers are console objects with their API JSON.
 */
const publicPem = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

describe.each(BACKENDS)('console merchant setup ($name)', (backend) => {
  let opened: OpenedBackend;
  let merchant: TestMerchant;
  let setup: string;
  const browser = consoleBrowser(() => opened.platform.httpUrl);
  const admin = adminHttp(() => opened.platform.httpUrl);

  beforeAll(async () => {
    opened = await backend.open();
    merchant = await opened.platform.createMerchant({ region: 'EU' });
    setup = `/console/merchants/${merchant.merchantId}/setup`;
  });
  afterAll(() => opened.dispose());

  it('adds a test buyer with chosen instruments, labelled with what each simulates', async () => {
    const page = await browser.get(setup);
    expect(page.status).toBe(200);
    const added = await browser.post(
      `${setup}/test-buyers`,
      {
        name: 'Dana <Tester>',
        email: 'dana@example.com',
        card: ['1111', '3434'],
        otherCards: '4242',
      },
      csrfOf(page.text),
    );
    expect(added.status).toBe(303);
    const buyerId = new URL(added.location ?? '', 'http://x').searchParams.get('id') ?? '';
    expect(buyerId).not.toBe('');
    const after = await browser.get(added.location ?? '');
    expect(after.text).toContain(`Added test buyer ${buyerId}.`);
    expect(after.text).toContain('Dana &lt;Tester&gt;');
    expect(after.text).toContain('Visa ****3434 (Amazon Pay): simulates a decline at checkout');
    expect(after.text).toContain('Visa ****4242 (Amazon Pay): simulates a working card');
    // The admin API reads the same buyer: the console called the same operation.
    const listed = await admin('GET', `/merchants/${merchant.merchantId}/test-buyers`);
    const buyer = (
      listed.body.testBuyers as {
        details: { buyerId: string };
        instruments: { cardEnding: string }[];
      }[]
    ).find((b) => b.details.buyerId === buyerId);
    expect(buyer?.instruments.map((i) => i.cardEnding)).toEqual(['1111', '3434', '4242']);

    const refused = await browser.post(
      `${setup}/test-buyers`,
      { name: 'Eve', email: 'not an email', card: '1111' },
      csrfOf(after.text),
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('data-testid="buyer-error"');
    expect(refused.text).toContain('it is not an email address.');
    expect(refused.text).toContain('value="not an email"');
  });

  it('registers a public key, shows its id, and a request signed with it succeeds', async () => {
    const page = await browser.get(setup);
    const { publicKey, privateKey } = publicPem();
    const registered = await browser.post(
      `${setup}/keys`,
      {
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        environment: 'Sandbox',
        publicKeyId: '',
      },
      csrfOf(page.text),
    );
    expect(registered.status).toBe(303);
    const keyId = new URL(registered.location ?? '', 'http://x').searchParams.get('id') ?? '';
    expect(keyId).toMatch(/^SANDBOX-/);
    const shown = await browser.get(registered.location ?? '');
    expect(shown.text).toContain(`Registered public key ${keyId}`);
    expect(shown.text).toContain(`<code>${keyId}</code>`);

    const client = new sdk.WebStoreClient({
      ...opened.platform.sdkConfig(merchant),
      publicKeyId: keyId,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
        storeId: merchant.storeId,
      },
      idem(),
    );
    expect(created.status).toBe(201);

    const bad = await browser.post(
      `${setup}/keys`,
      { publicKeyPem: '<script>not a key</script>', environment: 'Sandbox', publicKeyId: '' },
      csrfOf(shown.text),
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('it must be an RSA public key in PEM form.');
    expect(bad.text).toContain('&lt;script&gt;not a key&lt;/script&gt;');
    expect(bad.text).not.toContain('<script>not a key');
    const mismatch = await browser.post(
      `${setup}/keys`,
      {
        publicKeyPem: publicPem().publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        environment: 'Live',
        publicKeyId: 'SANDBOX-ABCDEFGHIJ',
      },
      csrfOf(shown.text),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('data-testid="key-error"');
    expect(mismatch.text).toContain('environment-specific key ids start with SANDBOX- or LIVE-');
  });

  it('sets the IPN endpoints and chaos through the admin operations, and refuses bad ones', async () => {
    const page = await browser.get(setup);
    const token = csrfOf(page.text);
    const saved = await browser.post(
      `${setup}/ipn-endpoint`,
      { environment: 'Live', url: 'https://shop.example/ipn' },
      token,
    );
    expect(saved).toMatchObject({ status: 303 });
    const chaos = await browser.post(
      `${setup}/ipn-settings`,
      {
        duplicateRate: '0.25',
        badSignatureRate: '0',
        outOfOrderWindowMs: '1500',
        delayMs: '10',
        signingCertUrl: '',
      },
      token,
    );
    expect(chaos.status).toBe(303);
    const settings = await admin('GET', `/merchants/${merchant.merchantId}/ipn`);
    expect(settings.body).toMatchObject({
      endpoints: { Live: { url: 'https://shop.example/ipn' } },
      signingCertUrl: null,
      chaos: { duplicateRate: 0.25, badSignatureRate: 0, outOfOrderWindowMs: 1500, delayMs: 10 },
    });
    const shown = await browser.get(chaos.location ?? '');
    expect(shown.text).toContain('Saved the IPN settings.');
    expect(shown.text).toContain('value="https://shop.example/ipn"');

    const badUrl = await browser.post(
      `${setup}/ipn-endpoint`,
      { environment: 'Sandbox', url: 'ftp://shop.example/ipn' },
      token,
    );
    expect(badUrl.status).toBe(400);
    expect(badUrl.text).toContain('give an absolute http or https URL');
    const badRate = await browser.post(
      `${setup}/ipn-settings`,
      { duplicateRate: '2', badSignatureRate: '0', outOfOrderWindowMs: '0', delayMs: '0' },
      token,
    );
    expect(badRate.status).toBe(400);
    expect(badRate.text).toContain('give a probability from 0 to 1.');
    // Nothing of the refused forms was written.
    const unchanged = await admin('GET', `/merchants/${merchant.merchantId}/ipn`);
    expect(unchanged.body).toEqual(settings.body);

    const removed = await browser.post(
      `${setup}/ipn-endpoint`,
      { environment: 'Live', url: '' },
      token,
    );
    expect(removed.status).toBe(303);
    const after = await admin('GET', `/merchants/${merchant.merchantId}/ipn`);
    expect(after.body).toMatchObject({ endpoints: { Live: null } });
  });

  it('refuses a form without its CSRF token or from another site', async () => {
    const page = await browser.get(setup);
    const form = { environment: 'Sandbox', url: 'https://evil.example/ipn' };
    expect((await browser.post(`${setup}/ipn-endpoint`, form, null)).status).toBe(403);
    const crossSite = await fetch(`${opened.platform.httpUrl}${setup}/ipn-endpoint`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: [...browser.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
      },
      body: new URLSearchParams({ ...form, csrf: csrfOf(page.text) }).toString(),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    const settings = await admin('GET', `/merchants/${merchant.merchantId}/ipn`);
    expect(settings.body).toMatchObject({ endpoints: { Sandbox: null } });
  });

  it('lists disputes, reports and delivery trackers, with their API JSON and related links', async () => {
    const client = new sdk.WebStoreClient({ ...opened.platform.sdkConfig(merchant) });
    const permissionId = await setUpSavedWallet(client, opened.platform, merchant);
    const charge = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '9.99', currencyCode: 'EUR' },
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    const chargeId = String(charge.data.chargeId);
    const dispute = await admin('POST', '/disputes', { chargeId });
    expect(dispute.status).toBe(201);
    const disputeId = String(dispute.body.disputeId);
    const tracker = await client.deliveryTrackers(
      {
        chargePermissionId: permissionId,
        deliveryDetails: [{ trackingNumber: '1Z999AA1/0123~456', carrierCode: 'UPS' }],
      },
      idem(),
    );
    expect(tracker.status).toBe(200);
    const now = Date.now();
    const compact = (at: number) =>
      new Date(at)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    const report = await client.createReport(
      {
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
        startTime: compact(now - 86_400_000),
        endTime: compact(now),
      },
      idem(),
    );
    const reportId = String(report.data.reportId);

    const base = `/console/merchants/${merchant.merchantId}`;
    const disputes = await browser.get(`${base}/disputes`);
    expect(disputes.text).toContain(`/console/objects/disputes/${disputeId}`);
    const disputePage = await browser.get(`/console/objects/disputes/${disputeId}`);
    expect(disputePage.status).toBe(200);
    const api = await client.getDispute(disputeId);
    expect(wireOf(disputePage.text)).toEqual(api.data);
    expect(disputePage.text).toContain(`/console/objects/charges/${chargeId}`);
    expect(disputePage.text).toContain(`/console/objects/charge-permissions/${permissionId}`);
    // Its timeline, with the reason the dispute keeps in statusDetails.
    expect(disputePage.text).toMatch(
      /ActionRequired<\/span>\s*<\/td>\s*<td>MerchantResponseRequired/,
    );
    const chargePage = await browser.get(`/console/objects/charges/${chargeId}`);
    expect(chargePage.text).toContain(`/console/objects/disputes/${disputeId}`);

    const reports = await browser.get(`${base}/reports?state=IN_QUEUE`);
    expect(reports.text).toContain(`/console/objects/reports/${reportId}`);
    const reportPage = await browser.get(`/console/objects/reports/${reportId}`);
    expect(wireOf(reportPage.text)).toEqual((await client.getReportById(reportId)).data);

    const trackers = await browser.get(`${base}/delivery-trackers?q=1Z999`);
    const trackerHref = /href="(\/console\/objects\/delivery-trackers\/[^"]+)"/.exec(
      trackers.text,
    )?.[1];
    expect(trackerHref).toBeDefined();
    const trackerPage = await browser.get(trackerHref ?? '');
    expect(trackerPage.status).toBe(200);
    expect(wireOf(trackerPage.text)).toEqual(tracker.data);
    expect(trackerPage.text).toContain(`/console/objects/charge-permissions/${permissionId}`);
    // Its timeline: created by the Create Delivery Tracker request.
    expect(trackerPage.text).toMatch(/<a href="\/console\/requests\/[^"]+">[^<]*[Dd]elivery/);
    const permissionPage = await browser.get(`/console/objects/charge-permissions/${permissionId}`);
    expect(permissionPage.text).toContain(trackerHref);
    expect((await browser.get(`${base}/delivery-trackers?state=Closed`)).text).not.toContain(
      trackerHref,
    );
    expect(
      (await browser.get('/console/objects/delivery-trackers/nope~Sandbox~UPS~1')).status,
    ).toBe(404);
  });
});

/** The object page's API JSON, unescaped. */
function wireOf(page: string): unknown {
  const text = /data-testid="wire"[^>]*>([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? '';
  return JSON.parse(
    text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}
