import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BuyerCheckoutView } from '../../app/buyer-checkout.js';
import type { WalletView } from '../../app/buyer-wallet.js';
import type { ChargePermission } from '../../domain/charge-permission/charge-permission.js';
import {
  newCheckoutSession,
  type CreateCheckoutSessionInput,
} from '../../domain/checkout-session/checkout-session-operations.js';
import type { Merchant } from '../../domain/merchant/merchant.js';
import { defaultTestBuyer, type TestBuyer } from '../../domain/simulation/test-buyers.js';
import { challengeModelOf, renderChallenge } from './challenge-page.js';
import { renderCheckoutStart, type CheckoutStartModel } from './checkout-start-page.js';
import { translator } from './i18n/catalogue.js';
import { LANGUAGES, type Language } from './i18n/languages.js';
import { PAGE_SECURITY_HEADERS } from './layout.js';
import { renderProblem } from './problem-page.js';
import { renderWallet } from './wallet-page.js';

/**
 * The pages as pure functions: escaping of every merchant- and buyer-controlled value, and the
 * accessibility rules of issue point 8 checked on the markup (labels, legends, language).
 */
const SCRIPT = '<script>window.pwned=1</script>';
const IMG = '"><img src=x onerror="window.pwned=1">';
const merchant = { merchantId: 'A1', name: `Shop ${IMG}` } as Merchant;
const href = (lang: Language) => `/here?lang=${lang}`;

function session(input: Partial<CreateCheckoutSessionInput> = {}) {
  return newCheckoutSession(
    {
      storeId: 'store-1',
      webCheckoutDetails: { checkoutResultReturnUrl: 'https://merchant.example/result' },
      paymentDetails: {
        paymentIntent: 'AuthorizeWithCapture',
        chargeAmount: { minor: 4900, currency: 'EUR' },
      },
      merchantMetadata: { noteToBuyer: `Note ${SCRIPT}`, merchantStoreName: `Store ${IMG}` },
      ...input,
    },
    { id: 'S02-1111111-2222222', merchantId: 'A1', environment: 'Sandbox', region: 'EU', now: 0 },
  );
}

function hostileBuyer(): TestBuyer {
  const buyer = defaultTestBuyer('EU', 'buyer-1');
  return {
    ...buyer,
    details: { ...buyer.details, name: `Mallory ${SCRIPT}`, email: `m${IMG}@example.com` },
  };
}

function checkoutModel(overrides: Partial<CheckoutStartModel> = {}): CheckoutStartModel {
  const buyers = [hostileBuyer(), defaultTestBuyer('EU', 'buyer-2')];
  const view: BuyerCheckoutView = { session: session(), merchant, buyers };
  return {
    view,
    buyer: buyers[0],
    csrfToken: 'token"><b>',
    currentMethod: null,
    error: null,
    ...overrides,
  };
}

