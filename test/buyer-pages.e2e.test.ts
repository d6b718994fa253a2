import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { MFA_MESSAGES } from '../src/http/pages/i18n/mfa-messages.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import {
  challengedCharge,
  createSession,
  hardDeclinedWallet,
  MERCHANT,
  savedWalletSetupSession,
} from './support/page-scenarios.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue "Buyer-facing pages", points 2, 3, 5, 6 and the security "done when", over plain HTTP:
 * forged or missing CSRF tokens are refused, no parameter chooses where the buyer goes, merchant
 * text is escaped, pages follow the buyer's language, and the MFA messages are served as JSON.
 */
interface Response {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly location: string | null;
}

/** One browser: a cookie jar, manual redirects, an Accept-Language of its own. */
function browser(base: string, acceptLanguage = 'en-GB,en;q=0.9') {
  const cookies = new Map<string, string>();
  async function send(url: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(new URL(url, base), {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        'accept-language': acceptLanguage,
        ...(cookies.size
          ? { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
          : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      cookies.set(name, value);
    }
    return {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      location: response.headers.get('location'),
    };
  }
  return {
    cookies,
    get: (url: string) => send(url),
    post: (url: string, form: Record<string, string>) => send(url, form),
  };
}

const field = (page: string, name: string): string =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page)?.[1] ?? '';

const { result: RESULT, review: REVIEW, cancel: CANCEL } = MERCHANT;

const htmlLang = (page: string): string | undefined => /<html lang="([^"]+)"/.exec(page)?.[1];

