import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { idem, setUpSavedWallet } from './support/sdk-helpers.js';

const run = promisify(execFile);

/**
 * `localpay force list|state` (issue 14 point 6) on the store a running localpay uses: the CLI
 * lists what a pending charge can become, forces it, and the API answers the new state.
 */
describe('localpay force', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(() => platform.close());

  const cli = (...args: string[]) =>
    run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', ...args, '--data-dir', platform.dataDir],
      { env: { ...process.env, LOCALPAY_LOG_LEVEL: 'silent' } },
    );

  it('lists the targets of a pending charge, forces one, and refuses an unreachable one', async () => {
    const merchant = await platform.createMerchant({ region: 'NA' });
    const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const permission = await setUpSavedWallet(client, platform, merchant);
    const created = await client.createCharge(
      {
        chargePermissionId: permission,
        chargeAmount: { amount: '5.00', currencyCode: 'USD' },
        chargeInitiator: 'MITR',
        canHandlePendingAuthorization: true,
        captureNow: false,
      },
      idem({ 'x-amz-pay-simulation-code': 'AuthorizationInitiated' }),
    );
    const id = String(created.data.chargeId);
    const ref = ['--merchant', merchant.merchantId, '--kind', 'charges', '--id', id];

    const listed = JSON.parse((await cli('force', 'list', ...ref)).stdout) as unknown;
    expect(listed).toMatchObject({ state: 'AuthorizationInitiated' });
    expect((listed as { targets: string[] }).targets).toContain('Declined/AmazonRejected');

    const forced = JSON.parse(
      (await cli('force', 'state', ...ref, '--to', 'Declined/AmazonRejected')).stdout,
    ) as unknown;
    expect(forced).toMatchObject({
      forced: 'Declined/AmazonRejected',
      state: 'Declined',
      reasonCode: 'AmazonRejected',
      targets: [],
    });
    expect((await client.getCharge(id)).data.statusDetails).toMatchObject({
      state: 'Declined',
      reasonCode: 'AmazonRejected',
    });

    const refused = await cli('force', 'state', ...ref, '--to', 'Authorized').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).not.toBe(0);
    expect(refused?.stderr).toContain(
      `The Charge ${id} is Declined: no state can be forced from it.`,
    );
  });
});
