import { randomUUID } from 'node:crypto';
import type sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { TestMerchant, TestPlatform } from '../../src/testing/test-platform.js';

export type WebStoreClient = InstanceType<typeof sdk.WebStoreClient>;

/** A fresh idempotency key in the SDK samples' form (a v4 UUID without dashes). */
export const idempotencyKey = (): string => randomUUID().replace(/-/g, '');

export const idem = (extra: Record<string, string> = {}): Record<string, string> => ({
  'x-amz-pay-idempotency-key': idempotencyKey(),
  ...extra,
});

export interface SdkFailure {
  readonly status: number;
  readonly data: { readonly reasonCode: string; readonly message: string };
}

/** Awaits an SDK call that must fail and answers its status and error body. */
export async function sdkFailure(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    const response = (error as { response?: SdkFailure }).response;
    if (response) return response;
    throw error;
  }
  throw new Error('expected the SDK call to fail');
}

/**
 * Sets up a Saved Wallet the way seed 004's steps 1 to 6 do: a setup-only PaymentMethodOnFile
 * checkout that the buyer approves, then Complete. Answers the Charge Permission id.
 */
export async function setUpSavedWallet(
  client: WebStoreClient,
  platform: Pick<TestPlatform, 'buyer'>,
  merchant: Pick<TestMerchant, 'storeId'>,
  cardEnding = '1111',
  /** Live needs an HTTPS return URL. */
  returnUrl = 'http://localhost:3000/wallet-ready',
): Promise<string> {
  const created = await client.createCheckoutSession(
    {
      webCheckoutDetails: { checkoutResultReturnUrl: returnUrl },
      storeId: merchant.storeId,
      chargePermissionType: 'PaymentMethodOnFile',
      paymentMethodOnFileMetadata: { setupOnly: true },
      paymentDetails: { paymentIntent: 'Confirm' },
    },
    idem(),
  );
  const sessionId = String(created.data.checkoutSessionId);
  await platform.buyer.checkout(sessionId, { cardEnding, consent: true });
  const completed = await client.completeCheckoutSession(sessionId, {}, idem());
  return String(completed.data.chargePermissionId);
}

/** A merchant-initiated charge on a saved wallet, captured now unless told otherwise; its id. */
export async function mitCharge(
  client: WebStoreClient,
  chargePermissionId: string,
  amount: string,
  captureNow = true,
): Promise<string> {
  const created = await client.createCharge(
    {
      chargePermissionId,
      chargeAmount: { amount, currencyCode: 'USD' },
      chargeInitiator: 'MITR',
      channel: 'Web',
      captureNow,
    },
    idem(),
  );
  return String(created.data.chargeId);
}

/** The body rows of a settlement report's flat file (after its header block), fields unquoted. */
export const settlementRows = (csv: string): string[][] =>
  csv
    .trim()
    .split('\r\n')
    .slice(4)
    .map((line) => line.slice(1, -1).split('","'));
