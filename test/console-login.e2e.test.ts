import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { consoleBrowser, csrfOf } from './support/console-forms.js';

/**
 * Issue 14 point 1 in token mode: a browser logs in to the console with the admin token (a form,
 * never a URL), gets an HttpOnly SameSite=Strict session cookie on the console's path (Secure over
 * TLS), is sent back to the page it asked for, and logs out; unauthenticated views redirect to
 * the login form, unauthenticated writes are refused, and the admin API still wants its Bearer.
 */
const TOKEN = 'console-login-s3cret';

describe('console login with LOCALPAY_ADMIN_TOKEN', () => {
  let platform: TestPlatform;
  let merchant: TestMerchant;

  beforeAll(async () => {
    platform = await createTestPlatform({ adminToken: TOKEN });
    merchant = await platform.createMerchant({ region: 'UK' });
  });
  afterAll(() => platform.close());

  const newBrowser = () => consoleBrowser(() => platform.httpUrl);

  it('redirects page views to the login form, remembering the page, and refuses writes', async () => {
    const browser = newBrowser();
    const page = `/console/merchants/${merchant.merchantId}`;
    expect(await browser.get(page)).toMatchObject({
      status: 303,
      location: `/console/login?next=${encodeURIComponent(page)}`,
    });
    expect((await browser.get('/')).location).toBe('/console/login?next=%2Fconsole');
    const write = await browser.post(`${page}/reset`, {}, 'whatever');
    expect(write.status).toBe(401);
    // The bearer token still opens the console, as it opens the admin API.
    const bearer = await fetch(`${platform.httpUrl}${page}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('logs in with the token, sets a strict session cookie, and goes back to the page', async () => {
    const browser = newBrowser();
    const page = `/console/merchants/${merchant.merchantId}/charges?state=Captured`;
    const form = await browser.get(`/console/login?next=${encodeURIComponent(page)}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('type="password"');
    expect(form.text).toContain(`value="${page}"`);

    const wrong = await browser.post(
      '/console/login',
      { token: 'guess', next: page },
      csrfOf(form.text),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That is not the admin token.');
    expect(browser.cookies.has('lp_console')).toBe(false);

    const response = await fetch(`${platform.httpUrl}/console/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...browser.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
      },
      body: new URLSearchParams({ csrf: csrfOf(form.text), token: TOKEN, next: page }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(page);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('lp_console='));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/console(;|$)/);
    expect(cookie).not.toMatch(/; Secure/i);
    expect(cookie).not.toContain(TOKEN);

    const loggedIn = newBrowser();
    loggedIn.cookies.set('lp_console', (cookie ?? '').split(';')[0]?.split('=')[1] ?? '');
    expect((await loggedIn.get(page)).status).toBe(200);
    // Already logged in, the login form sends `/` straight on.
    expect((await loggedIn.get('/console/login?next=%2Fconsole')).location).toBe('/console');
    // The admin API does not take the console's cookie: it keeps its Bearer.
    const adminCall = await fetch(`${platform.httpUrl}/_localpay/merchants`, {
      headers: { cookie: `lp_console=${loggedIn.cookies.get('lp_console') ?? ''}` },
    });
    expect(adminCall.status).toBe(401);

    // A forged or altered cookie is no session.
    const forged = newBrowser();
    const [expires, nonce, mac] = (loggedIn.cookies.get('lp_console') ?? '').split('.');
    forged.cookies.set('lp_console', `${Number(expires) + 1_000_000}.${nonce}.${mac}`);
    expect((await forged.get(page)).status).toBe(303);
    // A correctly signed session past its 12 hours is over too.
    const key = createHmac('sha256', TOKEN).update('localpay console session').digest();
    const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
    const fresh = `${Date.now() + 60_000}.${nonce}`;
    const stale = `${Date.now() - 1}.${nonce}`;
    const signed = newBrowser();
    signed.cookies.set('lp_console', `${fresh}.${sign(fresh)}`);
    expect((await signed.get(page)).status).toBe(200);
    signed.cookies.set('lp_console', `${stale}.${sign(stale)}`);
    expect((await signed.get(page)).status).toBe(303);
  });

  it('logs out with a CSRF-protected form', async () => {
    const browser = newBrowser();
    const form = await browser.get('/console/login');
    const login = await browser.post('/console/login', { token: TOKEN }, csrfOf(form.text));
    expect(login.location).toBe('/console');
    const home = await browser.get('/console');
    expect(home.status).toBe(200);
    expect(home.text).toContain('href="/console/logout"');
    const logoutPage = await browser.get('/console/logout');
    expect(logoutPage.status).toBe(200);
    expect((await browser.post('/console/logout', {}, null)).status).toBe(403);
    const out = await browser.post('/console/logout', {}, csrfOf(logoutPage.text));
    expect(out).toMatchObject({ status: 303, location: '/console/login' });
    expect(browser.cookies.has('lp_console')).toBe(false);
    expect((await browser.get('/console')).status).toBe(303);
  });

  it('sends nobody to another site after logging in, and refuses a cross-site login', async () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/console',
      '/consolex',
      '/_localpay',
    ]) {
      const browser = newBrowser();
      const form = await browser.get(`/console/login?next=${encodeURIComponent(next)}`);
      expect(form.text).toContain('name="next" value="/console"');
      const login = await browser.post('/console/login', { token: TOKEN, next }, csrfOf(form.text));
      expect(login.location).toBe('/console');
    }
    const browser = newBrowser();
    const form = await browser.get('/console/login');
    const crossSite = await fetch(`${platform.httpUrl}/console/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: [...browser.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
      },
      body: new URLSearchParams({ csrf: csrfOf(form.text), token: TOKEN }).toString(),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.getSetCookie().some((c) => c.startsWith('lp_console='))).toBe(false);
  });

  it('marks the session cookie Secure over TLS', async () => {
    const dispatcher = new Agent({ connect: { ca: readFileSync(platform.caCertPath) } });
    const base = `https://${platform.httpsHost}`;
    const form = await undiciFetch(`${base}/console/login`, { dispatcher });
    const text = await form.text();
    const csrfCookie = (form.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const login = await undiciFetch(`${base}/console/login`, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
      body: new URLSearchParams({ csrf: csrfOf(text), token: TOKEN }).toString(),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('lp_console='));
    expect(cookie).toMatch(/; Secure/i);
    await dispatcher.close();
  });
});

describe('console login without a token', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(() => platform.close());

  it('needs none: loopback callers are served', async () => {
    const browser = consoleBrowser(() => platform.httpUrl);
    const home = await browser.get('/console');
    expect(home.status).toBe(200);
    // No session, so nothing to log out of.
    expect(home.text).not.toContain('/console/logout');
    const login = await browser.get('/console/login');
    expect(login.text).toContain('No login needed');
  });
});
