import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { adminHttp } from './support/admin-http.js';

const run = promisify(execFile);

/** Issue "Foundation" scope 3 and 9: merchants, keys and clocks through the admin API and the CLI. */
describe('admin API', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(() => platform.close());

  const admin = adminHttp(() => platform.httpUrl);

  it('creates a merchant with a store, registers keys and moves its clock', async () => {
    const created = await admin('POST', '/merchants', { name: 'Shop UK', region: 'UK' });
    expect(created.status).toBe(201);
    const merchantId = String((created.body.merchant as { merchantId: string }).merchantId);
    expect(merchantId).toMatch(/^A[A-Z0-9]{13}$/);
    expect((created.body.stores as { storeId: string }[])[0]?.storeId).toMatch(
      /^amzn1\.application-oa2-client\.[0-9a-f]{32}$/,
    );

    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const live = await admin('POST', `/merchants/${merchantId}/public-keys`, {
      publicKeyPem: pem,
      environment: 'Live',
    });
    expect(live.status).toBe(201);
    expect(live.body.publicKeyId).toMatch(/^LIVE-[A-Z0-9]{24}$/);
    const legacy = await admin('POST', `/merchants/${merchantId}/public-keys`, {
      publicKeyPem: pem,
      environment: null,
    });
    expect(legacy.body.publicKeyId).toMatch(/^[A-Z0-9]{24}$/);
    const mismatched = await admin('POST', `/merchants/${merchantId}/public-keys`, {
      publicKeyPem: pem,
      environment: 'Sandbox',
      publicKeyId: 'LIVE-ABCDEFGH',
    });
    expect(mismatched.status).toBe(400);
    const notRsa = await admin('POST', `/merchants/${merchantId}/public-keys`, {
      publicKeyPem: generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString(),
      environment: 'Sandbox',
    });
    expect(notRsa.body).toMatchObject({ reasonCode: 'InvalidParameterValue' });

    const before = await admin('GET', `/merchants/${merchantId}`);
    const advanced = await admin('POST', `/merchants/${merchantId}/clock/advance`, { by: '25h' });
    expect(Number(advanced.body.now) - Number(before.body.now)).toBeGreaterThanOrEqual(
      25 * 3_600_000,
    );
    const backwards = await admin('POST', `/merchants/${merchantId}/clock/advance`, { by: '-1h' });
    expect(backwards.status).toBe(400);
  });

  it('answers unknown merchants and bad bodies in the JSON error format', async () => {
    expect(await admin('GET', '/merchants/ANOSUCHMERCHANT1')).toMatchObject({
      status: 404,
      body: { reasonCode: 'ResourceNotFound' },
    });
    expect(await admin('POST', '/merchants', { name: 'x', region: 'MARS' })).toMatchObject({
      status: 400,
      body: { reasonCode: 'InvalidParameterValue' },
    });
    expect(
      await admin('POST', '/merchants', { name: 'x', region: 'NA', color: 'red' }),
    ).toMatchObject({ status: 400, body: { reasonCode: 'UnrecognizedField' } });
  });
});

describe('admin API with a token', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform({ adminToken: 's3cret' });
  });
  afterAll(() => platform.close());

  it('refuses callers without the bearer token', async () => {
    const anonymous = await fetch(`${platform.httpUrl}/_localpay/merchants`);
    expect(anonymous.status).toBe(401);
    const authorized = await fetch(`${platform.httpUrl}/_localpay/merchants`, {
      headers: { authorization: 'Bearer s3cret' },
    });
    expect(authorized.status).toBe(200);
  });
});

describe('CLI', () => {
  let dataDir = '';
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args, '--data-dir', dataDir], {
      env: { ...process.env, LOCALPAY_LOG_LEVEL: 'silent' },
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('creates a merchant, adds a key and moves the clock on the embedded store', async () => {
    const created = JSON.parse(
      (await cli('merchants', 'create', '--name', 'CLI shop', '--region', 'JP')).stdout,
    ) as { merchant: { merchantId: string; region: string } };
    expect(created.merchant.region).toBe('JP');
    const merchantId = created.merchant.merchantId;
    const keyFile = path.join(dataDir, 'pub.pem');
    await writeFile(
      keyFile,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
        type: 'spki',
        format: 'pem',
      }),
    );
    const key = JSON.parse(
      (await cli('keys', 'add', '--merchant', merchantId, '--public-key', keyFile)).stdout,
    ) as { publicKeyId: string };
    expect(key.publicKeyId).toMatch(/^SANDBOX-/);
    const moved = JSON.parse(
      (await cli('clock', 'advance', '--merchant', merchantId, '--by', '2d')).stdout,
    ) as { merchant: { clockOffsetMs: number } };
    expect(moved.merchant.clockOffsetMs).toBe(2 * 86_400_000);
    const listed = JSON.parse((await cli('merchants', 'list')).stdout) as { merchantId: string }[];
    expect(listed.map((m) => m.merchantId)).toContain(merchantId);
  });

  it('adds a test buyer and sets the PSD2 fraud-rate class', async () => {
    const created = JSON.parse(
      (await cli('merchants', 'create', '--name', 'SCA shop', '--region', 'UK')).stdout,
    ) as {
      merchant: { merchantId: string };
    };
    const merchantId = created.merchant.merchantId;
    const buyer = JSON.parse(
      (
        await cli(
          'test-buyers',
          'add',
          '--merchant',
          merchantId,
          '--name',
          'Jane Doe',
          '--email',
          'jane@example.co.uk',
          '--card',
          '1111',
          '--card',
          '3434',
        )
      ).stdout,
    ) as { instruments: { cardEnding: string }[] };
    expect(buyer.instruments.map((i) => i.cardEnding)).toEqual(['1111', '3434']);
    const listed = JSON.parse(
      (await cli('test-buyers', 'list', '--merchant', merchantId)).stdout,
    ) as unknown[];
    expect(listed).toHaveLength(2);
    const sca = JSON.parse(
      (await cli('merchants', 'set-sca', '--merchant', merchantId, '--tra-class', 'UpTo13bp'))
        .stdout,
    ) as {
      merchant: { scaTraClass: string };
    };
    expect(sca.merchant.scaTraClass).toBe('UpTo13bp');
  });

  it('explains a bad command instead of crashing', async () => {
    const failure = await cli('merchants', 'create', '--name', 'x').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('--region is required');
  });
});