describe('buyer pages over HTTP', () => {
  let platform: TestPlatform;
  let us: TestMerchant;
  let eu: TestMerchant;
  let usClient: WebStoreClient;
  let euClient: WebStoreClient;
  const start = (id: string, query = '') =>
    `${platform.httpUrl}/checkout/start?amazonCheckoutSessionId=${id}${query}`;

  beforeAll(async () => {
    platform = await createTestPlatform();
    us = await platform.createMerchant({ region: 'NA' });
    eu = await platform.createMerchant({ region: 'EU' });
    usClient = new sdk.WebStoreClient({ ...platform.sdkConfig(us) });
    euClient = new sdk.WebStoreClient({ ...platform.sdkConfig(eu) });
  });
  afterAll(() => platform.close());

  describe('languages (issue point 6)', () => {
    it.each([
      ['de-DE,de;q=0.9,en;q=0.5', 'de', 'Mit Amazon Pay bezahlen'],
      ['en;q=0.3, it;q=0.8', 'it', 'Paga con Amazon Pay'],
      ['fr-CA', 'fr', 'Payer avec Amazon Pay'],
      ['es-419,es;q=0.9', 'es', 'Pagar con Amazon Pay'],
      ['ja-JP,ja;q=0.9', 'en', 'Pay with Amazon Pay'],
    ])('Accept-Language %s shows the checkout in %s', async (header, lang, heading) => {
      const id = await createSession(usClient, us);
      const page = await browser(platform.httpUrl, header).get(start(id));
      expect(page.status).toBe(200);
      expect(htmlLang(page.text)).toBe(lang);
      expect(page.text).toContain(`<h1>${heading}</h1>`);
      expect(page.headers.get('vary')).toContain('Accept-Language');
    });

    it("Amazon's checkoutLanguage (or lang) wins over the browser, and is remembered", async () => {
      const id = await createSession(usClient, us);
      const buyer = browser(platform.httpUrl, 'fr-FR');
      const spanish = await buyer.get(start(id, '&checkoutLanguage=es_ES'));
      expect(htmlLang(spanish.text)).toBe('es');
      expect(buyer.cookies.get('lp_lang')).toBe('es');
      // The remembered choice follows the buyer to the next page without any parameter.
      expect(htmlLang((await buyer.get(start(id))).text)).toBe('es');
      expect(htmlLang((await buyer.get(start(id, '&lang=de'))).text)).toBe('de');
      // A language localpay does not have is ignored, not echoed.
      const japanese = await browser(platform.httpUrl, 'it').get(
        start(id, '&checkoutLanguage=ja_JP'),
      );
      expect(htmlLang(japanese.text)).toBe('it');
    });

    it('every page links to its own versions in the five languages', async () => {
      const id = await createSession(usClient, us);
      const page = await browser(platform.httpUrl).get(start(id));
      for (const lang of ['en', 'fr', 'de', 'it', 'es'])
        expect(page.text.replace(/\s+/g, ' ')).toContain(
          `href="/checkout/start?amazonCheckoutSessionId=${id}&amp;lang=${lang}" lang="${lang}"`,
        );
      expect(page.text).toMatch(/data-testid="lang-en"\s+aria-current="true"/);
      expect(page.text).toMatch(/<nav aria-label="Language">/);
    });

    it('serves the MFA Abandoned and Failure messages of seed 000 as JSON', async () => {
      const response = await fetch(`${platform.httpUrl}/messages/mfa.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.languages).toEqual(['en', 'fr', 'de', 'it', 'es']);
      expect(body.messages).toEqual(MFA_MESSAGES);
      expect((body.messages as typeof MFA_MESSAGES).Abandoned.it).toBe(
        "Si è verificato un problema con il metodo di pagamento. Per effettuare l'ordine, prova con un altro metodo di pagamento.",
      );
    });
  });

  describe('CSRF (every form)', () => {
    it('refuses a checkout choice with a missing, forged, foreign or cookieless token', async () => {
      const id = await createSession(usClient, us);
      const other = await createSession(usClient, us);
      const buyer = browser(platform.httpUrl, 'fr');
      const page = (await buyer.get(start(id))).text;
      const otherToken = field((await buyer.get(start(other))).text, 'csrf');
      const form = {
        amazonCheckoutSessionId: id,
        buyerId: field(page, 'buyerId'),
        instrumentId: 'card-1111',
        addressIndex: '0',
      };
      const attempts = [
        buyer.post('/checkout/start', form),
        buyer.post('/checkout/start', { ...form, csrf: 'forged-token' }),
        buyer.post('/checkout/start', { ...form, csrf: `${field(page, 'csrf')}x` }),
        buyer.post('/checkout/start', { ...form, csrf: otherToken }),
        browser(platform.httpUrl).post('/checkout/start', { ...form, csrf: field(page, 'csrf') }),
        buyer.post('/checkout/cancel', { amazonCheckoutSessionId: id, csrf: otherToken }),
      ];
      for (const refused of await Promise.all(attempts)) {
        expect(refused.status).toBe(403);
        expect(refused.location).toBeNull();
        expect(refused.text).toMatch(/role="alert"/);
      }
      // The refusal page speaks the buyer's language.
      expect((await attempts[1])?.text).toContain('Ce formulaire a expiré');
      const session = await usClient.getCheckoutSession(id);
      expect(session.data).toMatchObject({ statusDetails: { state: 'Open' }, buyer: null });
    });

    it('refuses a challenge answer with a forged token, and the charge keeps waiting', async () => {
      const { chargeId, redirect, sessionId } = await challengedCharge(euClient, platform, eu);
      const buyer = browser(platform.httpUrl);
      const page = (await buyer.get(redirect)).text;
      const code = /data-testid="otp">(\d+)</.exec(page)?.[1] ?? '';
      const refused = await buyer.post('/checkout/challenge', {
        amazonCheckoutSessionId: sessionId,
        csrf: 'forged',
        code,
        action: 'verify',
      });
      expect(refused.status).toBe(403);
      expect((await euClient.getCharge(chargeId)).data.statusDetails).toMatchObject({
        state: 'ActionRequired',
      });
    });

    it('refuses wallet changes with a missing or foreign token', async () => {
      const permissionId = await setUpSavedWallet(usClient, platform, us);
      const other = await setUpSavedWallet(usClient, platform, us);
      const buyer = browser(platform.httpUrl);
      const wallet = `/jr/your-account/ba/${permissionId}`;
      await buyer.get(wallet);
      const otherToken = field((await buyer.get(`/jr/your-account/ba/${other}`)).text, 'csrf');
      for (const refused of [
        await buyer.post(`${wallet}/payment-method`, { instrumentId: 'card-4444' }),
        await buyer.post(`${wallet}/remove`, { csrf: otherToken, confirm: 'yes' }),
      ])
        expect(refused.status).toBe(403);
      expect((await usClient.getChargePermission(permissionId)).data).toMatchObject({
        statusDetails: { state: 'Chargeable' },
        paymentPreferences: [{ paymentDescriptor: 'Visa ****1111 (Amazon Pay)' }],
      });
    });
  });

  describe('no open redirect: the buyer only goes to URLs registered on the object', () => {
    const EVIL = 'https://evil.example/steal';
    const extras = {
      returnUrl: EVIL,
      redirect: EVIL,
      redirectUrl: EVIL,
      checkoutResultReturnUrl: EVIL,
      checkoutReviewReturnUrl: EVIL,
      checkoutCancelUrl: EVIL,
      next: EVIL,
    };
    const query = `&${new URLSearchParams(extras).toString()}`;

    it('checkout choice, processing and cancel ignore any destination they are given', async () => {
      const reviewed = await createSession(usClient, us, {
        webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW, checkoutCancelUrl: CANCEL },
      });
      const buyer = browser(platform.httpUrl);
      const page = (await buyer.get(start(reviewed, query))).text;
      expect(page).not.toContain('evil.example');
      const chosen = await buyer.post(`/checkout/start?${query.slice(1)}`, {
        ...extras,
        amazonCheckoutSessionId: reviewed,
        csrf: field(page, 'csrf'),
        buyerId: field(page, 'buyerId'),
        instrumentId: 'card-1111',
        addressIndex: '0',
      });
      expect(chosen.status).toBe(303);
      expect(chosen.location).toBe(`${REVIEW}?amazonCheckoutSessionId=${reviewed}`);

      const direct = await createSession(usClient, us);
      const landed = await platform.buyer.checkout(direct);
      expect(landed).toBe(`${RESULT}?amazonCheckoutSessionId=${direct}`);
      const again = await buyer.get(
        `/checkout/processing?amazonCheckoutSessionId=${direct}${query}`,
      );
      expect(again.location).toBe(`${RESULT}?amazonCheckoutSessionId=${direct}`);

      const canceled = await createSession(usClient, us);
      const cancelPage = (await buyer.get(start(canceled))).text;
      const cancel = await buyer.post('/checkout/cancel', {
        ...extras,
        amazonCheckoutSessionId: canceled,
        csrf: field(cancelPage, 'csrf'),
      });
      expect(cancel.location).toBe(`${CANCEL}?amazonCheckoutSessionId=${canceled}`);
    });

    it('the challenge returns to the charge’s checkoutResultReturnUrl whatever is posted', async () => {
      const { redirect, sessionId } = await challengedCharge(euClient, platform, eu);
      const buyer = browser(platform.httpUrl);
      const page = (await buyer.get(`${redirect}${query}`)).text;
      expect(page).not.toContain('evil.example');
      const answered = await buyer.post(`/checkout/challenge?${query.slice(1)}`, {
        ...extras,
        amazonCheckoutSessionId: sessionId,
        csrf: field(page, 'csrf'),
        code: /data-testid="otp">(\d+)</.exec(page)?.[1] ?? '',
        action: 'verify',
      });
      expect(answered.location).toBe(`${RESULT}?amazonCheckoutSessionId=${sessionId}`);
    });

    it('the wallet page only ever sends the buyer back to itself', async () => {
      const permissionId = await setUpSavedWallet(usClient, platform, us);
      const wallet = `/jr/your-account/ba/${permissionId}`;
      const buyer = browser(platform.httpUrl);
      const page = (await buyer.get(`${wallet}?${query.slice(1)}`)).text;
      const updated = await buyer.post(`${wallet}/payment-method?${query.slice(1)}`, {
        ...extras,
        csrf: field(page, 'csrf'),
        instrumentId: 'card-4444',
      });
      expect(updated.location).toBe(`${wallet}?done=updated`);
    });
  });

  describe('merchant- and buyer-controlled text is inert', () => {
    it('escapes a script in noteToBuyer and merchantStoreName', async () => {
      const id = await createSession(usClient, us, {
        merchantMetadata: {
          noteToBuyer: '<script>alert("note")</script><img src=x onerror=alert(1)>',
          merchantStoreName: '"><svg onload=alert(2)>',
        },
      });
      const page = await browser(platform.httpUrl).get(start(id));
      expect(page.text).toContain(
        '&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
      );
      expect(page.text).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
      expect(page.text).not.toMatch(/<script|<img|<svg/);
      // Even if something slipped through, the policy runs no script on these pages.
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain('script-src');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    });
  });

  describe('checkout page behaviour', () => {
    it('asks again, with an alert, when a Saved Wallet checkout is sent without consent', async () => {
      const id = await savedWalletSetupSession(usClient, us);
      const buyer = browser(platform.httpUrl, 'de');
      const page = (await buyer.get(start(id))).text;
      const refused = await buyer.post('/checkout/start', {
        amazonCheckoutSessionId: id,
        csrf: field(page, 'csrf'),
        buyerId: field(page, 'buyerId'),
        instrumentId: 'card-4444',
        addressIndex: '0',
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/role="alert"[^>]*>\s*Um fortzufahren/);
      // What the buyer had picked stays picked.
      expect(refused.text).toMatch(/value="card-4444"[^>]*checked/);
    });

    it('the buyer can switch to another test buyer and pick one of its addresses', async () => {
      const merchant = await platform.createMerchant({ region: 'NA' });
      const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
      const added = await fetch(
        `${platform.httpUrl}/_localpay/merchants/${merchant.merchantId}/test-buyers`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'Max Mustermann',
            email: 'max@example.com',
            cardEndings: ['4242'],
            addresses: [
              { name: 'Max', addressLine1: '1 A St', city: 'Austin', countryCode: 'US' },
              { name: 'Max', addressLine1: '2 B St', city: 'Boise', countryCode: 'US' },
            ],
          }),
        },
      );
      expect(added.status).toBe(201);
      const id = await createSession(client, merchant);
      const page = (await browser(platform.httpUrl).get(start(id))).text;
      expect(page).toContain('<legend>Test buyer</legend>');
      await platform.buyer.checkout(id, { buyer: 'Max', addressIndex: 1, cardEnding: '4242' });
      expect((await client.getCheckoutSession(id)).data).toMatchObject({
        buyer: { name: 'Max Mustermann' },
        shippingAddress: { city: 'Boise' },
        paymentPreferences: [{ paymentDescriptor: 'Visa ****4242 (Amazon Pay)' }],
      });
    });

    it('a session waiting on a challenge sends the buyer to it, and takes no new choice', async () => {
      const { chargeId, redirect, sessionId } = await challengedCharge(euClient, platform, eu);
      const buyer = browser(platform.httpUrl);
      const page = await buyer.get(start(sessionId));
      expect(page.status).toBe(303);
      expect(page.location).toBe(redirect);
      const challenge = (await buyer.get(redirect)).text;
      const chosen = await buyer.post('/checkout/start', {
        amazonCheckoutSessionId: sessionId,
        csrf: field(challenge, 'csrf'),
        buyerId: 'anyone',
        instrumentId: 'card-3434',
        addressIndex: '0',
      });
      expect(chosen.location).toBe(redirect);
      await platform.buyer.answerChallenge(redirect, 'pass');
      await euClient.completeCheckoutSession(sessionId, {}, idem());
      expect((await euClient.getCharge(chargeId)).data.statusDetails).toMatchObject({
        state: 'Captured',
      });
    });

    it('says so when the checkout has ended, and when it does not exist', async () => {
      const id = await createSession(usClient, us);
      await platform.buyer.cancel(id);
      const ended = await browser(platform.httpUrl, 'it').get(start(id));
      expect(ended.status).toBe(409);
      expect(ended.text).toContain('Questo pagamento è terminato');
      const missing = await browser(platform.httpUrl).get(start('S01-0000000-0000000'));
      expect(missing.status).toBe(404);
      expect(missing.text).toMatch(/role="alert"/);
    });

    it('hosted Update page (spec §12.3), PayOnly: the buyer picks a new card, Complete applies it', async () => {
      const permissionId = await setUpSavedWallet(usClient, platform, us);
      const id = await createSession(usClient, us, {
        chargePermissionId: permissionId,
        chargePermissionType: 'PaymentMethodOnFile',
        productType: 'PayOnly',
        paymentMethodOnFileMetadata: { setupOnly: true },
        paymentDetails: { paymentIntent: 'Confirm' },
      });
      const page = (await browser(platform.httpUrl).get(start(id))).text;
      expect(page).toContain('<h1>Update your Saved Wallet</h1>');
      expect(page).toContain('<legend>Billing address</legend>');
      expect(page).toContain('Your Saved Wallet now uses Visa ****1111 (Amazon Pay).');
      expect(await platform.buyer.checkout(id, { cardEnding: '4444' })).toBe(
        `${RESULT}?amazonCheckoutSessionId=${id}`,
      );
      await usClient.completeCheckoutSession(id, {}, idem());
      expect((await usClient.getChargePermission(permissionId)).data).toMatchObject({
        paymentPreferences: [{ paymentDescriptor: 'Mastercard ****4444 (Amazon Pay)' }],
      });
    });

    it('hosted Update page, PayAndShip: asks for a shipping address too', async () => {
      const permissionId = await setUpSavedWallet(usClient, platform, us);
      const id = await createSession(usClient, us, {
        chargePermissionId: permissionId,
        chargePermissionType: 'PaymentMethodOnFile',
        productType: 'PayAndShip',
        paymentMethodOnFileMetadata: { setupOnly: true },
        paymentDetails: { paymentIntent: 'Confirm' },
      });
      const page = (await browser(platform.httpUrl, 'es').get(start(id))).text;
      expect(page).toContain('<h1>Actualiza tu monedero guardado</h1>');
      expect(page).toContain('<legend>Dirección de envío</legend>');
    });
  });

  describe('Saved Wallet page', () => {
    it('update after HardDeclined: post, then redirect to the page with a notice', async () => {
      const permissionId = await hardDeclinedWallet(usClient, platform, us);
      const wallet = `/jr/your-account/ba/${permissionId}`;
      const buyer = browser(platform.httpUrl, 'fr');
      const page = (await buyer.get(wallet)).text;
      expect(page).toContain('data-state="NonChargeable"');
      expect(page).toContain('data-reasons="PaymentMethodInvalid"');
      const updated = await buyer.post(`${wallet}/payment-method`, {
        csrf: field(page, 'csrf'),
        instrumentId: 'card-4444',
      });
      expect(updated.status).toBe(303);
      const after = (await buyer.get(updated.location ?? '')).text;
      expect(after).toMatch(/role="status"[^>]*>\s*Votre moyen de paiement a été mis à jour/);
      expect(after).toContain('data-state="Chargeable"');
      expect((await usClient.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
        state: 'Chargeable',
      });
    });

    it('removal needs the confirmation box, then closes the wallet (BuyerClosed)', async () => {
      const permissionId = await setUpSavedWallet(usClient, platform, us);
      const wallet = `/jr/your-account/ba/${permissionId}`;
      const buyer = browser(platform.httpUrl);
      const page = (await buyer.get(wallet)).text;
      const unconfirmed = await buyer.post(`${wallet}/remove`, { csrf: field(page, 'csrf') });
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.text).toMatch(/role="alert"/);
      expect((await usClient.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
        state: 'Chargeable',
      });
      const removed = await buyer.post(`${wallet}/remove`, {
        csrf: field(page, 'csrf'),
        confirm: 'yes',
      });
      expect(removed.location).toBe(`${wallet}?done=removed`);
      expect((await usClient.getChargePermission(permissionId)).data.statusDetails).toMatchObject({
        state: 'Closed',
        reasons: [{ reasonCode: 'BuyerClosed' }],
      });
      const closed = (await buyer.get(removed.location ?? '')).text;
      expect(closed).not.toContain('<form');
      const failure = await sdkFailure(
        usClient.createCharge(
          {
            chargePermissionId: permissionId,
            chargeAmount: { amount: '1.00', currencyCode: 'USD' },
            chargeInitiator: 'MITR',
          },
          idem(),
        ),
      );
      expect(failure.status).toBe(422);
    });
  });
});
