import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { adminHttp } from './support/admin-http.js';
import { idem, setUpSavedWallet } from './support/sdk-helpers.js';

const run = promisify(execFile);

/** Issue "The back office": fees and disputes through the admin API and the CLI. */
describe('back office admin API', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(() => platform.close());

  const admin = adminHttp(() => platform.httpUrl);

  it('shows the region default fees, sets others and rejects bad ones', async () => {
    const merchant = await platform.createMerchant({ region: 'UK' });
    expect((await admin('GET', `/merchants/${merchant.merchantId}/fees`)).body).toEqual({
      percentageBasisPoints: 270,
      fixedFeeMinor: 20,
      chargebackFeeMinor: 2000,
      currency: 'GBP',
    });
    const set = await admin('PUT', `/merchants/${merchant.merchantId}/fees`, {
      percentageBasisPoints: 199,
      fixedFeeMinor: 0,
      chargebackFeeMinor: 500,
    });
    expect(set.body).toMatchObject({ percentageBasisPoints: 199, currency: 'GBP' });
    const bad = await admin('PUT', `/merchants/${merchant.merchantId}/fees`, {
      percentageBasisPoints: 1.5,
      fixedFeeMinor: 0,
      chargebackFeeMinor: 0,
    });
    expect(bad).toMatchObject({ status: 400, body: { reasonCode: 'InvalidParameterValue' } });
    expect((await admin('GET', '/merchants/ANOBODY/fees')).status).toBe(404);
  });

  it('opens a dispute on a captured charge and resolves it for the buyer', async () => {
    const merchant = await platform.createMerchant({ region: 'NA' });
    const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const permissionId = await setUpSavedWallet(client, platform, merchant);
    const charge = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '9.99', currencyCode: 'USD' },
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      idem(),
    );
    const opened = await admin('POST', '/disputes', {
      chargeId: charge.data.chargeId,
      filingReason: 'ProductUnacceptable',
    });
    expect(opened).toMatchObject({
      status: 201,
      body: { filingReason: 'ProductUnacceptable', statusDetails: { state: 'ActionRequired' } },
    });
    const resolved = await admin('POST', `/disputes/${String(opened.body.disputeId)}/resolve`, {
      resolution: 'BuyerWon',
    });
    expect(resolved.body.statusDetails).toMatchObject({
      state: 'Resolved',
      resolution: 'BuyerWon',
    });
    // The console's timeline names the operator's request as the cause of each change.
    const timeline = await fetch(
      `${platform.httpUrl}/console/objects/disputes/${String(opened.body.disputeId)}`,
    );
    const page = await timeline.text();
    expect(page).toContain('console: admin API POST /_localpay/disputes</td>');
    expect(page).toContain(
      `console: admin API POST /_localpay/disputes/${String(opened.body.disputeId)}/resolve`,
    );
    expect(page).not.toContain('>unknown<');
    const again = await admin('POST', `/disputes/${String(opened.body.disputeId)}/resolve`, {
      resolution: 'MerchantWon',
    });
    expect(again.status).toBe(400);
    expect(
      (await admin('POST', '/disputes', { chargeId: 'S01-0000000-0000000-C000000' })).status,
    ).toBe(404);
    expect(
      (await admin('POST', '/disputes', { chargeId: charge.data.chargeId, filingReason: 'Bored' }))
        .status,
    ).toBe(400);
  });
});

describe('back office CLI', () => {
  let dataDir = '';
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args, '--data-dir', dataDir], {
      env: { ...process.env, LOCALPAY_LOG_LEVEL: 'silent' },
    });
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('shows and sets fees, and refuses a dispute on an unknown charge', async () => {
    const created = JSON.parse(
      (await cli('merchants', 'create', '--name', 'Fees', '--region', 'JP')).stdout,
    ) as {
      merchant: { merchantId: string };
    };
    const id = created.merchant.merchantId;
    expect(JSON.parse((await cli('fees', 'show', '--merchant', id)).stdout)).toMatchObject({
      percentageBasisPoints: 390,
      currency: 'JPY',
    });
    const set = JSON.parse(
      (
        await cli(
          'fees',
          'set',
          '--merchant',
          id,
          '--percent-bp',
          '350',
          '--fixed-minor',
          '0',
          '--chargeback-minor',
          '1500',
        )
      ).stdout,
    ) as Record<string, unknown>;
    expect(set).toMatchObject({ percentageBasisPoints: 350, chargebackFeeMinor: 1500 });
    await expect(
      cli('disputes', 'open', '--id', 'S03-0000000-0000000-C000000'),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/not found/),
    });
  }, 60_000);
});
