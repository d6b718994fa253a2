/**
 * A buyer without a browser: drives localpay's hosted checkout pages over plain HTTP exactly as a
 * browser would (GET the form, keep the CSRF cookie, POST the choice, follow the redirect), so CI
 * runs need no Chromium. Browser tests drive the same pages through Playwright.
 */
export interface CheckoutChoice {
  /** Which test card to pay with, by its last four digits (spec §9.1). Default 1111. */
  readonly cardEnding?: string;
  /** Agree to keep the card on file (Saved Wallet and Recurring checkouts). Default true. */
  readonly consent?: boolean;
}

export interface Buyer {
  /** Signs in on the hosted page, chooses, and answers where the browser is sent next. */
  checkout(checkoutSessionId: string, choice?: CheckoutChoice): Promise<string>;
  /** Backs out on the hosted page and answers where the browser is sent. */
  cancel(checkoutSessionId: string): Promise<string>;
  /** Opens `amazonPayRedirectUrl` and answers where the browser is sent (the result URL). */
  visit(url: string): Promise<string>;
  /**
   * Opens a 202 charge's `amazonPayRedirectUrl`, answers the SCA challenge (types the code shown,
   * a wrong code, or cancels) and answers where the browser is sent (the result URL).
   */
  answerChallenge(url: string, answer: 'pass' | 'fail' | 'abandon'): Promise<string>;
  /** On `/jr/your-account/ba/{id}`: switches the Saved Wallet to the test card with this ending. */
  updatePaymentMethod(chargePermissionId: string, cardEnding: string): Promise<void>;
  /** On `/jr/your-account/ba/{id}`: removes the Saved Wallet. */
  removeWallet(chargePermissionId: string): Promise<void>;
}

interface FormPage {
  readonly cookie: string;
  readonly csrf: string;
  readonly choices: readonly string[];
}

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`)
    .exec(tag)?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

export function createBuyer(httpUrl: string): Buyer {
  async function openForm(sessionId: string): Promise<FormPage> {
    const response = await fetch(
      `${httpUrl}/checkout/start?amazonCheckoutSessionId=${encodeURIComponent(sessionId)}`,
    );
    const page = await response.text();
    if (response.status !== 200)
      throw new Error(`The checkout page answered ${response.status}: ${page.slice(0, 500)}`);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const inputs = page.match(/<input[^>]*>/g) ?? [];
    const csrf = inputs
      .map((tag) => (attribute(tag, 'name') === 'csrf' ? attribute(tag, 'value') : undefined))
      .find(Boolean);
    const choices = inputs
      .filter((tag) => attribute(tag, 'name') === 'choice')
      .map((tag) => attribute(tag, 'value') ?? '');
    if (!csrf) throw new Error('The checkout page has no CSRF token.');
    return { cookie, csrf, choices };
  }

  async function post(
    path: string,
    cookie: string,
    fields: Record<string, string>,
  ): Promise<string> {
    const response = await fetch(`${httpUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams(fields).toString(),
    });
    const location = response.headers.get('location');
    if (response.status !== 303 || !location)
      throw new Error(
        `The checkout page answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    return location;
  }

  /** GETs a page and reads its CSRF cookie and token, and the value of one more input. */
  async function readPage(url: string): Promise<{ cookie: string; csrf: string; page: string }> {
    const response = await fetch(url);
    const page = await response.text();
    if (response.status !== 200)
      throw new Error(`${url} answered ${response.status}: ${page.slice(0, 500)}`);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = (page.match(/<input[^>]*>/g) ?? [])
      .map((tag) => (attribute(tag, 'name') === 'csrf' ? attribute(tag, 'value') : undefined))
      .find(Boolean);
    if (!csrf) throw new Error(`${url} has no CSRF token.`);
    return { cookie, csrf, page };
  }

  async function postPage(
    path: string,
    cookie: string,
    fields: Record<string, string>,
  ): Promise<void> {
    const response = await fetch(`${httpUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams(fields).toString(),
    });
    if (response.status !== 200)
      throw new Error(
        `${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
  }

  return {
    async answerChallenge(url, answer) {
      const { cookie, csrf, page } = await readPage(url);
      const shown = /one-time code is <strong>(\d+)<\/strong>/.exec(page)?.[1];
      if (!shown) throw new Error('The challenge page shows no code.');
      const sessionId = new URL(url).searchParams.get('amazonCheckoutSessionId') ?? '';
      const code =
        answer === 'pass' ? shown : String((Number(shown) + 1) % 1_000_000).padStart(6, '0');
      return post('/checkout/challenge', cookie, {
        amazonCheckoutSessionId: sessionId,
        csrf,
        code,
        action: answer === 'abandon' ? 'abandon' : 'verify',
      });
    },
    async updatePaymentMethod(chargePermissionId, cardEnding) {
      const { cookie, csrf } = await readPage(
        `${httpUrl}/jr/your-account/ba/${encodeURIComponent(chargePermissionId)}`,
      );
      await postPage(
        `/jr/your-account/ba/${encodeURIComponent(chargePermissionId)}/payment-method`,
        cookie,
        { csrf, instrumentId: `card-${cardEnding}` },
      );
    },
    async removeWallet(chargePermissionId) {
      const { cookie, csrf } = await readPage(
        `${httpUrl}/jr/your-account/ba/${encodeURIComponent(chargePermissionId)}`,
      );
      await postPage(
        `/jr/your-account/ba/${encodeURIComponent(chargePermissionId)}/remove`,
        cookie,
        { csrf },
      );
    },
    async checkout(sessionId, choice = {}) {
      const form = await openForm(sessionId);
      const ending = choice.cardEnding ?? '1111';
      const picked = form.choices.find((value) => value.endsWith(`card-${ending}`));
      if (!picked) throw new Error(`No test card ending ${ending} is offered.`);
      return post('/checkout/start', form.cookie, {
        amazonCheckoutSessionId: sessionId,
        csrf: form.csrf,
        addressIndex: '0',
        choice: picked,
        ...(choice.consent === false ? {} : { consent: 'yes' }),
      });
    },
    async cancel(sessionId) {
      const form = await openForm(sessionId);
      return post('/checkout/cancel', form.cookie, {
        amazonCheckoutSessionId: sessionId,
        csrf: form.csrf,
      });
    },
    async visit(url) {
      const response = await fetch(url, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (!location)
        throw new Error(
          `${url} answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
        );
      return location;
    },
  };
}
