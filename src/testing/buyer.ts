/**
 * A buyer without a browser: drives localpay's hosted pages over plain HTTP exactly as a browser
 * would (GET the page, keep its cookies, POST the form with its CSRF token, follow localpay's own
 * redirects), so tests need no Chromium. test/browser/ drives the same pages through Playwright.
 */
export type ChallengeAnswer = 'pass' | 'fail' | 'abandon';

export interface CheckoutChoice {
  /** Which test card to pay with, by its last four digits (spec §9.1). Default 1111. */
  readonly cardEnding?: string;
  /** Agree to keep the card on file (Saved Wallet and Recurring checkouts). Default true. */
  readonly consent?: boolean;
  /** Sign in as this test buyer (its buyerId or name) instead of the first one. */
  readonly buyer?: string;
  /** Which of the buyer's addresses to use, by position. Default 0. */
  readonly addressIndex?: number;
  /** How to answer an SCA challenge if the checkout shows one. Default 'pass'. */
  readonly challenge?: ChallengeAnswer;
}

export interface Buyer {
  /**
   * Signs in on the hosted page, chooses, goes through localpay's processing page (answering any
   * SCA challenge) and answers where the browser ends up: the merchant's review or result URL.
   */
  checkout(checkoutSessionId: string, choice?: CheckoutChoice): Promise<string>;
  /** Backs out on the hosted page and answers where the browser is sent. */
  cancel(checkoutSessionId: string): Promise<string>;
  /**
   * Opens `amazonPayRedirectUrl`, answers any SCA challenge it shows (default 'pass'), and
   * answers where the browser is sent (the result URL).
   */
  visit(url: string, options?: { readonly challenge?: ChallengeAnswer }): Promise<string>;
  /**
   * Opens a 202 charge's `amazonPayRedirectUrl`, answers the SCA challenge (types the code shown,
   * a wrong code, or cancels) and answers where the browser is sent (the result URL).
   */
  answerChallenge(url: string, answer: ChallengeAnswer): Promise<string>;
  /** On `/jr/your-account/ba/{id}`: switches the Saved Wallet to the test card with this ending. */
  updatePaymentMethod(chargePermissionId: string, cardEnding: string): Promise<void>;
  /** On `/jr/your-account/ba/{id}`: removes the Saved Wallet. */
  removeWallet(chargePermissionId: string): Promise<void>;
}

interface Page {
  readonly status: number;
  readonly url: string;
  readonly text: string;
  readonly location: string | null;
}

const unescape = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attribute = (tag: string, name: string): string | undefined => {
  const raw = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return raw === undefined ? undefined : unescape(raw);
};

const inputs = (page: string): string[] => page.match(/<input[^>]*>/g) ?? [];

/** The value of the hidden form field `name`. */
function fieldValue(page: string, name: string): string | undefined {
  return inputs(page)
    .filter((tag) => attribute(tag, 'name') === name && attribute(tag, 'type') === 'hidden')
    .map((tag) => attribute(tag, 'value'))
    .find((value) => value !== undefined);
}

const failure = (what: string, page: Page): Error =>
  new Error(`${what} answered ${page.status}: ${page.text.slice(0, 500)}`);

