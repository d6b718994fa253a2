import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { docBlocks } from './support/doc-blocks.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';
import { adminHttp } from './support/admin-http.js';
import {
  idem,
  idempotencyKey,
  sdkFailure,
  setUpSavedWallet,
  type WebStoreClient,
} from './support/sdk-helpers.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue 14 point 7: named snapshots through the admin API, the CLI and a console form, on SQLite
 * and PostgreSQL. The world is built and checked through the official Node SDK: after a restore
 * it is exactly as saved (objects, the merchant clock, idempotent replays, pending IPNs, keys),
 * and it takes writes again.
 */
const run = promisify(execFile);
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

const cli = (httpUrl: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args, '--http-url', httpUrl], {
    env: { ...process.env, LOCALPAY_LOG_LEVEL: 'silent' },
  });

/** Posts a console form as a browser would: the page's CSRF token and its cookie. */
async function consoleForm(httpUrl: string, action: string, fields: Record<string, string>) {
  const page = await fetch(`${httpUrl}/console/snapshots`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return fetch(`${httpUrl}${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, ...fields }).toString(),
  });
}

/** Registers another key for the merchant through `via`'s admin API; a client of `on` using it. */
async function clientWithNewKey(
  via: TestPlatform,
  merchant: TestMerchant,
  on: TestPlatform,
): Promise<WebStoreClient> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const registered = await adminHttp(() => via.httpUrl)(
    'POST',
    `/merchants/${merchant.merchantId}/public-keys`,
    {
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      environment: 'Sandbox',
    },
  );
  return new sdk.WebStoreClient({
    ...on.sdkConfig({
      ...merchant,
      publicKeyId: String(registered.body.publicKeyId),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    }),
  });
}

const databaseUrl = testDatabaseUrl();
describe.runIf(databaseUrl !== undefined)('two servers on one PostgreSQL database', () => {
  it("a restore through one empties the other's key cache", async () => {
    const schema = await temporarySchema(databaseUrl ?? '');
    const one = await createTestPlatform({ databaseUrl: schema.url });
    const two = await createTestPlatform({ databaseUrl: schema.url });
    try {
      const merchant = await one.createMerchant({ region: 'NA' });
      const adminOne = adminHttp(() => one.httpUrl);
      expect((await adminOne('POST', '/snapshots', { name: 'shared' })).status).toBe(201);
      // A key registered after the save, used on the second server: cached there.
      const onTwo = await clientWithNewKey(one, merchant, two);
      const statusOnTwo = async () =>
        (await sdkFailure(onTwo.getChargePermission('S01-0000000-0000000'))).status;
      expect(await statusOnTwo()).toBe(404); // signed correctly: the permission is unknown
      expect((await adminOne('POST', '/snapshots/shared/restore')).status).toBe(200);
      await expect.poll(statusOnTwo).toBe(403);
      await adminOne('DELETE', '/snapshots/shared');
    } finally {
      await two.close();
      await one.close();
      await schema.drop();
    }
  });
});

describe('the example of docs/snapshots.md', () => {
  it('saves and restores as the page shows', async () => {
    const platform = await createTestPlatform();
    const previous = process.env.LOCALPAY_HTTP_URL;
    try {
      process.env.LOCALPAY_HTTP_URL = platform.httpUrl;
      const example = docBlocks('docs/snapshots.md').find(
        (block) => block.language === 'js' && block.marker !== 'illustrative',
      );
      // The constructor of async functions: the example's top-level awaits run as its body.
      const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (
        code: string,
      ) => () => Promise<void>;
      await new AsyncFunction(example?.code ?? 'throw new Error("no example")')();
      const { body } = await adminHttp(() => platform.httpUrl)('GET', '/snapshots');
      expect(body.snapshots).toMatchObject([{ name: 'seeded' }]);
    } finally {
      if (previous === undefined) delete process.env.LOCALPAY_HTTP_URL;
      else process.env.LOCALPAY_HTTP_URL = previous;
      await platform.close();
    }
  });
});

describe('the snapshot CLI with no server running', () => {
  it('works on the data folder directly', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-snapshot-cli-'));
    try {
      // A port just freed has no listener: nothing answers, so the store is opened directly.
      const port = await new Promise<number>((resolve) => {
        const server = net.createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = server.address() as net.AddressInfo;
          server.close(() => resolve(free));
        });
      });
      const offline = (...args: string[]) =>
        cli(`http://127.0.0.1:${port}`, ...args, '--data-dir', dataDir);
      const saved = JSON.parse((await offline('snapshot', 'save', 'empty')).stdout) as {
        rows: Record<string, number>;
      };
      expect(saved.rows.merchants).toBe(0);
      const listed = JSON.parse((await offline('snapshot', 'list')).stdout) as {
        snapshots: { name: string }[];
      };
      expect(listed.snapshots.map((each) => each.name)).toEqual(['empty']);
      const refused = await offline('snapshot', 'save', 'empty').then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused?.code).toBe(2);
      expect(refused?.stderr).toContain('exists');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)('snapshots on $name', (backend) => {
  let opened: OpenedBackend;
  afterEach(async () => {
    const admin = adminHttp(() => opened.platform.httpUrl);
    const { body } = await admin('GET', '/snapshots');
    for (const { name } of body.snapshots as { name: string }[])
      await admin('DELETE', `/snapshots/${name}`);
    await opened.dispose();
  });

  it('saves the world, restores it exactly, and keeps working', async () => {
    opened = await backend.open();
    const platform: TestPlatform = opened.platform;
    const admin = adminHttp(() => platform.httpUrl);
    const merchant = await platform.createMerchant({ region: 'NA' });
    const client: WebStoreClient = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const receiver = await platform.receiveIpns(merchant.merchantId);
    receiver.respondWith(() => 503);

    // The saved world: a Saved Wallet, an authorized charge, its IPNs failing and waiting.
    const permissionId = await setUpSavedWallet(client, platform, merchant);
    const chargeKey = idempotencyKey();
    const chargeBody = {
      chargePermissionId: permissionId,
      chargeAmount: usd('10.00'),
      chargeInitiator: 'MITR',
      channel: 'Web',
      captureNow: false,
      canHandlePendingAuthorization: false,
    };
    const charge = await client.createCharge(chargeBody, {
      'x-amz-pay-idempotency-key': chargeKey,
    });
    const chargeId = String(charge.data.chargeId);
    await receiver.waitFor(1);
    const notifications = async () =>
      (await admin('GET', `/ipn/notifications?merchantId=${merchant.merchantId}`)).body;
    await expect
      .poll(async () =>
        ((await notifications()).notifications as { attempts: number; status: string }[]).every(
          (each) => each.attempts >= 1 && each.status === 'pending',
        ),
      )
      .toBe(true);
    const savedNotifications = await notifications();
    const savedMerchant = (await admin('GET', `/merchants/${merchant.merchantId}`)).body;
    const savedCharge = (await client.getCharge(chargeId)).data as unknown;
    const savedPermission = (await client.getChargePermission(permissionId)).data as unknown;

    const bad = await admin('POST', '/snapshots', { name: '../etc' });
    expect(bad).toMatchObject({ status: 400, body: { reasonCode: 'InvalidParameterValue' } });
    const saved = await admin('POST', '/snapshots', { name: 'before-capture' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'before-capture' });
    expect((saved.body.rows as Record<string, number>).charges).toBe(1);
    const again = await admin('POST', '/snapshots', { name: 'before-capture' });
    expect(again).toMatchObject({ status: 409, body: { reasonCode: 'SnapshotExists' } });

    // Changes after the save: a capture, another charge, a clock move, a new key.
    await client.captureCharge(
      chargeId,
      { captureAmount: usd('10.00'), softDescriptor: 'AFTER' },
      idem(),
    );
    const laterKey = idempotencyKey();
    const later = await client.createCharge(
      { ...chargeBody, chargeAmount: usd('3.00') },
      { 'x-amz-pay-idempotency-key': laterKey },
    );
    await admin('POST', `/merchants/${merchant.merchantId}/clock/advance`, { by: '2d' });
    // A second key of the same merchant, registered after the save and used: now cached.
    const laterKeyClient = await clientWithNewKey(platform, merchant, platform);
    expect((await laterKeyClient.getCharge(chargeId)).status).toBe(200);

    // Restore through the CLI, as a shell script between test cases would.
    const restored = JSON.parse(
      (await cli(platform.httpUrl, 'snapshot', 'restore', 'before-capture')).stdout,
    ) as { name: string };
    expect(restored.name).toBe('before-capture');

    expect((await client.getCharge(chargeId)).data).toEqual(savedCharge);
    expect((await client.getChargePermission(permissionId)).data).toEqual(savedPermission);
    expect((await sdkFailure(client.getCharge(String(later.data.chargeId)))).status).toBe(404);
    // The merchant clock is back: the saved offset (now runs on with real time).
    const { now, ...restoredMerchant } = (await admin('GET', `/merchants/${merchant.merchantId}`))
      .body;
    const { now: savedNow, ...savedRest } = savedMerchant;
    expect(restoredMerchant).toEqual(savedRest);
    expect(Number(now) - Number(savedNow)).toBeLessThan(3_600_000);
    expect(await notifications()).toEqual(savedNotifications);
    // The key registered after the save is unknown again, though the server had it cached.
    const unknownKey = await sdkFailure(laterKeyClient.getCharge(chargeId));
    expect(unknownKey.status).toBe(403);
    // The idempotency records are the saved ones: the first key replays its answer, the later
    // key is unused again and makes a new charge.
    const replay = await client.createCharge(chargeBody, {
      'x-amz-pay-idempotency-key': chargeKey,
    });
    expect(replay.data).toEqual(charge.data);
    const fresh = await client.createCharge(
      { ...chargeBody, chargeAmount: usd('4.00') },
      { 'x-amz-pay-idempotency-key': laterKey },
    );
    expect(fresh.status).toBe(201);
    expect(fresh.data.chargeAmount).toEqual(usd('4.00'));

    // Pending IPNs go out after the restore once their retry is due on the merchant clock.
    receiver.respondWith(() => 200);
    const delivered = receiver.received.length;
    await admin('POST', `/merchants/${merchant.merchantId}/clock/advance`, { by: '2h' });
    await receiver.waitFor((received) => received.length > delivered, 15_000);
    const savedIds = (savedNotifications.notifications as { id: string }[]).map((each) => each.id);
    await expect
      .poll(async () =>
        ((await notifications()).notifications as { id: string; status: string }[])
          .filter((each) => savedIds.includes(each.id))
          .map((each) => each.status),
      )
      .toEqual(savedIds.map(() => 'delivered'));

    // The console: list, restore and delete by form (CSRF token and cookie, as a browser).
    const page = await (await fetch(`${platform.httpUrl}/console/snapshots`)).text();
    expect(page).toContain('before-capture');
    const viaConsole = await consoleForm(
      platform.httpUrl,
      '/console/snapshots/before-capture/restore',
      {},
    );
    expect(viaConsole.status).toBe(303);
    expect((await sdkFailure(client.getCharge(String(fresh.data.chargeId)))).status).toBe(404);
    const forged = await fetch(`${platform.httpUrl}/console/snapshots/before-capture/delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'csrf=forged',
    });
    expect(forged.status).toBe(403);
    const deleted = await consoleForm(
      platform.httpUrl,
      '/console/snapshots/before-capture/delete',
      {},
    );
    expect(deleted.status).toBe(303);
    const unknown = await admin('POST', '/snapshots/before-capture/restore');
    expect(unknown).toMatchObject({ status: 404, body: { reasonCode: 'ResourceNotFound' } });
  });
  it('restores atomically while charges are being written', async () => {
    opened = await backend.open();
    const { platform } = opened;
    const admin = adminHttp(() => platform.httpUrl);
    const merchant = await platform.createMerchant({ region: 'NA' });
    const client: WebStoreClient = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const permissionId = await setUpSavedWallet(client, platform, merchant);
    expect((await admin('POST', '/snapshots', { name: 'wallet' })).status).toBe(201);
    const body = {
      chargePermissionId: permissionId,
      chargeAmount: usd('1.00'),
      chargeInitiator: 'MITR',
      channel: 'Web',
      captureNow: false,
      canHandlePendingAuthorization: false,
    };
    const keys = Array.from({ length: 12 }, () => idempotencyKey());
    const writes = keys.map((key) =>
      client.createCharge(body, { 'x-amz-pay-idempotency-key': key }),
    );
    const restore = admin('POST', '/snapshots/wallet/restore');
    const [charges, restored] = await Promise.all([Promise.all(writes), restore]);
    expect(restored.status).toBe(200);
    // Each charge committed either before the restore (charge and idempotency record both gone:
    // the key makes a new charge) or after it (both there: the key replays the same charge).
    // No write failed for the restore (on PostgreSQL a unit in flight could deadlock with its locks).
    expect(charges.map((charge) => charge.status)).toEqual(keys.map(() => 201));
    for (const [index, charge] of charges.entries()) {
      const id = String(charge.data.chargeId);
      const found = await client.getCharge(id).then(
        () => true,
        () => false,
      );
      const again = await client.createCharge(body, {
        'x-amz-pay-idempotency-key': keys[index] ?? '',
      });
      expect(String(again.data.chargeId) === id).toBe(found);
    }
  });
});
