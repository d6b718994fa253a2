import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setIpnEndpoint } from '../src/app/ipn-administration.js';
import type { Store } from '../src/app/ports.js';
import { WORKER_HEADER } from '../src/cluster/messages.js';
import { cryptoRandom } from '../src/runtime/crypto-random.js';
import { systemClock } from '../src/runtime/system-clock.js';
import { createStore } from '../src/store/sql-store.js';
import { createBuyer } from '../src/testing/buyer.js';
import { startIpnReceiver, type IpnReceiver } from '../src/testing/ipn-receiver.js';
import {
  defaultMerchantClient,
  startLocalpayProcess,
  type LocalpayProcess,
} from './support/localpay-process.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';
import {
  idem,
  idempotencyKey,
  setUpSavedWallet,
  type WebStoreClient,
} from './support/sdk-helpers.js';

/**
 * Issue 16, point 5: `localpay start --workers 2` on one PostgreSQL, driven through the official
 * SDK. Every race is sent over fresh connections, which node:cluster deals out to the workers in
 * turn; the x-localpay-worker header shows that both workers answered. Outcomes are read from the
 * database, not inferred from responses.
 */
const databaseUrl = testDatabaseUrl();

type Answer = { readonly headers: Record<string, unknown>; readonly status: number; data: unknown };

/** Settles every call; rejected SDK calls carry the response (status, body, headers). */
async function race(calls: readonly (() => Promise<Answer>)[]): Promise<Answer[]> {
  // No idle keep-alive socket left from earlier steps: each concurrent call opens its own.
  https.globalAgent.destroy();
  const settled = await Promise.allSettled(calls.map((call) => call()));
  return settled.map((outcome) => {
    if (outcome.status === 'fulfilled') return outcome.value;
    const response = (outcome.reason as { response?: Answer }).response;
    if (!response) throw outcome.reason;
    return response;
  });
}

const workersOf = (answers: readonly Answer[]): Set<string> =>
  new Set(answers.map((answer) => String(answer.headers[WORKER_HEADER])));

describe.runIf(databaseUrl)('localpay start --workers 2 on one PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof temporarySchema>>;
  let dataDir: string;
  let running: LocalpayProcess;
  let receiver: IpnReceiver;
  let store: Store;
  let client: WebStoreClient;
  let permissionId: string;
  const servedBy = new Set<string>();

  beforeAll(async () => {
    schema = await temporarySchema(databaseUrl!);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-workers-'));
    store = await createStore({ kind: 'postgres', connectionString: schema.url });
    receiver = await startIpnReceiver();
    running = await startLocalpayProcess(
      {
        LOCALPAY_DATA_DIR: dataDir,
        DATABASE_URL: schema.url,
        LOCALPAY_DEFAULT_REGION: 'NA',
        LOCALPAY_IPN_POLL: '100',
      },
      60_000,
      ['--workers', '2'],
    );
    const { banner } = running;
    await setIpnEndpoint(
      { store, clock: systemClock, random: cryptoRandom },
      banner.merchantId,
      'Sandbox',
      receiver.url,
    );
    client = defaultMerchantClient(banner);
    permissionId = await setUpSavedWallet(client, { buyer: createBuyer(banner.httpUrl) }, banner);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    await receiver?.close();
    await store?.close();
    await schema?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const charge = (amount: string, headers: Record<string, string>) => () =>
    client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount, currencyCode: 'USD' },
        chargeInitiator: 'MITR',
        captureNow: true,
      },
      headers,
    ) as Promise<Answer>;

  it('40 identical Create Charge requests with one key, spread over both workers, create one charge', async () => {
    const key = idempotencyKey();
    const answers = await race(
      Array.from({ length: 40 }, () => charge('1.00', { 'x-amz-pay-idempotency-key': key })),
    );
    expect(workersOf(answers).size).toBe(2);
    workersOf(answers).forEach((pid) => servedBy.add(pid));
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(201));
    expect(
      new Set(answers.map((answer) => (answer.data as { chargeId: string }).chargeId)).size,
    ).toBe(1);
    const [row] = await schema.query<{ n: string }>(
      'select count(*) as n from charges where charge_permission_id = $1',
      [permissionId],
    );
    expect(Number(row?.n)).toBe(1);
  }, 60_000);

  it("racing charges on both workers never exceed the Saved Wallet's monthly limit", async () => {
    // 15,000 USD a month per permission in NA (spec §7.4); 1.00 is charged already.
    await charge('13999.00', idem())();
    const answers = await race(Array.from({ length: 40 }, () => charge('50.00', idem())));
    expect(workersOf(answers).size).toBe(2);
    const accepted = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter(
      (answer) =>
        answer.status === 400 &&
        (answer.data as { reasonCode?: string }).reasonCode === 'PeriodicAmountExceeded',
    );
    expect(accepted).toHaveLength(20);
    expect(refused).toHaveLength(20);
    const [row] = await schema.query<{ total: string }>(
      "select sum(amount_minor) as total from charges where charge_permission_id = $1 and state = 'Captured'",
      [permissionId],
    );
    expect(Number(row?.total)).toBe(1_500_000);
  }, 60_000);

  it('delivers every notification the workers produced exactly once', async () => {
    const rows = await schema.query<{ id: string }>(
      'select id from outbox where merchant_id = $1',
      [running.banner.merchantId],
    );
    // One per captured charge at least (22 so far), whichever worker committed it.
    expect(rows.length).toBeGreaterThanOrEqual(22);
    await receiver.waitFor(rows.length, 30_000);
    // Time for a doubled delivery to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const received = receiver.received.map((ipn) => String(ipn.messageId));
    expect(received).toHaveLength(rows.length);
    expect(new Set(received)).toEqual(new Set(rows.map((row) => row.id)));
    const attempts = await schema.query<{ dispatcher: string }>(
      'select dispatcher from ipn_attempts where merchant_id = $1',
      [running.banner.merchantId],
    );
    expect(attempts).toHaveLength(rows.length);
    // Dispatchers are named host/pid/random: every attempt came from one of the two workers.
    const pids = new Set(attempts.map((attempt) => attempt.dispatcher.split('/')[1]));
    for (const pid of pids) expect(servedBy).toContain(pid);
  }, 60_000);

  it('replaces a worker that dies', async () => {
    const [victim] = [...servedBy];
    process.kill(Number(victim), 'SIGKILL');
    // A replacement boots like any worker (seconds; far more on a loaded machine under tsx).
    await expect
      .poll(
        async () => {
          const answers = await race(
            Array.from({ length: 6 }, () => () => client.getChargePermission(permissionId)),
          );
          return [...workersOf(answers)].filter((pid) => !servedBy.has(pid)).length;
        },
        { timeout: 100_000, interval: 500 },
      )
      .toBe(1);
  }, 120_000);
});

describe('localpay start --workers 2 on the embedded store', () => {
  it('is refused: SQLite is one process', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-workers-sqlite-'));
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/index.ts', 'start', '--workers', '2'],
        {
          env: { ...process.env, DATABASE_URL: '', LOCALPAY_DATA_DIR: dataDir },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toContain('--workers 2 needs PostgreSQL (set DATABASE_URL)');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
