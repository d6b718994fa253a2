import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  answerChallenge,
  buyerPage,
  eventually,
  flash,
  shot,
  startShop,
  textOf,
  type ShopUnderTest,
} from '../shop/shop-harness.js';
import { launchChromium, SKIP_BROWSER_SUITES } from './browser-support.js';

/**
 * Issue "Reference merchant shop", point 3 (seed 004) in Chromium: the shop of examples/shop sets
 * up a Saved Wallet and charges a subscription against a live localpay, through the official v2
 * SDK. Every branch of seed 004 runs: 201, 202 passed / failed / abandoned (Complete Checkout
 * Session, or seed 004's message and a new checkout), SoftDeclined and ProcessingFailure retried
 * on a Chargeable permission, HardDeclined → update link → IPN → retry, and cancelling. Pages are
 * checked in English, German, French and Italian; screenshots go to test-output/screenshots/shop/.
 */

const NOT_SUCCESSFUL = {
  en: 'Your payment was not successful. Please try another payment method.',
  fr: "Votre paiement n'a pas abouti. Veuillez essayer un autre moyen de paiement.",
  it: 'Il pagamento non è andato a buon fine. Prova con un altro metodo di pagamento.',
} as const;

describe.skipIf(SKIP_BROWSER_SUITES)(
  'reference shop: subscriptions on a Saved Wallet (seed 004)',
  () => {
    let browser: Browser;
    let t: ShopUnderTest;

    beforeAll(async () => {
      [browser, t] = await Promise.all([launchChromium(), startShop()]);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    /** Subscribe to a plan and set up the Saved Wallet on Amazon Pay (seed 004's steps 1 to 6). */
    async function subscribe(
      page: Page,
      plan: 'filter' | 'espresso',
      setupChallenge: 'pass' | 'fail' = 'pass',
      shots = false,
    ): Promise<void> {
      await page.goto(`${t.url}/subscriptions`);
      if (shots) await shot(page, `v2-01-plans`);
      // The plan's Amazon Pay button (checkout.js) with the shop's signed payload.
      await page.getByTestId(`plan-${plan}`).getByTestId('amazon-pay-button').click();
      // Amazon Pay's hosted checkout, in the shop's language (checkoutLanguage).
      await page.waitForURL(/\/checkout\/start/);
      await page.getByTestId('instrument-1111').check();
      await page.getByTestId('consent').check();
      if (shots) await shot(page, `v2-02-amazon-pay-checkout`);
      await page.getByTestId('continue').click();
      // Saving a payment method sets up a mandate: the EU issuer challenges it.
      await page.waitForURL(/\/checkout\/processing/);
      if (shots) await shot(page, `v2-03-challenge`);
      await answerChallenge(page, setupChallenge);
    }

    const subscriptionCard = (page: Page) => page.getByTestId('subscription').first();
    const chargeStates = (page: Page) =>
      page
        .getByTestId('charge')
        .evaluateAll((rows) =>
          rows.map((row) => (row as unknown as { dataset: { state: string } }).dataset.state),
        );
    const subscriptionId = async (page: Page) =>
      (await subscriptionCard(page).getAttribute('data-id')) ?? '';
    const permissionOf = async (page: Page) =>
      (await subscriptionCard(page).getAttribute('data-charge-permission-id')) ?? '';

    it('201: a low-value first month is charged at once; soft declines and processing failures are retried; cancel closes the permission (en)', async () => {
      const page = await buyerPage(browser, 'en-GB');
      await subscribe(page, 'filter', 'pass', true);
      await page.waitForURL(`${t.url}/account`);
      expect(await flash(page)).toBe('Thank you! Your subscription is active. We charged €19.00.');
      await expect(subscriptionCard(page).getAttribute('data-status')).resolves.toBe('Active');
      expect(await page.getByTestId('subscription-status').innerText()).toBe('Active');
      expect(await page.locator('body').innerText()).toContain('Visa ****1111 (Amazon Pay)');
      await shot(page, 'v2-04-subscribed');

      // A renewal that is soft declined: Get Charge Permission says Chargeable, so Create Charge again.
      for (const code of ['SoftDeclined', 'ProcessingFailure']) {
        await page.getByTestId('renewal-simulation').selectOption(code);
        await page.getByTestId('renew').click();
        await page.waitForURL(`${t.url}/account`);
        expect(await flash(page)).toBe('We charged €19.00 for the next month.');
        expect(t.log).toContain(
          `Create Charge for ${await subscriptionId(page)} declined: ${code}`,
        );
      }
      // The declined attempts reach the shop by IPN (it GETs each charge it is told about).
      await eventually(async () => {
        await page.reload();
        return (await chargeStates(page)).sort();
      }, ['Captured', 'Captured', 'Captured', 'Declined', 'Declined']);
      await shot(page, 'v2-05-renewals');

      await page.getByTestId('cancel-subscription').click();
      await page.waitForURL(`${t.url}/account`);
      expect(await flash(page)).toBe(
        'Your subscription is canceled. Amazon Pay will not charge you again for it.',
      );
      expect(await page.getByTestId('subscription-status').innerText()).toBe('Canceled');
      expect(await page.getByTestId('renew').count()).toBe(0);
      await shot(page, 'v2-06-canceled');
      const permission = await t.v2.getChargePermission(await permissionOf(page));
      expect(permission.data.statusDetails).toMatchObject({
        state: 'Closed',
        reasons: [{ reasonCode: 'MerchantClosed' }],
      });
      await page.context().close();
    });

    it('202: the first month needs the buyer; the challenge passes, Complete Checkout Session; HardDeclined → update link → IPN → charged again (de)', async () => {
      const page = await buyerPage(browser, 'de-DE');
      await subscribe(page, 'espresso');
      // Create Charge answered 202: the shop sent the buyer to amazonPayRedirectUrl.
      await page.waitForURL(/\/checkout\/processing/);
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      await expect(page.getByTestId('amount').textContent()).resolves.toMatch(/49,00\s€/);
      await shot(page, 'v2-07-charge-challenge', true);
      await answerChallenge(page, 'pass');
      await page.waitForURL(`${t.url}/account`);
      expect(await flash(page)).toBe(
        'Vielen Dank! Ihr Abo ist aktiv. Wir haben 49,00 € abgebucht.',
      );
      expect(await chargeStates(page)).toEqual(['Captured']);
      const permissionId = await permissionOf(page);

      // Every IPN now comes three times: a forged copy first, the genuine one, a duplicate.
      const merchantId = t.shop.config.amazonPay.merchantId;
      await t.admin('PATCH', `/merchants/${merchantId}/ipn`, {
        chaos: { duplicateRate: 1, badSignatureRate: 1 },
      });
      await page.getByTestId('renewal-simulation').selectOption('HardDeclined');
      await page.getByTestId('renew').click();
      await page.waitForURL(`${t.url}/account`);
      expect(await page.getByTestId('subscription-status').innerText()).toBe(
        'Zahlungsart muss aktualisiert werden',
      );
      expect(await textOf(page, 'update-needed')).toContain(
        'Amazon Pay hat Ihre Zahlungsart abgelehnt. Bitte aktualisieren Sie sie bei Amazon Pay: Wir buchen 49,00 € ab, sobald Amazon Pay uns die Änderung meldet.',
      );
      const link = page.getByTestId('update-payment-method');
      expect(await link.getAttribute('href')).toBe(
        `${t.localpayUrl}/jr/your-account/ba/${permissionId}`,
      );
      await shot(page, 'v2-08-hard-declined', true);

      // The buyer picks another card on Amazon Pay's page (seed 004's update link).
      await link.click();
      await page.waitForURL(/\/jr\/your-account\/ba\//);
      await page.getByTestId('method-0005').check();
      await page.getByTestId('update-method').click();
      await page.waitForURL(/done=updated/);
      await shot(page, 'v2-09-payment-method-updated');

      // Back at the shop: the IPN made it charge the month again; the page reloads on its own.
      await page.goto(`${t.url}/account`);
      await eventually(() => subscriptionCard(page).getAttribute('data-status'), 'Active');
      await eventually(
        async () => (await chargeStates(page)).sort(),
        ['Captured', 'Captured', 'Declined'],
      );
      expect(await page.locator('body').innerText()).toContain('Discover ****0005 (Amazon Pay)');
      await shot(page, 'v2-10-charged-after-update', true);

      // The forged copies were refused (400), the duplicates did not charge twice.
      await t.shop.localpay.ipn.dispatcher?.whenIdle();
      const attempts = (await t.admin('GET', `/ipn/attempts?merchantId=${merchantId}`))
        .attempts as { chaos: string | null; outcome: string; statusCode: number | null }[];
      const forged = attempts.filter((a) => a.chaos === 'badSignature');
      expect(forged.length).toBeGreaterThanOrEqual(4);
      expect(new Set(forged.map((a) => [a.statusCode, a.outcome].join()))).toEqual(
        new Set(['400,rejected']),
      );
      expect(t.log.filter((line) => line.startsWith('IPN rejected')).length).toBe(forged.length);
      await page.reload();
      expect((await chargeStates(page)).sort()).toEqual(['Captured', 'Captured', 'Declined']);
      await t.admin('PATCH', `/merchants/${merchantId}/ipn`, {
        chaos: { duplicateRate: 0, badSignatureRate: 0 },
      });
      await page.context().close();
    });

    it("202: a failed challenge shows seed 004's message and restarts the checkout (fr)", async () => {
      const page = await buyerPage(browser, 'fr-FR');
      await subscribe(page, 'espresso');
      await page.waitForURL(/\/checkout\/processing/);
      const sessionId = new URL(page.url()).searchParams.get('amazonCheckoutSessionId') ?? '';
      await answerChallenge(page, 'fail');
      // Complete Checkout Session answered an error: back to the start of checkout.
      await page.waitForURL(`${t.url}/subscriptions?plan=espresso`);
      expect(await flash(page)).toBe(NOT_SUCCESSFUL.fr);
      expect(await page.getByRole('alert').innerText()).toBe(NOT_SUCCESSFUL.fr);
      await shot(page, 'v2-11-payment-not-successful', true);
      // The shop closed the Saved Wallet it could not charge; the buyer starts a new checkout.
      const session = await t.v2.getCheckoutSession(sessionId);
      const permission = await t.v2.getChargePermission(String(session.data.chargePermissionId));
      expect(permission.data.statusDetails).toMatchObject({
        state: 'Closed',
        reasons: [{ reasonCode: 'MerchantClosed' }],
      });
      await page.getByTestId('plan-espresso').getByTestId('amazon-pay-button').click();
      await page.waitForURL(/\/checkout\/start/);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      await page.context().close();
    });

    it('202 abandoned, and a failed Saved Wallet set-up, end with the same message (it)', async () => {
      const page = await buyerPage(browser, 'it-IT');
      await subscribe(page, 'espresso');
      await page.waitForURL(/\/checkout\/processing/);
      await answerChallenge(page, 'abandon');
      await page.waitForURL(`${t.url}/subscriptions?plan=espresso`);
      expect(await flash(page)).toBe(NOT_SUCCESSFUL.it);

      // The set-up challenge itself fails: Complete Checkout Session of the set-up answers an error.
      await subscribe(page, 'filter', 'fail');
      await page.waitForURL(`${t.url}/subscriptions?plan=filter`);
      expect(await flash(page)).toBe(NOT_SUCCESSFUL.it);
      await page.goto(`${t.url}/account`);
      expect(await page.getByTestId('subscription').count()).toBe(0);
      await page.context().close();
    });
  },
);
