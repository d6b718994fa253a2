import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { idem } from './support/sdk-helpers.js';

/**
 * `localpay buyer …`: the buyer's part of a flow from a shell, for tests in other languages
 * (docs/sdks/). Each command is checked by what localpay then answers through the API.
 */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(() => platform.close());

/** Runs the command as a child (asynchronously: this process serves the localpay it talks to). */
const buyer = (...args: string[]): Promise<{ status: number | null; out: string; err: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'buyer', ...args, '--http-url', platform.httpUrl],
      (error, stdout, stderr) =>
        resolve({ status: error ? (error.code as number) : 0, out: stdout.trim(), err: stderr }),
    );
  });

describe('localpay buyer', () => {
  it('checkout signs in, consents and lands on the result URL; the session can be completed', async () => {
    const merchant = platform.localpay.defaultMerchant;
    const client = new sdk.WebStoreClient({
      ...platform.sdkConfig({
        ...merchant,
        privateKeyPem: readFileSync(merchant.privateKeyPath, 'utf8'),
      }),
    });
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: 'https://shop.example/ready' },
        storeId: merchant.storeId,
        chargePermissionType: 'PaymentMethodOnFile',
        paymentMethodOnFileMetadata: { setupOnly: true },
        paymentDetails: { paymentIntent: 'Confirm' },
      },
      idem(),
    );
    const id = String(created.data.checkoutSessionId);
    const result = await buyer('checkout', '--id', id, '--card', '4444');
    expect(result.status, result.err).toBe(0);
    expect(result.out).toBe(`https://shop.example/ready?amazonCheckoutSessionId=${id}`);
    const completed = await client.completeCheckoutSession(id, {}, idem());
    expect(completed.data.chargePermissionId).toMatch(/^B02-/);
    const permission = await client.getChargePermission(String(completed.data.chargePermissionId));
    expect(JSON.stringify(permission.data.paymentPreferences)).toContain('4444');
  });

  it('v1-sign-in prints a Login with Amazon token for the store', async () => {
    const { storeId } = platform.localpay.defaultMerchant;
    const result = await buyer('v1-sign-in', '--client-id', storeId);
    expect(result.status, result.err).toBe(0);
    const info = await fetch(
      `${platform.httpUrl}/auth/o2/tokeninfo?access_token=${encodeURIComponent(result.out)}`,
    );
    expect(((await info.json()) as { aud: string }).aud).toBe(storeId);
  });

  it('says what is missing', async () => {
    const result = await buyer('checkout');
    expect(result.status).toBe(2);
    expect(result.err).toContain('--id is required.');
  });
});
