import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { waitForBanner } from './support/child-output.js';

/**
 * Issue "Foundation", what a user gets: `localpay start` prints what the SDK config needs, the
 * printed key and host work as printed, and the data folder survives a restart.
 */
interface Banner {
  readonly httpsHost: string;
  readonly httpUrl: string;
  readonly caPath: string;
  readonly merchantId: string;
  readonly storeId: string;
  readonly publicKeyId: string;
  readonly privateKeyPath: string;
}

async function readBanner(child: ChildProcess): Promise<Banner> {
  const field = await waitForBanner(child, 'NODE_EXTRA_CA_CERTS', 20_000);
  return {
    httpsHost: field('HTTPS API \\(overrideServiceUrl\\)'),
    httpUrl: field('HTTP \\(browsers, admin, tools\\)'),
    caPath: field('CA certificate'),
    merchantId: field('merchantId'),
    storeId: field('storeId'),
    publicKeyId: field('publicKeyId'),
    privateKeyPath: field('privateKey'),
  };
}

const stop = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('localpay start', () => {
  let dataDir = '';
  const start = (): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'start'], {
      env: {
        ...process.env,
        LOCALPAY_DATA_DIR: dataDir,
        LOCALPAY_HTTP_PORT: '0',
        LOCALPAY_HTTPS_PORT: '0',
        LOCALPAY_LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('prints a working SDK configuration and keeps its data across restarts', async () => {
    const first = start();
    const banner = await readBanner(first);
    expect(banner.httpsHost).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(banner.publicKeyId).toMatch(/^SANDBOX-[A-Z0-9]{24}$/);
    expect(banner.caPath).toBe(path.join(dataDir, 'tls', 'ca.pem'));
    expect(readFileSync(banner.caPath, 'utf8')).toContain('BEGIN CERTIFICATE');

    const client = new sdk.WebStoreClient({
      publicKeyId: banner.publicKeyId,
      privateKey: readFileSync(banner.privateKeyPath),
      region: 'eu',
      sandbox: true,
      overrideServiceUrl: banner.httpsHost,
    });
    const created = await client.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost/review' },
        storeId: banner.storeId,
      },
      { 'x-amz-pay-idempotency-key': 'restart-test-1' },
    );
    expect(created.status).toBe(201);
    expect(await stop(first)).toBe(0);

    const second = start();
    const again = await readBanner(second);
    expect(again.merchantId).toBe(banner.merchantId);
    expect(again.publicKeyId).toBe(banner.publicKeyId);
    const reopened = new sdk.WebStoreClient({
      publicKeyId: again.publicKeyId,
      privateKey: readFileSync(again.privateKeyPath),
      region: 'eu',
      sandbox: true,
      overrideServiceUrl: again.httpsHost,
    });
    const read = await reopened.getCheckoutSession(String(created.data.checkoutSessionId));
    expect(read.data.checkoutSessionId).toBe(created.data.checkoutSessionId);
    expect(await stop(second)).toBe(0);
  });
});