/** No element or attribute a hostile value could have brought in survived unescaped. */
function expectInert(page: string): void {
  expect(page).not.toContain('<script');
  expect(page).not.toContain('<img');
  // With attribute values blanked out, no tag carries an event handler.
  expect(page.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  expect(page).not.toContain('<b>');
}

/** Every visible control is labelled; every fieldset has a legend. */
function expectLabelled(page: string): void {
  const body = page.replace(/\s+/g, ' ');
  for (const input of body.match(/<input[^>]*>/g) ?? []) {
    if (/type="hidden"/.test(input)) continue;
    const id = /\sid="([^"]+)"/.exec(input)?.[1];
    const wrapped = new RegExp(`<label\\s*>\\s*${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    expect(
      (id !== undefined && body.includes(`<label for="${id}">`)) || wrapped.test(body),
      input,
    ).toBe(true);
  }
  const fieldsets = body.match(/<fieldset>/g)?.length ?? 0;
  expect(body.match(/<fieldset>\s*<legend>[^<]+<\/legend>/g)?.length ?? 0).toBe(fieldsets);
  for (const button of body.match(/<button[^>]*>([^<]*)<\/button>/g) ?? [])
    expect(button.replace(/<[^>]*>/g, '').trim()).not.toBe('');
}

describe('the checkout page', () => {
  it.each(LANGUAGES)('renders in %s, escaping buyer names and merchant notes', (lang) => {
    const page = renderCheckoutStart(translator(lang), checkoutModel(), href);
    expect(page).toMatch(new RegExp(`<html lang="${lang}">`));
    expectInert(page);
    expect(page).toContain('Mallory &lt;script&gt;window.pwned=1&lt;/script&gt;');
    expect(page).toContain('Note &lt;script&gt;');
    expect(page).toContain('Store &quot;&gt;&lt;img');
    expect(page).toContain('value="token&quot;&gt;&lt;b&gt;"');
    expectLabelled(page);
  });

  it('formats the amount for the language', () => {
    const de = renderCheckoutStart(translator('de'), checkoutModel(), href);
    expect(de).toMatch(/Betrag: 49,00\s€/);
    const en = renderCheckoutStart(translator('en'), checkoutModel(), href);
    expect(en).toContain('Amount: €49.00');
  });

  it('asks for consent on Saved Wallet checkouts, as a required, labelled checkbox', () => {
    const model = checkoutModel();
    const wallet = {
      ...model,
      view: { ...model.view, session: session({ chargePermissionType: 'PaymentMethodOnFile' }) },
    };
    const page = renderCheckoutStart(translator('en'), wallet, href);
    expect(page).toMatch(/name="consent"[^>]*required/);
    expect(page).toContain('(Saved Wallet)');
    expect(renderCheckoutStart(translator('en'), model, href)).not.toContain('name="consent"');
  });

  it('shows the hosted Update flow (spec §12.3): PayOnly asks for a billing address', () => {
    const model = checkoutModel({ currentMethod: 'Visa ****1111 (Amazon Pay)' });
    const update = session({
      chargePermissionType: 'PaymentMethodOnFile',
      productType: 'PayOnly',
      paymentMethodOnFileMetadata: { setupOnly: true },
      paymentDetails: { paymentIntent: 'Confirm' },
      chargePermissionId: 'B02-1234567-1234567',
    });
    const page = renderCheckoutStart(
      translator('en'),
      { ...model, view: { ...model.view, session: update } },
      href,
    );
    expect(page).toContain('<h1>Update your Saved Wallet</h1>');
    expect(page).toContain('<legend>Billing address</legend>');
    expect(page).toContain('Your Saved Wallet now uses Visa ****1111');
    expect(page).toContain('Use this payment method for future payments');
    expect(page).not.toContain('data-testid="amount"');
  });

  it('announces a refused choice with role="alert"', () => {
    const page = renderCheckoutStart(
      translator('it'),
      checkoutModel({ error: 'checkout.errorConsent' }),
      href,
    );
    expect(page).toMatch(/role="alert"[^>]*>\s*Per continuare/);
  });
});

describe('the challenge page', () => {
  const challengeSession = {
    ...session(),
    challenge: {
      chargeId: 'C1',
      chargePermissionId: 'B1',
      code: '123456',
      outcome: 'Pending' as const,
    },
  };
  const model = challengeModelOf(
    { session: challengeSession, merchant, open: true, returnUrl: 'https://merchant.example/r' },
    'tok',
  );

  it.each(LANGUAGES)('renders in %s with stable test ids and no frames', (lang) => {
    const page = renderChallenge(translator(lang), model, href);
    expect(page).toMatch(new RegExp(`<html lang="${lang}">`));
    for (const id of ['otp', 'code-input', 'verify', 'abandon', 'test-code', 'amount'])
      expect(page).toContain(`data-testid="${id}"`);
    expect(page).toMatch(/data-testid="otp">123456</);
    expect(page).not.toMatch(/<iframe|<script/);
    expectInert(page);
    expectLabelled(page);
  });

  it('posts only its own fields: no return URL travels with the form', () => {
    const page = renderChallenge(translator('en'), model, href);
    const hidden = [...page.matchAll(/type="hidden" name="([^"]+)"/g)].map((m) => m[1]);
    expect(hidden).toEqual(['amazonCheckoutSessionId', 'csrf']);
    expect(page).not.toContain('merchant.example');
  });
});

describe('the Saved Wallet page', () => {
  const buyer = defaultTestBuyer('EU', 'buyer-1');
  const permission = {
    id: 'B02-1234567-1234567',
    state: 'NonChargeable',
    reasons: [{ reasonCode: 'PaymentMethodInvalid', reasonDescription: null }],
    paymentInstrument: buyer.instruments[6],
  } as unknown as ChargePermission;
  const view: WalletView = { permission, merchant, instruments: buyer.instruments };

  it.each(LANGUAGES)('renders in %s with both forms labelled', (lang) => {
    const page = renderWallet(
      translator(lang),
      { view, csrfToken: 't', notice: null, error: null },
      href,
    );
    expect(page).toContain('data-state="NonChargeable"');
    expect(page).toContain('data-reasons="PaymentMethodInvalid"');
    expect(page).toMatch(/name="confirm"[^>]*required/);
    expectInert(page);
    expectLabelled(page);
  });

  it('offers no form once the Saved Wallet is closed', () => {
    const closed = { ...view, permission: { ...permission, state: 'Closed' as const } };
    const page = renderWallet(
      translator('es'),
      { view: closed, csrfToken: 't', notice: 'removed', error: null },
      href,
    );
    expect(page).not.toContain('<form');
    expect(page).toMatch(/role="status"[^>]*>\s*Tu monedero guardado se ha eliminado/);
  });
});

describe('the problem page', () => {
  it('escapes the technical details', () => {
    const t = translator('de');
    const page = renderProblem(t, t.text('problem.title'), t.text('problem.generic'), SCRIPT);
    expectInert(page);
    expect(page).toMatch(/role="alert"/);
  });
});

describe('the page frame', () => {
  it('allows exactly its own stylesheet by hash, and no script', () => {
    const t = translator('en');
    const page = renderProblem(t, 'x', 'y');
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    const policy = PAGE_SECURITY_HEADERS['content-security-policy'];
    expect(policy).toContain(`style-src 'sha256-${hash}'`);
    expect(policy).toContain("default-src 'none'");
    expect(style.length).toBeLessThan(2000);
  });
});
