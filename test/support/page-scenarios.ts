import type { TestMerchant, TestPlatform } from '../../src/testing/test-platform.js';
import { idem, sdkFailure, setUpSavedWallet, type WebStoreClient } from './sdk-helpers.js';

/**
 * Merchant-side set-ups the buyer-page tests (HTTP and Chromium) share: each answers what the
 * buyer's browser is handed next.
 */
export interface MerchantSite {
  readonly result: string;
  readonly review: string;
  readonly cancel: string;
}

/** The merchant's pages the buyer returns to, on a site at `base`. */
export const merchantSite = (base: string): MerchantSite => ({
  result: `${base}/result`,
  review: `${base}/review`,
  cancel: `${base}/cart`,
});

/** Tests over HTTP never follow the merchant's URLs, so they need no server behind them. */
export const MERCHANT = merchantSite('https://merchant.localpay.test');

/** A Checkout Session as the merchant's button would create it; answers its id. */
export async function createSession(
  client: WebStoreClient,
  merchant: TestMerchant,
  body: Record<string, unknown> = {},
  site: MerchantSite = MERCHANT,
): Promise<string> {
  const created = await client.createCheckoutSession(
    {
      webCheckoutDetails: { checkoutResultReturnUrl: site.result, checkoutCancelUrl: site.cancel },
      storeId: merchant.storeId,
      paymentDetails: {
        paymentIntent: 'AuthorizeWithCapture',
        chargeAmount: { amount: '25.00', currencyCode: merchant.region === 'NA' ? 'USD' : 'EUR' },
      },
      ...body,
    },
    idem(),
  );
  return String(created.data.checkoutSessionId);
}

/** A setup-only Saved Wallet checkout (seed 004 steps 1–6), before the buyer has seen it. */
export const savedWalletSetupSession = (
  client: WebStoreClient,
  merchant: TestMerchant,
  metadata: Record<string, string> = {},
  site: MerchantSite = MERCHANT,
): Promise<string> =>
  createSession(
    client,
    merchant,
    {
      chargePermissionType: 'PaymentMethodOnFile',
      paymentMethodOnFileMetadata: { setupOnly: true },
      paymentDetails: { paymentIntent: 'Confirm' },
      merchantMetadata: metadata,
    },
    site,
  );

export interface ChallengedCharge {
  readonly permissionId: string;
  readonly chargeId: string;
  /** The charge's amazonPayRedirectUrl: the challenge page. */
  readonly redirect: string;
  readonly sessionId: string;
}

/** A Saved Wallet and a customer-initiated charge on it that answered 202 (seed 004). */
export async function challengedCharge(
  client: WebStoreClient,
  platform: TestPlatform,
  merchant: TestMerchant,
  amount = '80.00',
  site: MerchantSite = MERCHANT,
): Promise<ChallengedCharge> {
  const permissionId = await setUpSavedWallet(client, platform, merchant);
  const charge = await client.createCharge(
    {
      chargePermissionId: permissionId,
      chargeAmount: { amount, currencyCode: 'EUR' },
      chargeInitiator: 'CITU',
      channel: 'Web',
      captureNow: true,
      webCheckoutDetails: { checkoutResultReturnUrl: site.result },
    },
    idem({ 'x-amz-pay-simulation-code': 'BuyerActionRequired' }),
  );
  if (charge.status !== 202) throw new Error(`expected a 202 charge, got ${charge.status}`);
  const redirect = (charge.data.webCheckoutDetails as { amazonPayRedirectUrl: string })
    .amazonPayRedirectUrl;
  return {
    permissionId,
    chargeId: String(charge.data.chargeId),
    redirect,
    sessionId: new URL(redirect).searchParams.get('amazonCheckoutSessionId') ?? '',
  };
}

/** A Saved Wallet whose last charge was HardDeclined: NonChargeable until the buyer acts. */
export async function hardDeclinedWallet(
  client: WebStoreClient,
  platform: TestPlatform,
  merchant: TestMerchant,
): Promise<string> {
  const permissionId = await setUpSavedWallet(client, platform, merchant);
  await sdkFailure(
    client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '20.00', currencyCode: merchant.region === 'NA' ? 'USD' : 'EUR' },
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem({ 'x-amz-pay-simulation-code': 'HardDeclined' }),
    ),
  );
  return permissionId;
}