export function createBuyer(httpUrl: string): Buyer {
  const base = httpUrl.replace(/\/+$/, '');

  /** One browser visit: its own cookie jar, shared by every request it makes. */
  function browser() {
    const cookies = new Map<string, string>();
    const cookieHeader = (): Record<string, string> =>
      cookies.size === 0
        ? {}
        : { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };

    async function request(url: string, form?: Record<string, string>): Promise<Page> {
      const absolute = new URL(url, base).toString();
      const response = await fetch(absolute, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          ...cookieHeader(),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const split = pair.indexOf('=');
        if (split > 0) cookies.set(pair.slice(0, split).trim(), pair.slice(split + 1).trim());
      }
      const location = response.headers.get('location');
      return {
        status: response.status,
        url: absolute,
        text: await response.text(),
        location: location === null ? null : new URL(location, absolute).toString(),
      };
    }

    /** A page that must be a 200 form carrying a CSRF token. */
    async function form(url: string): Promise<{ page: Page; csrf: string }> {
      const page = await request(url);
      if (page.status !== 200) throw failure(url, page);
      const csrf = fieldValue(page.text, 'csrf');
      if (!csrf) throw new Error(`${url} has no CSRF token.`);
      return { page, csrf };
    }

    /** A form post that must answer with a redirect; answers where it leads. */
    async function submit(path: string, fields: Record<string, string>): Promise<string> {
      const page = await request(path, fields);
      if (page.status !== 303 || !page.location) throw failure(path, page);
      return page.location;
    }

    /** Answers the challenge shown on `page` (a processing page) and answers where it leads. */
    async function answer(page: Page, reply: ChallengeAnswer): Promise<string> {
      const shown = /data-testid="otp">(\d+)</.exec(page.text)?.[1];
      const csrf = fieldValue(page.text, 'csrf');
      if (!shown || !csrf) throw new Error(`${page.url} shows no challenge.`);
      const wrong = String((Number(shown) + 1) % 10 ** shown.length).padStart(shown.length, '0');
      return submit('/checkout/challenge', {
        amazonCheckoutSessionId: fieldValue(page.text, 'amazonCheckoutSessionId') ?? '',
        csrf,
        code: reply === 'pass' ? shown : wrong,
        action: reply === 'abandon' ? 'abandon' : 'verify',
      });
    }

    /**
     * Follows localpay's processing page the way a browser would: a redirect is followed, a
     * challenge answered. A processing page that refuses (the session is not ready yet) leaves
     * the browser there, so its URL is the answer.
     */
    async function through(url: string, reply: ChallengeAnswer): Promise<string> {
      let next = url;
      for (let hop = 0; hop < 5; hop += 1) {
        if (!next.startsWith(`${base}/checkout/processing`)) return next;
        const page = await request(next);
        if (page.status === 303 && page.location) next = page.location;
        else if (page.status === 200 && page.text.includes('data-testid="otp"'))
          next = await answer(page, reply);
        else return next;
      }
      throw new Error(`Too many redirects from ${url}.`);
    }

    return { request, form, submit, answer, through };
  }

  const startUrl = (sessionId: string, buyerId?: string): string =>
    `${base}/checkout/start?amazonCheckoutSessionId=${encodeURIComponent(sessionId)}${
      buyerId ? `&buyerId=${encodeURIComponent(buyerId)}` : ''
    }`;

  /** The buyer id a checkout page offers for `wanted` (an id or a name). */
  function buyerIdOn(page: string, wanted: string): string {
    const options = [...page.matchAll(/<label\s*>\s*(<input[^>]*>)([^<]*)<\/label/g)]
      .filter(([, tag = '']) => attribute(tag, 'name') === 'buyerId')
      .map(([, tag = '', label = '']) => [attribute(tag, 'value') ?? '', unescape(label).trim()]);
    const found = options.find(
      ([id = '', label = '']) => id === wanted || label.startsWith(wanted),
    );
    if (!found?.[0]) throw new Error(`No test buyer ${wanted} is offered.`);
    return found[0];
  }

  const walletUrl = (id: string): string => `${base}/jr/your-account/ba/${encodeURIComponent(id)}`;

  return {
    async checkout(sessionId, choice = {}) {
      const visit = browser();
      let opened = await visit.form(startUrl(sessionId));
      if (choice.buyer !== undefined)
        opened = await visit.form(startUrl(sessionId, buyerIdOn(opened.page.text, choice.buyer)));
      const ending = choice.cardEnding ?? '1111';
      const instrumentId = inputs(opened.page.text)
        .filter((tag) => attribute(tag, 'name') === 'instrumentId')
        .find((tag) => attribute(tag, 'data-testid') === `instrument-${ending}`);
      if (!instrumentId) throw new Error(`No test card ending ${ending} is offered.`);
      const next = await visit.submit('/checkout/start', {
        amazonCheckoutSessionId: sessionId,
        csrf: opened.csrf,
        buyerId: fieldValue(opened.page.text, 'buyerId') ?? '',
        addressIndex: String(choice.addressIndex ?? 0),
        instrumentId: attribute(instrumentId, 'value') ?? '',
        ...(choice.consent === false ? {} : { consent: 'yes' }),
      });
      return visit.through(next, choice.challenge ?? 'pass');
    },
    async cancel(sessionId) {
      const visit = browser();
      const { csrf } = await visit.form(startUrl(sessionId));
      return visit.submit('/checkout/cancel', { amazonCheckoutSessionId: sessionId, csrf });
    },
    async visit(url, options = {}) {
      const visit = browser();
      const page = await visit.request(url);
      if (page.status === 303 && page.location)
        return visit.through(page.location, options.challenge ?? 'pass');
      if (page.status === 200 && page.text.includes('data-testid="otp"'))
        return visit.through(await visit.answer(page, options.challenge ?? 'pass'), 'pass');
      throw failure(url, page);
    },
    async answerChallenge(url, reply) {
      const visit = browser();
      const page = await visit.request(url);
      if (page.status !== 200) throw failure(url, page);
      return visit.answer(page, reply);
    },
    async updatePaymentMethod(chargePermissionId, cardEnding) {
      const visit = browser();
      const url = walletUrl(chargePermissionId);
      const { page, csrf } = await visit.form(url);
      const method = inputs(page.text).find(
        (tag) => attribute(tag, 'data-testid') === `method-${cardEnding}`,
      );
      if (!method) throw new Error(`No test card ending ${cardEnding} is offered.`);
      await visit.submit(`${url}/payment-method`, {
        csrf,
        instrumentId: attribute(method, 'value') ?? '',
      });
    },
    async removeWallet(chargePermissionId) {
      const visit = browser();
      const url = walletUrl(chargePermissionId);
      const { csrf } = await visit.form(url);
      await visit.submit(`${url}/remove`, { csrf, confirm: 'yes' });
    },
  };
}
