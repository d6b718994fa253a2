import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OrderReferenceResult } from '../../examples/shop/amazon-pay-clients.js';
import {
  answerChallenge,
  buyerPage,
  flash,
  shot,
  startShop,
  textOf,
  type ShopUnderTest,
} from '../shop/shop-harness.js';
import { launchChromium, SKIP_BROWSER_SUITES } from './browser-support.js';

/**
 * Issue "Reference merchant shop", point 2 (seed 000) in Chromium: the shop of examples/shop sells
 * a grinder through the v1 API (`amazon-payments`) and localpay's Widgets.js. Buy now calls
 * initConfirmationFlow first; the shop's endpoint confirms the child order reference of the
 * buyer's billing agreement, or answers an error so the page calls confirmationFlow.error(); the
 * SuccessUrl validates, authorizes and captures; the FailureUrl handles Failure, Abandoned and
 * the ErrorCodes. Messages are checked in English, French, German, Italian and Spanish.
 */

const MFA = {
  Abandoned: {
    en: "Something's wrong with your payment method. To place your order, try another.",
    de: 'Mit dieser Zahlungsart ist ein Problem aufgetreten. Um Ihre Bestellung abzuschließen, wählen Sie bitte eine andere aus.',
  },
  Failure: {
    fr: "Un problème s’est produit avec votre paiement. Votre commande n'a pas été passée et vous n'avez pas été débité.",
  },
} as const;

