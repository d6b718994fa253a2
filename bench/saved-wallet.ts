import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { createBuyer } from '../src/testing/buyer.js';
import type { ServerReady } from './server-protocol.js';

/**
 * The merchant's side of the benchmark set-up, done as a real integration does it: the official
 * SDK over HTTPS and a buyer on the hosted pages over HTTP (the same steps as
 * test/v2-saved-wallet-sdk.e2e.test.ts), ending in a Chargeable Saved Wallet charge permission.
 */

export type Client = InstanceType<typeof sdk.WebStoreClient>;

const idempotencyKey = (): string => randomUUID().replace(/-/g, '');

/**
 * The default merchant's SDK client. The SDK itself turns off TLS verification for this process.
 * The private key is handed over parsed: the SDK passes it straight to node:crypto's sign, which
 * takes a KeyObject as readily as a PEM and then skips parsing it on every call (about 270 us per
 * signature instead of 950 us), which matters when a benchmark pre-signs tens of thousands.
 */
export async function merchantClient(server: ServerReady): Promise<Client> {
  return new sdk.WebStoreClient({
    publicKeyId: server.merchant.publicKeyId,
    privateKey: createPrivateKey(await readFile(server.merchant.privateKeyPath, 'utf8')),
    region: server.merchant.region.toLowerCase(),
    sandbox: true,
    overrideServiceUrl: server.httpsHost,
  });
}

/** Create checkout session → buyer signs in and pays → redirect page → complete. */
export async function createSavedWallet(client: Client, server: ServerReady): Promise<string> {
  const created = await client.createCheckoutSession(
    {
      webCheckoutDetails: {
        checkoutReviewReturnUrl: 'http://localhost:3000/review',
        checkoutResultReturnUrl: 'http://localhost:3000/result',
      },
      storeId: server.merchant.storeId,
      chargePermissionType: 'PaymentMethodOnFile',
      paymentMethodOnFileMetadata: { setupOnly: true },
      paymentDetails: { paymentIntent: 'Confirm' },
    },
    { 'x-amz-pay-idempotency-key': idempotencyKey() },
  );
  const sessionId = String(created.data.checkoutSessionId);
  const buyer = createBuyer(server.httpUrl);
  await buyer.checkout(sessionId, { cardEnding: '1111' });
  const session = await client.getCheckoutSession(sessionId);
  const { amazonPayRedirectUrl } = session.data.webCheckoutDetails as {
    amazonPayRedirectUrl: string;
  };
  await buyer.visit(amazonPayRedirectUrl);
  const completed = await client.completeCheckoutSession(
    sessionId,
    {},
    { 'x-amz-pay-idempotency-key': idempotencyKey() },
  );
  return String(completed.data.chargePermissionId);
}

/**
 * `count` Saved Wallets, `concurrency` set-ups at a time: each is a dozen sequential requests, so a
 * few in flight keep the server busy while the set-up stays bounded in time.
 */
export async function createSavedWallets(
  client: Client,
  server: ServerReady,
  count: number,
  concurrency: number,
): Promise<string[]> {
  const ids: string[] = [];
  let inFlight = 0;
  const worker = async (): Promise<void> => {
    while (ids.length + inFlight < count) {
      inFlight += 1;
      try {
        ids.push(await createSavedWallet(client, server));
      } finally {
        inFlight -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return ids;
}

/**
 * Signed headers for GET /v2/chargePermissions/{id}, computed once: signing costs about 1 ms
 * (DESIGN.md §7), more than the request under test. They stay valid while x-amz-pay-date is within
 * the server's 15-minute skew, far longer than a run. x-amz-pay-host is the HTTPS host the SDK
 * targets; localpay checks the signed value, not the Host header, so the load can use plain HTTP.
 */
export function signedGetHeaders(
  client: Client,
  chargePermissionId: string,
): Record<string, string> {
  return client.getSignedHeaders({
    method: 'GET',
    urlFragment: `chargePermissions/${chargePermissionId}`,
  });
}
