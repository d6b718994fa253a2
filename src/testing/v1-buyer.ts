/**
 * A v1 buyer without a browser: signs in on localpay's Login with Amazon page, uses the widgets'
 * API as Widgets.js does (AddressBook, Wallet, Consent), and walks the hosted Confirmation Flow,
 * answering the challenge, exactly as a browser would (cookies, CSRF tokens, redirects). The
 * browser tests under test/browser/ drive the same pages and script through Chromium.
 */
export type V1ChallengeAnswer = 'pass' | 'fail' | 'abandon';

export interface V1ContractChoice {
  /** The test card, by its last four digits (including the * cards 5656, 4545, 2323, 3434). Default 1111. */
  readonly cardEnding?: string;
  readonly addressIndex?: number;
  /** Billing agreements: tick the Consent widget. Default true. */
  readonly consent?: boolean;
  readonly environment?: 'Sandbox' | 'Live';
}

export type FlowResult =
  | { readonly kind: 'redirect'; readonly url: string; readonly challenged: boolean }
  | {
      readonly kind: 'page';
      readonly status: number;
      readonly title: string;
      readonly text: string;
    };

export interface V1Buyer {
  /** Signs in as the merchant's first (or the named) test buyer; answers the access token. */
  signIn(clientId: string, buyerName?: string): Promise<string>;
  /** What the AddressBook and Wallet widgets do for a new order reference; answers its id. */
  createOrderReference(
    accessToken: string,
    sellerId: string,
    choice?: V1ContractChoice,
  ): Promise<string>;
  /** The same with agreementType BillingAgreement, plus the Consent widget; answers its id. */
  createBillingAgreement(
    accessToken: string,
    sellerId: string,
    choice?: V1ContractChoice,
  ): Promise<string>;
  /** Picks another card in the Wallet widget of an existing order reference or billing agreement. */
  choosePaymentMethod(
    accessToken: string,
    sellerId: string,
    id: string,
    cardEnding: string,
  ): Promise<void>;
  /** confirmationFlow.success(): opens the hosted page, answers any challenge, answers where the buyer lands. */
  confirmationFlow(sellerId: string, id: string, answer?: V1ChallengeAnswer): Promise<FlowResult>;
}

interface WidgetView {
  readonly id: string;
  readonly instruments: readonly { readonly instrumentId: string; readonly cardEnding: string }[];
}

const unescapeHtml = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const field = (page: string, name: string): string | undefined => {
  for (const tag of page.match(/<input[^>]*>/g) ?? [])
    if (new RegExp(`\\sname="${name}"`).test(tag)) {
      const value = /\svalue="([^"]*)"/.exec(tag)?.[1];
      if (value !== undefined) return unescapeHtml(value);
    }
  return undefined;
};

