import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../src/domain/simulation/payment-instruments.js';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { idem } from './support/sdk-helpers.js';

/**
 * Issue 14 point 6: on the hosted checkout page in Sandbox every test card says what it simulates
 * (from the table that decides it), in the page's language; Live pages carry no such label.
 */
describe('test instruments labelled on the hosted checkout page', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(() => platform.close());

  async function checkoutPage(environment: 'Sandbox' | 'Live', lang: string): Promise<string> {
    const merchant = await platform.createMerchant({ region: 'EU', environment });
    const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
        storeId: merchant.storeId,
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    const response = await fetch(
      `${platform.httpUrl}/checkout/start?amazonCheckoutSessionId=${id}&lang=${lang}`,
    );
    expect(response.status).toBe(200);
    return response.text();
  }

  it('labels every Sandbox test card with what it simulates', async () => {
    const page = await checkoutPage('Sandbox', 'en');
    const label = (ending: string) =>
      new RegExp(`data-testid="simulates-${ending}"[^>]*>\\(([^)]*)\\)`).exec(page)?.[1];
    expect(label('3434')).toBe('test card: declined at checkout');
    expect(label('3064')).toBe('test card: the buyer cancels at checkout');
    expect(label('4354')).toBe('test card: pending, then declined for good');
    expect(label('1111')).toBe('test card: payments succeed');
    for (const card of TEST_CARDS) expect(label(card.cardEnding), card.cardEnding).toBeDefined();
    expect(await checkoutPage('Sandbox', 'de')).toContain(
      'Testkarte: wird beim Checkout abgelehnt',
    );
  });

  it('shows no simulation label in Live', async () => {
    expect(await checkoutPage('Live', 'en')).not.toContain('data-testid="simulates-');
  });
});
