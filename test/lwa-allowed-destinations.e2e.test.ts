import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTab, inputValue, type BrowserTab } from './support/browser-tab.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';

const run = promisify(execFile);

/**
 * Issue 10 point 4: Login with Amazon hands a token only to a store's Allowed Return URLs (or, in
 * the popup, to an Allowed JavaScript Origin), and no page localpay serves follows a destination
 * named by a query parameter or form field.
 */
let platform: TestPlatform;
let merchant: TestMerchant;

beforeAll(async () => {
  platform = await createTestPlatform();
  merchant = await platform.createMerchant({ region: 'EU' });
});
afterAll(() => platform.close());

const hidden = inputValue;
const tab = (): BrowserTab => browserTab(platform.httpUrl);

const loginPath = (params: Record<string, string>): string =>
  `/ap/oa?${new URLSearchParams({ client_id: merchant.storeId, scope: 'profile', response_type: 'token', ...params }).toString()}`;

async function signIn(open: BrowserTab, params: Record<string, string>) {
  const page = await open(loginPath(params));
  if (page.status !== 200) return { page, answer: null };
  const answer = await open('/ap/oa', {
    client_id: merchant.storeId,
    ...params,
    scope: 'profile',
    csrf: hidden(page.text, 'csrf'),
    buyerId: hidden(page.text, 'buyerId'),
  });
  return { page, answer };
}

