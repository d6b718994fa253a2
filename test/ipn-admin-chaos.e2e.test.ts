import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { IpnVerificationError } from '../src/testing/ipn-verification.js';
import {
  startIpnReceiver,
  type IpnReceiver,
  type ReceivedIpn,
} from '../src/testing/ipn-receiver.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import { idem, setUpSavedWallet, type WebStoreClient } from './support/sdk-helpers.js';

/**
 * Issue "IPN delivery", scope 1, 4, 5 and 7: endpoints and settings through the admin API and the
 * CLI, the public signing certificate and UnsubscribeURL, and chaos for merchants' handlers
 * (duplicates, forged signatures, delays, out-of-order arrival), each off by default.
 */
describe('IPN settings, public routes and chaos', () => {
  let platform: TestPlatform;
  let receiver: IpnReceiver;

  beforeAll(async () => {
    platform = await createTestPlatform({ adminToken: 's3cret' });
    receiver = await startIpnReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await platform.close();
  });

  const admin = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${platform.httpUrl}/_localpay${route}`, {
      method,
      headers: {
        authorization: 'Bearer s3cret',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies, checked by the assertions
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  async function merchantWithWallet(): Promise<{
    merchant: TestMerchant;
    client: WebStoreClient;
    permissionId: string;
  }> {
    const merchant = await platform.createMerchant({ region: 'NA' });
    const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    return { merchant, client, permissionId: await setUpSavedWallet(client, platform, merchant) };
  }
  const charge = async (client: WebStoreClient, permissionId: string): Promise<string> =>
    String(
      (
        await client.createCharge(
          {
            chargePermissionId: permissionId,
            chargeAmount: { amount: '3.00', currencyCode: 'USD' },
            chargeInitiator: 'MITR',
            captureNow: true,
          },
          idem(),
        )
      ).data.chargeId,
    );
  const objectOf = (ipn: ReceivedIpn): string =>
    String((JSON.parse(String(ipn.envelope?.Message)) as { ObjectId: string }).ObjectId);
  const forObject = (objectId: string): ReceivedIpn[] =>
    receiver.received.filter((ipn) => ipn.envelope !== null && objectOf(ipn) === objectId);

  it('sets endpoints and settings per merchant, validating them', async () => {
    const { merchant } = await merchantWithWallet();
    const base = `/merchants/${merchant.merchantId}/ipn`;
    expect((await admin('GET', base)).body).toEqual({
      merchantId: merchant.merchantId,
      endpoints: { Sandbox: null, Live: null },
      signingCertUrl: null,
      chaos: { duplicateRate: 0, badSignatureRate: 0, outOfOrderWindowMs: 0, delayMs: 0 },
    });
    expect(
      (await admin('PUT', `${base}/endpoints/Sandbox`, { url: 'ftp://x' })).body.reasonCode,
    ).toBe('InvalidParameterValue');
    expect((await admin('PUT', `${base}/endpoints/Staging`, { url: receiver.url })).status).toBe(
      400,
    );
    const set = await admin('PUT', `${base}/endpoints/live`, { url: receiver.url });
    expect(set.status).toBe(200);
    expect(set.body.endpoints.Live).toMatchObject({ url: receiver.url, environment: 'Live' });
    expect((await admin('DELETE', `${base}/endpoints/Live`)).body.endpoints.Live).toBeNull();
    expect((await admin('PATCH', base, { chaos: { duplicateRate: 2 } })).status).toBe(400);
    expect((await admin('PATCH', base, { chaos: { delayMs: 3_600_000 } })).status).toBe(400);
    const patched = await admin('PATCH', base, { chaos: { delayMs: 5 } });
    expect(patched.body.chaos).toMatchObject({ delayMs: 5, duplicateRate: 0 });
    expect((await admin('GET', '/merchants/A0000000000000/ipn')).status).toBe(404);
  });

  it('serves the signing certificate to anyone, the rest of the admin API to token holders', async () => {
    expect((await fetch(`${platform.httpUrl}/_localpay/ipn/signing-cert.pem`)).status).toBe(200);
    expect((await fetch(`${platform.httpUrl}/_localpay/ipn/notifications`)).status).toBe(401);
  });

  it('does not deliver what was committed before the endpoint existed', async () => {
    const { merchant, client, permissionId } = await merchantWithWallet();
    const before = await charge(client, permissionId);
    await platform.setIpnEndpoint(merchant.merchantId, receiver.url);
    const after = await charge(client, permissionId);
    await receiver.waitFor(() => forObject(after).length === 1);
    const listed = await admin('GET', `/ipn/notifications?objectId=${before}`);
    expect(listed.body.notifications).toMatchObject([{ status: 'skipped', attempts: 0 }]);
    expect(forObject(before)).toHaveLength(0);
  });

  it('unsubscribes through the UnsubscribeURL of an envelope', async () => {
    const { merchant, client, permissionId } = await merchantWithWallet();
    await platform.setIpnEndpoint(merchant.merchantId, receiver.url);
    const chargeId = await charge(client, permissionId);
    await receiver.waitFor(() => forObject(chargeId).length === 1);
    const envelope = forObject(chargeId)[0]!.envelope!;
    const unsubscribeUrl = String(envelope.UnsubscribeURL);
    expect(unsubscribeUrl).toContain(`SubscriptionArn=${String(envelope.TopicArn)}:`);
    // Any caller may use it (no admin token), as on SNS: the ARN's last part is secret enough.
    const local = new URL(unsubscribeUrl);
    const answer = await fetch(`${platform.httpUrl}${local.pathname}${local.search}`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('<UnsubscribeResponse');
    const view = await admin('GET', `/merchants/${merchant.merchantId}/ipn`);
    expect(view.body.endpoints.Sandbox).toBeNull();
    expect((await fetch(`${platform.httpUrl}${local.pathname}${local.search}`)).status).toBe(404);
  });

  it('chaos: duplicates, forged signatures and a custom SigningCertURL', async () => {
    const { merchant, client, permissionId } = await merchantWithWallet();
    await platform.setIpnEndpoint(merchant.merchantId, receiver.url);
    await admin('PATCH', `/merchants/${merchant.merchantId}/ipn`, {
      chaos: { duplicateRate: 1, badSignatureRate: 1 },
    });
    // A handler that checks signatures, as merchants' should: 400 for a forged one.
    receiver.respondWith(async (ipn) =>
      platform.verifyIpn(ipn.body).then(
        () => 200,
        (error: unknown) => (error instanceof IpnVerificationError ? 400 : 500),
      ),
    );
    const chargeId = await charge(client, permissionId);
    await receiver.waitFor(() => forObject(chargeId).length === 3);
    const [forged, genuine, duplicate] = forObject(chargeId);
    await expect(platform.verifyIpn(forged!.body)).rejects.toBeInstanceOf(IpnVerificationError);
    await expect(platform.verifyIpn(genuine!.body)).resolves.toBeDefined();
    expect(duplicate!.body).toBe(genuine!.body);
    expect(forged!.messageId).toBe(genuine!.messageId);

    await platform.localpay.ipn.dispatcher?.whenIdle();
    const detail = await admin('GET', `/ipn/notifications/${String(genuine!.messageId)}`);
    expect(detail.body.status).toBe('delivered');
    expect(
      (detail.body.deliveryAttempts as { chaos: string | null; outcome: string; attempt: number }[])
        .map((a) => [a.chaos, a.outcome, a.attempt])
        .reverse(),
    ).toEqual([
      ['badSignature', 'rejected', 1],
      [null, 'delivered', 1],
      ['duplicate', 'delivered', 1],
    ]);

    await admin('PATCH', `/merchants/${merchant.merchantId}/ipn`, {
      chaos: { duplicateRate: 0, badSignatureRate: 0 },
      signingCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-localpay.pem',
    });
    const next = await charge(client, permissionId);
    await receiver.waitFor(() => forObject(next).length === 1);
    const [only] = forObject(next);
    expect(only!.envelope?.SigningCertURL).toBe(
      'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-localpay.pem',
    );
    // Signed by the same key: a verifier that maps that URL to localpay's certificate accepts it.
    await expect(
      platform.verifyIpn(only!.body, {
        fetchCertificate: () => Promise.resolve(platform.localpay.ipn.signing.certPem),
      }),
    ).resolves.toBeDefined();
  });

  it('chaos: delays, and out-of-order arrival', async () => {
    receiver.respondWith(() => 200);
    const { merchant, client, permissionId } = await merchantWithWallet();
    await platform.setIpnEndpoint(merchant.merchantId, receiver.url);
    await admin('PATCH', `/merchants/${merchant.merchantId}/ipn`, { chaos: { delayMs: 700 } });
    const committed = Date.now();
    const delayed = await charge(client, permissionId);
    await receiver.waitFor(() => forObject(delayed).length === 1, 5_000);
    expect(forObject(delayed)[0]!.receivedAt - committed).toBeGreaterThanOrEqual(700);

    await admin('PATCH', `/merchants/${merchant.merchantId}/ipn`, {
      chaos: { delayMs: 0, outOfOrderWindowMs: 1_500 },
    });
    const created: string[] = [];
    for (let index = 0; index < 8; index += 1) created.push(await charge(client, permissionId));
    await receiver.waitFor(() => created.every((id) => forObject(id).length === 1), 10_000);
    const arrival = receiver.received
      .filter((ipn) => ipn.envelope !== null && created.includes(objectOf(ipn)))
      .map(objectOf);
    expect([...arrival].sort()).toEqual([...created].sort());
    expect(arrival).not.toEqual(created);
  });
});

describe('the ipn CLI', () => {
  let dataDir = '';
  const run = promisify(execFile);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON output, checked by the assertions
  const cli = async (...args: string[]): Promise<any> =>
    JSON.parse(
      (
        await run(
          process.execPath,
          ['--import', 'tsx', 'src/cli/index.ts', ...args, '--data-dir', dataDir],
          {
            env: { ...process.env, LOCALPAY_LOG_LEVEL: 'silent' },
          },
        )
      ).stdout,
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-ipn-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('configures endpoints, chaos and the SigningCertURL, and reads the log', async () => {
    const { merchant } = await cli('merchants', 'create', '--name', 'IPN shop', '--region', 'UK');
    const id = String(merchant.merchantId);
    const set = await cli(
      'ipn',
      'endpoint',
      'set',
      '--merchant',
      id,
      '--url',
      'http://127.0.0.1:9/ipn',
    );
    expect(set.endpoints.Sandbox.url).toBe('http://127.0.0.1:9/ipn');
    const cleared = await cli(
      'ipn',
      'endpoint',
      'clear',
      '--merchant',
      id,
      '--environment',
      'sandbox',
    );
    expect(cleared.endpoints).toEqual({ Sandbox: null, Live: null });
    const chaos = await cli(
      'ipn',
      'chaos',
      '--merchant',
      id,
      '--duplicate',
      '0.25',
      '--out-of-order',
      '2s',
    );
    expect(chaos.chaos).toEqual({
      duplicateRate: 0.25,
      badSignatureRate: 0,
      outOfOrderWindowMs: 2000,
      delayMs: 0,
    });
    const cert = await cli(
      'ipn',
      'signing-cert-url',
      '--merchant',
      id,
      '--url',
      'https://sns.eu-west-1.amazonaws.com/x.pem',
    );
    expect(cert).toMatchObject({
      signingCertUrl: 'https://sns.eu-west-1.amazonaws.com/x.pem',
      chaos: chaos.chaos,
    });
    expect(await cli('ipn', 'notifications', '--merchant', id)).toEqual([]);
    expect(await cli('ipn', 'redeliver-failed')).toEqual({ requeued: 0 });

    const failure = await run(process.execPath, [
      '--import',
      'tsx',
      'src/cli/index.ts',
      'ipn',
      'notifications',
      '--status',
      'lost',
      '--data-dir',
      dataDir,
    ]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('--status must be one of');
  }, 120_000);
});