describe.skipIf(SKIP_BROWSER_SUITES)(
  'reference shop: Buy now with the Confirmation Flow (seed 000)',
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

    const orderReferenceOf = (page: Page) =>
      page.evaluate(() => (globalThis as unknown as { id: string }).id);
    const orderState = async (id: string) =>
      (
        await t.v1.call<OrderReferenceResult>('GetOrderReferenceDetails', {
          AmazonOrderReferenceId: id,
        })
      ).OrderReferenceDetails.OrderReferenceStatus.State;

    /** Product → cart → Amazon Pay button → sign-in → widgets → Continue → the review page. */
    async function checkout(page: Page, shots = false): Promise<string> {
      await page.goto(`${t.url}/`);
      if (shots) await shot(page, 'v1-01-shop');
      await page.getByTestId('add-to-cart').click();
      await page.waitForURL(`${t.url}/cart`);
      await page.getByTestId('amazon-pay-button').click();
      await page.waitForURL(/\/ap\/oa/);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/checkout\?access_token=/);
      await page.getByTestId('address-0').click();
      await page.getByTestId('card-1111').click();
      await page.getByTestId('consent').click();
      await expect.poll(() => page.getByTestId('continue').isEnabled()).toBe(true);
      if (shots) await shot(page, 'v1-02-address-and-payment');
      await page.getByTestId('continue').click();
      await page.waitForURL(`${t.url}/review`);
      return orderReferenceOf(page);
    }

    /** Picks a card in the Wallet widget and waits until Widgets.js has told Amazon Pay. */
    async function pickCard(page: Page, ending: string): Promise<void> {
      await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes('/widgets/v1/contracts/') && r.request().method() === 'POST',
        ),
        page.getByTestId(`card-${ending}`).click(),
      ]);
    }

    /** Buy now: the Confirmation Flow opens localpay's hosted challenge page. */
    async function buyNow(page: Page): Promise<void> {
      await page.getByTestId('buy-now').click();
      await page.waitForURL(/\/confirmation-flow\?/);
    }

    it('Success: Validate, Authorize, Capture; a returning buyer abandons, picks another card and pays (en)', async () => {
      const page = await buyerPage(browser, 'en-GB');
      const first = await checkout(page, true);
      expect(first).toMatch(/^S02-\d{7}-\d{7}$/);
      expect(await textOf(page, 'total')).toBe('€49.99');
      await shot(page, 'v1-03-review', true);
      await buyNow(page);
      await shot(page, 'v1-04-confirmation-flow', true);
      await answerChallenge(page, 'pass');
      await page.waitForURL(/\/thank-you\?order=LC-/);
      expect(await textOf(page, 'thank-you')).toMatch(
        /^Order LC-[0-9A-F]{8}: we charged €49\.99 to your Amazon Pay account\.$/,
      );
      await shot(page, 'v1-05-thank-you');
      expect(await orderState(first)).toBe('Closed');

      // The order ships: the shop gives Amazon Pay a delivery tracker for its order reference.
      await page.getByTestId('ship-order').click();
      await page.waitForURL(/\/thank-you\?order=LC-/);
      expect(await textOf(page, 'shipped')).toMatch(
        /^Shipped with DHL, tracking number JD0146000\d+\./,
      );
      const merchantId = t.shop.config.amazonPay.merchantId;
      const tracked = await t.admin(
        'GET',
        `/merchants/${merchantId}/delivery-trackers?objectId=${first}`,
      );
      expect(tracked.deliveryTrackers).toEqual([
        expect.objectContaining({
          objectType: 'OrderReference',
          objectId: first,
          carrierCode: 'DHL',
        }),
      ]);

      // A returning buyer: the billing agreement is on file; the bank still challenges.
      await page.goto(`${t.url}/`);
      await page.getByTestId('add-to-cart').click();
      await page.getByTestId('continue-saved').click();
      await page.waitForURL(`${t.url}/review`);
      const second = await orderReferenceOf(page);
      expect(second).not.toBe(first);
      await buyNow(page);
      await answerChallenge(page, 'abandon');
      // Abandoned: handled like an InvalidPaymentMethod decline, on the review page.
      await page.waitForURL(`${t.url}/review`);
      expect(await flash(page)).toBe(MFA.Abandoned.en);
      await shot(page, 'v1-06-abandoned');
      expect(await orderState(second)).toBe('Open');
      await pickCard(page, '4444');
      await buyNow(page);
      await answerChallenge(page, 'pass');
      await page.waitForURL(/\/thank-you\?order=LC-/);
      expect(await orderState(second)).toBe('Closed');
      await page.context().close();
    });

    it('Failure: the order reference is canceled, the buyer signed out and back at the cart (fr)', async () => {
      const page = await buyerPage(browser, 'fr-FR');
      const id = await checkout(page);
      await buyNow(page);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      await answerChallenge(page, 'fail');
      await page.waitForURL(`${t.url}/cart`);
      expect(await flash(page)).toBe(MFA.Failure.fr);
      expect(await page.getByRole('alert').innerText()).toBe(MFA.Failure.fr);
      await shot(page, 'v1-07-failure', true);
      expect(await orderState(id)).toBe('Canceled');
      // Signed out of Amazon Pay: the button is back and Widgets.js forgot the buyer's token.
      await expect(page.getByTestId('amazon-pay-button').isVisible()).resolves.toBe(true);
      expect(
        await page.evaluate(() =>
          (
            globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }
          ).sessionStorage.getItem('localpay.amazon.accessToken'),
        ),
      ).toBeNull();
      expect(await page.getByTestId('continue-saved').count()).toBe(0);
      await page.context().close();
    });

    it('the endpoint answers an error: confirmationFlow.error() keeps the buyer on the page (de)', async () => {
      const page = await buyerPage(browser, 'de-DE');
      await checkout(page);
      // A payment method this order may not use (sandbox card 4545): ConfirmOrderReference fails.
      await pickCard(page, '4545');
      await page.getByTestId('buy-now').click();
      await expect.poll(() => page.getByTestId('order-error').isVisible()).toBe(true);
      expect(await textOf(page, 'order-error')).toBe(
        'Ihre Bestellung konnte nicht aufgegeben werden. Bitte prüfen Sie Ihre Zahlungsart und versuchen Sie es erneut.',
      );
      expect(new URL(page.url()).pathname).toBe('/review');
      expect(await page.getByTestId('confirmation-flow-overlay').count()).toBe(0);
      await shot(page, 'v1-08-endpoint-error');
      expect(t.log.some((line) => line.includes('ConstraintsExist'))).toBe(true);

      // Another card; then the buyer abandons the challenge and is asked to try another card.
      await pickCard(page, '1111');
      await buyNow(page);
      await answerChallenge(page, 'abandon');
      await page.waitForURL(`${t.url}/review`);
      expect(await flash(page)).toBe(MFA.Abandoned.de);
      await pickCard(page, '0005');
      await buyNow(page);
      await answerChallenge(page, 'pass');
      await page.waitForURL(/\/thank-you\?order=LC-/);
      expect(await textOf(page, 'thank-you')).toMatch(
        /^Bestellung LC-[0-9A-F]{8}: Wir haben 49,99 € über Ihr Amazon Pay-Konto abgebucht\.$/,
      );
      await page.context().close();
    });

    it('ErrorCode=InternalServerError (SellerNote simulation): try again from the review page (es)', async () => {
      const page = await buyerPage(browser, 'es-ES');
      await checkout(page);
      await page.getByTestId('sandbox').locator('summary').click();
      await page.getByTestId('simulation').selectOption('InternalServerError');
      await page.getByTestId('buy-now').click();
      await page.waitForURL(`${t.url}/review`);
      expect(await flash(page)).toBe('Algo ha salido mal. Inténtalo de nuevo.');
      await shot(page, 'v1-09-error-code');
      await buyNow(page);
      await answerChallenge(page, 'pass');
      await page.waitForURL(/\/thank-you\?order=LC-/);
      await page.context().close();
    });

    it('ErrorCode=InvalidIdStatus and InvalidSellerId come back to the shop, which recovers (it)', async () => {
      const page = await buyerPage(browser, 'it-IT');
      const id = await checkout(page);
      // The order reference is canceled behind the buyer's back, after the shop confirmed it.
      await page.route('**/place-order', async (route) => {
        const response = await route.fetch();
        await t.v1.call('CancelOrderReference', { AmazonOrderReferenceId: id });
        await route.fulfill({ response });
      });
      await page.getByTestId('buy-now').click();
      await page.waitForURL(`${t.url}/cart`);
      expect(await flash(page)).toBe('Si è verificato un errore. Riprova.');
      await page.unroute('**/place-order');
      // The shop dropped the dead order reference: Continue starts a new one.
      await page.getByTestId('continue-saved').click();
      await page.waitForURL(`${t.url}/review`);
      const next = await orderReferenceOf(page);
      expect(next).not.toBe(id);

      // A wrong seller id reaches Amazon Pay's hosted page (a misconfigured shop).
      await page.route(/\/confirmation-flow\?/, (route) => {
        const url = new URL(route.request().url());
        url.searchParams.set('sellerId', 'A0000000000000');
        return route.continue({ url: url.toString() });
      });
      await page.getByTestId('buy-now').click();
      await page.waitForURL(`${t.url}/review`);
      expect(await flash(page)).toBe('Si è verificato un errore. Riprova.');
      expect(t.log).toContain(`Confirmation Flow of ${next}: ErrorCode InvalidSellerId`);
      await page.unroute(/\/confirmation-flow\?/);
      await buyNow(page);
      await answerChallenge(page, 'pass');
      await page.waitForURL(/\/thank-you\?order=LC-/);
      await page.context().close();
    });
  },
);