const admin = async (path: string, body: unknown) => {
  const response = await fetch(`${platform.httpUrl}/_localpay${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('Login with Amazon redirect_uri', () => {
  it('refuses an unregistered redirect_uri with the LWA error page and issues no token', async () => {
    const open = tab();
    const { page, answer } = await signIn(open, { redirect_uri: 'https://evil.example/steal' });
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(page.text).toContain('has not been whitelisted for your application');
    expect(page.text).not.toContain('name="csrf"');
    expect(answer).toBeNull();
  });

  it('signs in to a loopback URL (the default of every store) on any port', async () => {
    const { answer } = await signIn(tab(), {
      redirect_uri: 'http://127.0.0.1:4321/after-login?step=1',
      state: 'xyz',
    });
    expect(answer?.status, answer?.text.slice(-600)).toBe(303);
    const location = new URL(answer?.location ?? '');
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:4321/after-login');
    expect(location.searchParams.get('access_token')).toMatch(/^Atza\|/);
    expect(location.searchParams.get('state')).toBe('xyz');
  });

  it('follows the registered list set through the admin API, re-checked when the form is posted', async () => {
    const store = `/merchants/${merchant.merchantId}/stores/${merchant.storeId}`;
    const set = await admin(store, { allowedReturnUrls: ['https://shop.example/account/'] });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ allowedReturnUrls: ['https://shop.example/account/'] });

    const ok = await signIn(tab(), { redirect_uri: 'https://shop.example/account/login' });
    expect(new URL(ok.answer?.location ?? '').host).toBe('shop.example');
    for (const refused of [
      'http://127.0.0.1:4321/after-login',
      'https://shop.example/accounting',
      'https://shop.example.evil.example/account/',
    ]) {
      const { page } = await signIn(tab(), { redirect_uri: refused });
      expect(page.status, refused).toBe(400);
    }

    // A form shown while the URL was registered is refused once it no longer is.
    const open = tab();
    const page = await open(loginPath({ redirect_uri: 'https://shop.example/account/x' }));
    expect(page.status).toBe(200);
    await admin(store, { allowedReturnUrls: ['https://shop.example/other'] });
    const answer = await open('/ap/oa', {
      client_id: merchant.storeId,
      redirect_uri: 'https://shop.example/account/x',
      scope: 'profile',
      csrf: hidden(page.text, 'csrf'),
      buyerId: hidden(page.text, 'buyerId'),
    });
    expect(answer.status).toBe(400);
    expect(answer.location).toBeNull();

    // Swapping the destination in the posted form breaks its CSRF binding.
    await admin(store, {
      allowedReturnUrls: ['https://shop.example/account/', 'http://127.0.0.1/'],
    });
    const tab2 = tab();
    const shown = await tab2(loginPath({ redirect_uri: 'https://shop.example/account/x' }));
    const swapped = await tab2('/ap/oa', {
      client_id: merchant.storeId,
      redirect_uri: 'http://127.0.0.1:9/elsewhere',
      scope: 'profile',
      csrf: hidden(shown.text, 'csrf'),
      buyerId: hidden(shown.text, 'buyerId'),
    });
    expect(swapped.status).toBe(403);
    expect(swapped.location).toBeNull();

    expect(await admin(store, { allowedReturnUrls: ['https://x/?q=1'] })).toMatchObject({
      status: 400,
      body: { reasonCode: 'InvalidParameterValue' },
    });
    expect(
      await admin(`/merchants/${merchant.merchantId}/stores/amzn1.nosuchstore`, {
        allowedReturnUrls: [],
      }),
    ).toMatchObject({ status: 404, body: { reasonCode: 'ResourceNotFound' } });
  });
});

describe('Login with Amazon popup', () => {
  it('posts the token only to a registered origin, never to *', async () => {
    const other = await platform.createMerchant({ region: 'EU' });
    const { page, answer } = await signIn(tab(), { origin: 'http://localhost:5173' });
    void page;
    expect(answer?.status).toBe(200);
    expect(answer?.location).toBeNull();
    expect(answer?.text).toContain('"origin":"http://localhost:5173"');
    expect(answer?.text).not.toContain("'*'");
    expect(answer?.csp).toMatch(/^default-src 'none'; script-src 'sha256-/);

    const evil = await tab()(
      `/ap/oa?${new URLSearchParams({ client_id: other.storeId, origin: 'https://evil.example' }).toString()}`,
    );
    expect(evil.status).toBe(400);
    expect(evil.text).toContain('has not been whitelisted');
    expect(evil.text).not.toContain('Atza|');
  });
});

describe('no page follows a destination named by the request', () => {
  it('ignores redirect-like parameters on every buyer page', async () => {
    const evil = 'https://evil.example/steal';
    const params = new URLSearchParams({
      redirect_uri: evil,
      redirect: evil,
      returnUrl: evil,
      return_to: evil,
      next: evil,
      url: evil,
      continue: evil,
      signInReturnUrl: evil,
      checkoutResultReturnUrl: evil,
      SuccessUrl: evil,
    }).toString();
    const paths = [
      '/checkout/start',
      '/checkout/processing',
      '/checkout/cancel',
      '/checkout/challenge',
      '/jr/your-account/ba/S01-0000000-0000000',
      '/confirmation-flow',
      '/confirmation-flow/challenge',
      '/ap/oa',
      '/messages/mfa.json',
      '/checkout.js',
      '/checkout/button',
      '/checkout/sign-in',
      '/_localpay/health',
    ];
    for (const path of paths)
      for (const method of ['GET', 'POST'] as const) {
        const response = await fetch(`${platform.httpUrl}${path}?${params}`, {
          method,
          redirect: 'manual',
          ...(method === 'POST'
            ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params }
            : {}),
        });
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
        expect(response.headers.get('location') ?? '', `${method} ${path}`).not.toContain('evil');
        expect(await response.text(), `${method} ${path}`).not.toContain('Atza|');
      }
  });
});

describe('CLI', () => {
  it("replaces a store's allowed return URLs and origins", async () => {
    const cli = (...args: string[]) =>
      run(
        process.execPath,
        ['--import', 'tsx', 'src/cli/index.ts', ...args, '--data-dir', platform.dataDir],
        {
          env: { ...process.env, LOCALPAY_LOG_LEVEL: 'silent' },
        },
      );
    const shown = await cli(
      'stores',
      'allow',
      '--merchant',
      merchant.merchantId,
      '--return-url',
      'https://cli.example/done',
      '--origin',
      'https://cli.example',
    );
    expect(JSON.parse(shown.stdout)).toMatchObject({
      storeId: merchant.storeId,
      allowedReturnUrls: ['https://cli.example/done'],
      allowedJavaScriptOrigins: ['https://cli.example'],
    });
    const { page } = await signIn(tab(), { redirect_uri: 'https://cli.example/done' });
    expect(page.status).toBe(200);
  });
});
