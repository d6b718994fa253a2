import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';

/**
 * The SDK guides (docs/sdks/) as their readers run them: each Node guide's `run:override` program,
 * verbatim, in a process of its own (the v2 SDK turns off TLS verification process-wide once
 * overrideServiceUrl is set) against a fresh localpay, with the start banner's values in its
 * environment. The `run:host-mode` programs run in test/amazon-hosts.e2e.test.ts; test/docs.test.ts
 * checks that every other block is marked illustrative.
 */
let platform: TestPlatform;
let env: Record<string, string>;

beforeAll(async () => {
  platform = await createTestPlatform();
  const merchant = platform.localpay.defaultMerchant;
  env = {
    LOCALPAY_HTTP_URL: platform.httpUrl,
    LOCALPAY_HTTPS_HOST: platform.httpsHost,
    AMAZON_PAY_MERCHANT_ID: merchant.merchantId,
    AMAZON_PAY_STORE_ID: merchant.storeId,
    AMAZON_PAY_PUBLIC_KEY_ID: merchant.publicKeyId,
    AMAZON_PAY_PRIVATE_KEY: merchant.privateKeyPath,
    MWS_ACCESS_KEY: merchant.mwsAccessKeyId ?? '',
    MWS_SECRET_KEY: merchant.mwsSecretKey ?? '',
  };
});
afterAll(() => platform.close());

function runProgram(
  page: string,
  name: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/run-doc-snippets.ts', page, name],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe('docs/sdks guides, override mode', () => {
  it('node-v2.md: seed 004 through overrideServiceUrl', async () => {
    const result = await runProgram('docs/sdks/node-v2.md', 'override');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('first month: 202, Captured');
    expect(result.out).toContain('renewal: 201, Captured');
  }, 120_000);

  it('amazon-payments.md: seed 000 through its environment option', async () => {
    const result = await runProgram('docs/sdks/amazon-payments.md', 'override');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(`token for ${env.AMAZON_PAY_STORE_ID}`);
    expect(result.out).toContain(
      'buyer returned to https://shop.example/OrderConfirmed?AuthenticationStatus=Success',
    );
    expect(result.out).toContain('capture: Completed');
    expect(result.out).toContain('report request: _SUBMITTED_');
  }, 120_000);
});
