import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../../src/testing/test-platform.js';
import { launchChromium, SKIP_BROWSER_SUITES } from './browser-support.js';

/**
 * Issue 10 point 5, proved in a real browser: a page served from another origin (a cross-site one
 * on `localhost`, a same-site one on another port of 127.0.0.1) tries to create a merchant and to
 * move a merchant's clock ten years with form posts and fetches. Chromium sends them; localpay
 * must refuse every one, and the store must be unchanged afterwards.
 */

function attackerPage(target: string, merchantId: string): string {
  return `<!doctype html><html lang="en"><title>Free kittens</title>
<form id="create" method="post" action="${target}/merchants">
  <input name="name" value="Evil"><input name="region" value="NA"><button>create</button>
</form>
<form id="clock" method="post" action="${target}/merchants/${merchantId}/clock/advance">
  <input name="by" value="87600h"><button>clock</button>
</form>
<form id="plain" method="post" enctype="text/plain" action="${target}/merchants">
  <input name='{"name":"Evil","region":"NA","x":"' value='"}'><button>plain</button>
</form></html>`;
}

async function serveAttacker(
  host: string,
  body: () => string,
): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
}

describe.skipIf(SKIP_BROWSER_SUITES)('admin API attacked from another origin in Chromium', () => {
  let browser: Browser;
  let platform: TestPlatform;
  let merchant: TestMerchant;
  const servers: http.Server[] = [];
  beforeAll(async () => {
    platform = await createTestPlatform();
    merchant = await platform.createMerchant({ region: 'EU' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
    await platform?.close();
  });

  const state = async () => {
    const admin = `${platform.httpUrl}/_localpay`;
    const merchants = (
      (await (await fetch(`${admin}/merchants`)).json()) as { merchants: unknown[] }
    ).merchants.length;
    const overview = (await (await fetch(`${admin}/merchants/${merchant.merchantId}`)).json()) as {
      merchant: { clockOffsetMs: number };
    };
    return { merchants, clockOffsetMs: overview.merchant.clockOffsetMs };
  };

  // localhost and 127.0.0.1 are different sites; another port of 127.0.0.1 is the same site.
  it.each([
    ['cross-site (localhost)', 'localhost'],
    ['same-site (127.0.0.1, another port)', '127.0.0.1'],
  ])('a %s page changes nothing', async (_what, host) => {
    const target = `${platform.httpUrl}/_localpay`;
    const attacker = await serveAttacker(host, () => attackerPage(target, merchant.merchantId));
    servers.push(attacker.server);
    const before = await state();
    const page = await browser.newPage();
    try {
      for (const form of ['create', 'clock', 'plain']) {
        await page.goto(attacker.origin);
        const [response] = await Promise.all([
          page.waitForNavigation(),
          page.click(`#${form} button`),
        ]);
        expect(response?.status(), form).toBe(403);
      }
      await page.goto(attacker.origin);
      // Scripted attempts: a no-cors "simple" POST, and a JSON POST that needs a CORS preflight.
      const scripted = await page.evaluate(
        async ({ url, merchantId }) => {
          const outcomes: string[] = [];
          const attempt = async (run: () => Promise<Response>) => {
            try {
              const response = await run();
              outcomes.push(response.type === 'opaque' ? 'opaque' : String(response.status));
            } catch {
              outcomes.push('blocked');
            }
          };
          await attempt(() =>
            fetch(`${url}/merchants/${merchantId}/clock/advance`, {
              method: 'POST',
              mode: 'no-cors',
              headers: { 'content-type': 'text/plain' },
              body: '{"by":"87600h"}',
            }),
          );
          await attempt(() =>
            fetch(`${url}/merchants`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"name":"Evil","region":"NA"}',
            }),
          );
          return outcomes;
        },
        { url: target, merchantId: merchant.merchantId },
      );
      expect(scripted).toEqual(['opaque', 'blocked']);
    } finally {
      await page.close();
    }
    expect(await state()).toEqual(before);
  });

  it('still serves a developer who opens the admin API in the address bar', async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(`${platform.httpUrl}/_localpay/merchants`);
      expect(response?.status()).toBe(200);
    } finally {
      await page.close();
    }
  });
});
