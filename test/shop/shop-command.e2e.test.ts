import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuyer } from '../../src/testing/buyer.js';
import { waitForBanner } from '../support/child-output.js';

/**
 * Issue "Reference merchant shop", point 1: one command (`npm run shop`, i.e. `tsx
 * examples/shop/main.ts`) starts localpay on its embedded store and the shop, configures the
 * merchant (keys, MWS credentials, IPN endpoint) and prints the shop's URL; what it prints works.
 */
interface Banner {
  readonly shopUrl: string;
  readonly localpayUrl: string;
  readonly merchantId: string;
}

async function readBanner(child: ChildProcess): Promise<Banner> {
  const field = await waitForBanner(child, 'Ctrl+C', 30_000);
  return {
    shopUrl: field('Shop'),
    localpayUrl: field('localpay HTTP \\(buyer pages\\)'),
    merchantId: field('Merchant'),
  };
}

/** A browser's cookie jar for the shop, enough for server-rendered pages. */
function shopBrowser(base: string) {
  let cookie = '';
  return async (url: string, form?: Record<string, string>) => {
    const response = await fetch(new URL(url, base), {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const set = response.headers.getSetCookie()[0];
    if (set) cookie = set.split(';')[0] ?? '';
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    };
  };
}

describe('npm run shop', () => {
  let dataDir = '';
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-shop-command-'));
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts localpay and the shop, wired together, and stops both on SIGTERM', async () => {
    const scripts = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.shop).toBe('tsx examples/shop/main.ts');
    child = spawn(process.execPath, ['--import', 'tsx', 'examples/shop/main.ts'], {
      env: {
        ...process.env,
        LOCALPAY_DATA_DIR: dataDir,
        LOCALPAY_HTTP_PORT: '0',
        LOCALPAY_HTTPS_PORT: '0',
        LOCALPAY_LOG_LEVEL: 'silent',
        SHOP_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const banner = await readBanner(child);
    expect(banner.shopUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const home = await fetch(banner.shopUrl);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Localpay Coffee');

    // The merchant's Sandbox IPNs go to the shop.
    const ipn = (await (
      await fetch(`${banner.localpayUrl}/_localpay/merchants/${banner.merchantId}/ipn`)
    ).json()) as { endpoints: { Sandbox: { url: string } | null } };
    expect(ipn.endpoints.Sandbox?.url).toBe(`${banner.shopUrl}/ipn`);

    // The shop's v2 credentials work: a Saved Wallet subscription end to end, without a browser.
    const shop = shopBrowser(banner.shopUrl);
    // The plans page's Amazon Pay button: post what checkout.js posts when it is clicked.
    const plans = await shop('/subscriptions');
    const button =
      /renderButton\('#AmazonPayButton-filter'[^]*?publicKeyId: ("[^"]*")[^]*?ledgerCurrency: ("[^"]*")[^]*?payloadJSON: ("(?:[^"\\]|\\.)*")[^]*?signature: ("[^"]*")/.exec(
        plans.text,
      );
    const [publicKeyId, ledgerCurrency, payloadJSON, signature] = (button?.slice(1) ?? []).map(
      (v) => JSON.parse(v) as string,
    );
    const clicked = await fetch(`${banner.localpayUrl}/checkout/button`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        merchantId: banner.merchantId,
        publicKeyId: publicKeyId ?? '',
        ledgerCurrency: ledgerCurrency ?? '',
        payloadJSON: payloadJSON ?? '',
        signature: signature ?? '',
        algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      }).toString(),
    });
    expect(clicked.status).toBe(303);
    const checkoutUrl = new URL(clicked.headers.get('location') ?? '');
    expect(checkoutUrl.origin).toBe(banner.localpayUrl);
    const sessionId = checkoutUrl.searchParams.get('amazonCheckoutSessionId') ?? '';
    const back = await createBuyer(banner.localpayUrl).checkout(sessionId, { cardEnding: '1111' });
    expect(back).toMatch(new RegExp(`^${banner.shopUrl}/subscriptions/wallet-ready\\?`));
    const ready = await shop(back);
    expect(ready.location).toBe('/account');
    const account = await shop('/account');
    expect(account.text).toContain('data-status="Active"');

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