export function createV1Buyer(httpUrl: string): V1Buyer {
  const base = httpUrl.replace(/\/+$/, '');

  function browser() {
    const cookies = new Map<string, string>();
    return async function request(url: string, form?: Record<string, string>) {
      const absolute = new URL(url, base).toString();
      const response = await fetch(absolute, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          ...(cookies.size === 0
            ? {}
            : { cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; ') }),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
      const location = response.headers.get('location');
      return {
        status: response.status,
        text: await response.text(),
        location: location === null ? null : new URL(location, absolute).toString(),
      };
    };
  }

  async function widget(path: string, fields: Record<string, string>): Promise<WidgetView> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
    });
    const json = (await response.json()) as WidgetView & {
      errorCode?: string;
      errorMessage?: string;
    };
    if (!response.ok)
      throw new Error(`${path}: ${json.errorCode ?? response.status} ${json.errorMessage ?? ''}`);
    return json;
  }

  async function pick(
    token: string,
    sellerId: string,
    id: string,
    environment: string,
    view: WidgetView,
    cardEnding: string,
  ): Promise<void> {
    const instrument = view.instruments.find((i) => i.cardEnding === cardEnding);
    if (!instrument) throw new Error(`No test card ending ${cardEnding} is offered.`);
    await widget(`/widgets/v1/contracts/${id}`, {
      accessToken: token,
      sellerId,
      environment,
      action: 'paymentMethod',
      instrumentId: instrument.instrumentId,
    });
  }

  async function createContract(
    kind: 'OrderReference' | 'BillingAgreement',
    token: string,
    sellerId: string,
    choice: V1ContractChoice,
  ): Promise<string> {
    const environment = choice.environment ?? 'Sandbox';
    const common = { accessToken: token, sellerId, environment };
    const created = await widget('/widgets/v1/contracts', { ...common, kind });
    const view = await widget(`/widgets/v1/contracts/${created.id}`, { ...common, action: 'view' });
    await widget(`/widgets/v1/contracts/${created.id}`, {
      ...common,
      action: 'address',
      addressIndex: String(choice.addressIndex ?? 0),
    });
    await pick(token, sellerId, created.id, environment, view, choice.cardEnding ?? '1111');
    if (kind === 'BillingAgreement' && choice.consent !== false)
      await widget(`/widgets/v1/contracts/${created.id}`, {
        ...common,
        action: 'consent',
        consent: 'true',
      });
    return created.id;
  }

  return {
    async signIn(clientId, buyerName) {
      const request = browser();
      // A loopback URL: every store allows those until its merchant registers others.
      const redirect = 'http://127.0.0.1/after-login';
      const page = await request(
        `/ap/oa?${new URLSearchParams({ client_id: clientId, scope: 'profile payments:widget payments:shipping_address', response_type: 'token', redirect_uri: redirect }).toString()}`,
      );
      if (page.status !== 200)
        throw new Error(`The login page answered ${page.status}: ${page.text.slice(0, 300)}`);
      // Each buyer is a radio input named buyerId, its label text (name, email) right after it.
      const options = [...page.text.matchAll(/<input([^>]*name="buyerId"[^>]*)>\s*([^<(]*)/g)].map(
        (m) => [m[0], /\svalue="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? '', m[2] ?? ''] as const,
      );
      const chosen =
        buyerName === undefined
          ? options[0]
          : options.find((o) => (o[2] ?? '').trim().startsWith(buyerName));
      if (!chosen?.[1]) throw new Error(`No test buyer ${buyerName ?? ''} is offered.`);
      const answer = await request('/ap/oa', {
        client_id: clientId,
        redirect_uri: redirect,
        scope: field(page.text, 'scope') ?? '',
        state: '',
        csrf: field(page.text, 'csrf') ?? '',
        buyerId: unescapeHtml(chosen[1]),
      });
      const token =
        answer.location === null ? null : new URL(answer.location).searchParams.get('access_token');
      if (answer.status !== 303 || token === null)
        throw new Error(`Sign-in answered ${answer.status}: ${answer.text.slice(0, 300)}`);
      return token;
    },
    createOrderReference: (token, sellerId, choice = {}) =>
      createContract('OrderReference', token, sellerId, choice),
    createBillingAgreement: (token, sellerId, choice = {}) =>
      createContract('BillingAgreement', token, sellerId, choice),
    async choosePaymentMethod(token, sellerId, id, cardEnding) {
      const view = await widget(`/widgets/v1/contracts/${id}`, {
        accessToken: token,
        sellerId,
        environment: 'Sandbox',
        action: 'view',
      });
      await pick(token, sellerId, id, 'Sandbox', view, cardEnding);
    },
    async confirmationFlow(sellerId, id, answer = 'pass') {
      const request = browser();
      const page = await request(
        `/confirmation-flow?${new URLSearchParams({ sellerId, amazonPaymentContractId: id }).toString()}`,
      );
      if (page.status === 303 && page.location)
        return { kind: 'redirect', url: page.location, challenged: false };
      const code = /data-testid="otp">(\d+)</.exec(page.text)?.[1];
      if (page.status !== 200 || code === undefined)
        return {
          kind: 'page',
          status: page.status,
          title: unescapeHtml(/<h1>([^<]*)<\/h1>/.exec(page.text)?.[1] ?? ''),
          text: page.text,
        };
      const wrong = String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');
      const done = await request('/confirmation-flow/challenge', {
        amazonPaymentContractId: field(page.text, 'amazonPaymentContractId') ?? id,
        sellerId: field(page.text, 'sellerId') ?? sellerId,
        csrf: field(page.text, 'csrf') ?? '',
        code: answer === 'pass' ? code : wrong,
        action: answer === 'abandon' ? 'abandon' : 'verify',
      });
      if (done.status !== 303 || !done.location)
        throw new Error(`The challenge answered ${done.status}: ${done.text.slice(0, 300)}`);
      return { kind: 'redirect', url: done.location, challenged: true };
    },
  };
}
