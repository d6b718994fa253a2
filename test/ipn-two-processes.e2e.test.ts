import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { setIpnEndpoint } from '../src/app/ipn-administration.js';
import type { AppDependencies, OutboxMessage } from '../src/app/ports.js';
import { cryptoRandom } from '../src/runtime/crypto-random.js';
import { systemClock } from '../src/runtime/system-clock.js';
import { createStore } from '../src/store/sql-store.js';
import { createBuyer } from '../src/testing/buyer.js';
import { startIpnReceiver, type IpnReceiver } from '../src/testing/ipn-receiver.js';
import { startLocalpayProcess, type LocalpayProcess } from './support/localpay-process.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';
import { idem } from './support/sdk-helpers.js';

/**
 * Issue "IPN delivery", done-when 4: two localpay processes on one PostgreSQL deliver 1,000
 * notifications, none lost and none doubled. 900 are committed by a third process (this test,
 * through the store), which only polling finds; 100 come from real charges sent to the two
 * processes in turn, which wake the process that committed them while the other polls too.
 */
const databaseUrl = testDatabaseUrl();

describe.runIf(databaseUrl)('IPN delivery by two processes on one PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof temporarySchema>>;
  const dataDirs: string[] = [];
  const processes: LocalpayProcess[] = [];
  let receiver: IpnReceiver;
  let deps: AppDependencies;

  beforeAll(async () => {
    schema = await temporarySchema(databaseUrl!);
    deps = {
      store: await createStore({ kind: 'postgres', connectionString: schema.url }),
      clock: systemClock,
      random: cryptoRandom,
    };
    // Each answer takes a moment, so both dispatchers stay busy and share the work.
    receiver = await startIpnReceiver({ respond: () => ({ status: 200, delayMs: 2 }) });
    for (let index = 0; index < 2; index += 1) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-ipn-pg-'));
      dataDirs.push(dataDir);
      processes.push(
        await startLocalpayProcess({
          LOCALPAY_DATA_DIR: dataDir,
          DATABASE_URL: schema.url,
          LOCALPAY_DEFAULT_REGION: 'NA',
          LOCALPAY_IPN_POLL: '50',
        }),
      );
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((running) => running.stop()));
    await receiver?.close();
    await deps?.store.close();
    await schema?.drop();
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('delivers each of 1,000 notifications exactly once', async () => {
    const [a, b] = processes as [LocalpayProcess, LocalpayProcess];
    const merchantId = a.banner.merchantId;
    await setIpnEndpoint(deps, merchantId, 'Sandbox', receiver.url);
    // Let both processes see the endpoint (they re-read endpoints on every poll).
    await new Promise((resolve) => setTimeout(resolve, 300));

    const clients = [a, b].map(
      (running) =>
        new sdk.WebStoreClient({
          publicKeyId: a.banner.publicKeyId,
          privateKey: readFileSync(a.banner.privateKeyPath),
          region: 'na',
          sandbox: true,
          overrideServiceUrl: running.banner.httpsHost,
        }),
    );
    const session = await clients[0]!.createCheckoutSession(
      {
        webCheckoutDetails: { checkoutResultReturnUrl: 'http://localhost:3000/done' },
        storeId: a.banner.storeId,
        chargePermissionType: 'PaymentMethodOnFile',
        paymentMethodOnFileMetadata: { setupOnly: true },
        paymentDetails: { paymentIntent: 'Confirm' },
      },
      idem(),
    );
    const sessionId = String(session.data.checkoutSessionId);
    await createBuyer(a.banner.httpUrl).checkout(sessionId, { cardEnding: '1111', consent: true });
    const permissionId = String(
      (await clients[0]!.completeCheckoutSession(sessionId, {}, idem())).data.chargePermissionId,
    );

    const enqueue = async (batch: number): Promise<void> => {
      await deps.store.transaction(async (tx) => {
        for (let index = 0; index < 30; index += 1) {
          const message: OutboxMessage = {
            id: randomUUID(),
            merchantId,
            environment: 'Sandbox',
            objectType: 'CHARGE',
            objectId: `S01-0000000-${String(batch).padStart(7, '0')}-C${String(index).padStart(6, '0')}`,
            chargePermissionId: permissionId,
            notificationType: 'STATE_CHANGE',
            createdAt: systemClock.now(),
          };
          await tx.outbox.add(message);
        }
      });
    };
    const charge = (index: number) =>
      clients[index % 2]!.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: { amount: '1.00', currencyCode: 'USD' },
          chargeInitiator: 'MITR',
          captureNow: true,
        },
        idem(),
      );
    await Promise.all([
      (async () => {
        for (let batch = 0; batch < 30; batch += 1) await enqueue(batch);
      })(),
      (async () => {
        for (let index = 0; index < 100; index += 1) await charge(index);
      })(),
    ]);

    const rows = await schema.query<{ id: string }>(
      'select id from outbox where merchant_id = $1',
      [merchantId],
    );
    expect(rows.length).toBe(1_000);
    await receiver.waitFor(rows.length, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const received = receiver.received.map((ipn) => String(ipn.messageId));
    expect(received).toHaveLength(rows.length);
    expect(new Set(received).size).toBe(rows.length);
    expect(new Set(received)).toEqual(new Set(rows.map((row) => row.id)));

    const statuses = await schema.query<{ status: string; n: string }>(
      'select status, count(*) as n from outbox where merchant_id = $1 group by status',
      [merchantId],
    );
    expect(statuses.map((row) => [row.status, Number(row.n)])).toEqual([['delivered', 1_000]]);
    const perDispatcher = await schema.query<{ dispatcher: string; n: string }>(
      'select dispatcher, count(*) as n from ipn_attempts where merchant_id = $1 group by dispatcher',
      [merchantId],
    );
    expect(perDispatcher.reduce((sum, row) => sum + Number(row.n), 0)).toBe(1_000);
    // Both processes took part.
    expect(perDispatcher).toHaveLength(2);
  }, 120_000);
});
