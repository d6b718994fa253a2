/**
 * The IPN half of the store contract (OutboxRepository's delivery side, src/app/ports.ts), on
 * SQLite and, when `npm test` has one, PostgreSQL: what a claim takes and leaves, leases, the
 * merchant's clock, recording under a lost lease, requeueing, endpoints and settings.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advanceMerchantClock, createMerchant } from '../src/app/merchant-administration.js';
import type {
  AppDependencies,
  DeliveryAttempt,
  NotificationUpdate,
  OutboxMessage,
  Store,
} from '../src/app/ports.js';
import type { ReleaseEnvironment } from '../src/domain/shared/environment.js';
import { HOUR } from '../src/domain/shared/time.js';
import { cryptoRandom } from '../src/runtime/crypto-random.js';
import { ManualClock } from '../src/runtime/system-clock.js';
import { createStore } from '../src/store/sql-store.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';

interface Backend {
  readonly name: string;
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

const sqlite: Backend = {
  name: 'SQLite',
  async open() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'localpay-ipn-store-'));
    const store = await createStore({ kind: 'sqlite', file: path.join(dir, 'localpay.db') });
    return {
      store,
      async dispose() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const databaseUrl = testDatabaseUrl();
const postgres: Backend = {
  name: 'PostgreSQL',
  async open() {
    const schema = await temporarySchema(databaseUrl!);
    const store = await createStore({ kind: 'postgres', connectionString: schema.url });
    return {
      store,
      async dispose() {
        await store.close();
        await schema.drop();
      },
    };
  },
};

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const LEASE = 60_000;

describe.each(databaseUrl ? [sqlite, postgres] : [sqlite])(
  'IPN store contract ($name)',
  (backend) => {
    let store: Store;
    let dispose: () => Promise<void>;
    let deps: AppDependencies;
    let clock: ManualClock;
    let merchantId: string;

    beforeEach(async () => {
      const opened = await backend.open();
      store = opened.store;
      dispose = () => opened.dispose();
      clock = new ManualClock(T0);
      deps = { store, clock, random: cryptoRandom };
      merchantId = (await createMerchant(deps, { name: 'Shop', region: 'NA' })).merchant.merchantId;
    });
    afterEach(() => dispose());

    const message = (overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
      id: randomUUID(),
      merchantId,
      environment: 'Sandbox',
      objectType: 'CHARGE',
      objectId: `S01-0000000-0000000-C${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      chargePermissionId: 'S01-0000000-0000000',
      notificationType: 'STATE_CHANGE',
      createdAt: T0,
      ...overrides,
    });
    const add = (...messages: OutboxMessage[]) =>
      store.transaction(async (tx) => {
        for (const one of messages) await tx.outbox.add(one);
      });
    const endpoint = (environment: ReleaseEnvironment = 'Sandbox', forMerchant = merchantId) =>
      store.transaction((tx) =>
        tx.outbox.putEndpoint({
          merchantId: forMerchant,
          environment,
          url: 'http://127.0.0.1:9/ipn',
          subscriptionId: randomUUID(),
          createdAt: T0,
        }),
      );
    const claim = (owner = 'one', now = clock.now(), limit = 100) =>
      store.transaction((tx) => tx.outbox.claimDue({ now, owner, leaseUntil: now + LEASE, limit }));

    it('claims only what has an endpoint for its environment, oldest due first', async () => {
      const other = (await createMerchant(deps, { name: 'Other', region: 'EU' })).merchant
        .merchantId;
      const later = message({ createdAt: T0 - 10 });
      const earlier = message({ createdAt: T0 - 20 });
      await endpoint('Sandbox');
      await add(later, earlier, message({ environment: 'Live' }), message({ merchantId: other }));
      const claimed = await claim();
      expect(claimed.map((row) => row.id)).toEqual([earlier.id, later.id]);
      expect(claimed[0]).toMatchObject({
        endpointUrl: 'http://127.0.0.1:9/ipn',
        merchantRegion: 'NA',
        clockOffsetMs: 0,
        status: 'pending',
        attempts: 0,
        apiVersion: 'v2',
        scheduleFrom: T0 - 20,
        scheduleStep: 0,
      });
      expect(await store.transaction((tx) => tx.outbox.countPending(merchantId))).toBe(3);
    });

    it('leases a claim until it runs out, then another dispatcher may take it', async () => {
      await endpoint();
      const row = message();
      await add(row);
      expect(await claim('one')).toHaveLength(1);
      expect(await claim('two')).toHaveLength(0);
      expect(await claim('two', clock.now() + LEASE - 1)).toHaveLength(0);
      const taken = await claim('two', clock.now() + LEASE + 1);
      expect(taken.map((r) => r.id)).toEqual([row.id]);
    });

    it('judges due on the merchant clock', async () => {
      await endpoint();
      await add(message({ createdAt: T0 + HOUR }));
      expect(await claim()).toHaveLength(0);
      await advanceMerchantClock(deps, merchantId, HOUR);
      expect(await claim()).toHaveLength(1);
    });

    it('records attempts, applying the outcome only for the lease holder', async () => {
      await endpoint();
      const row = message();
      await add(row);
      await claim('one');
      const attempt = (dispatcher: string, n: number): DeliveryAttempt => ({
        id: randomUUID(),
        notificationId: row.id,
        merchantId,
        environment: 'Sandbox',
        attempt: n,
        chaos: null,
        url: 'http://127.0.0.1:9/ipn',
        scheduledAt: T0,
        attemptedAt: T0 + n,
        latencyMs: 3,
        outcome: 'httpError',
        statusCode: 500,
        responseExcerpt: 'boom',
        error: null,
        dispatcher,
      });
      const update = (owner: string): NotificationUpdate => ({
        id: row.id,
        owner,
        status: 'pending',
        scheduleStep: 1,
        nextAttemptAt: T0 + HOUR,
        deliveredAt: null,
        lastAttemptAt: T0,
        lastStatusCode: 500,
        lastError: 'httpError',
      });
      await store.transaction((tx) =>
        tx.outbox.recordAttempts([attempt('two', 1)], [update('two')]),
      );
      expect(await store.transaction((tx) => tx.outbox.findNotification(row.id))).toMatchObject({
        attempts: 0,
        scheduleStep: 0,
      });
      await store.transaction((tx) =>
        tx.outbox.recordAttempts([attempt('one', 2)], [update('one')]),
      );
      expect(await store.transaction((tx) => tx.outbox.findNotification(row.id))).toMatchObject({
        attempts: 1,
        scheduleStep: 1,
        nextAttemptAt: T0 + HOUR,
        lastStatusCode: 500,
        lastError: 'httpError',
      });
      // The lease is released with the outcome: the row is claimable again when due.
      expect(await claim('three')).toHaveLength(0);
      await advanceMerchantClock(deps, merchantId, HOUR);
      expect(await claim('three')).toHaveLength(1);
      const attempts = await store.transaction((tx) =>
        tx.outbox.listAttempts({ notificationId: row.id, limit: 10 }),
      );
      expect(
        attempts.map((a) => [a.attempt, a.dispatcher, a.statusCode, a.responseExcerpt]),
      ).toEqual([
        [2, 'one', 500, 'boom'],
        [1, 'two', 500, 'boom'],
      ]);
    });

    it('requeues one notification or a merchant’s failed ones with a fresh schedule', async () => {
      await endpoint();
      const failed = message();
      const delivered = message();
      const pending = message({ createdAt: T0 + HOUR });
      await add(failed, delivered, pending);
      await claim('one');
      await store.transaction((tx) =>
        tx.outbox.recordAttempts(
          [],
          [failed, delivered].map((row, index) => ({
            id: row.id,
            owner: 'one',
            status: index === 0 ? 'failed' : 'delivered',
            scheduleStep: 1,
            nextAttemptAt: T0,
            deliveredAt: index === 0 ? null : T0,
            lastAttemptAt: T0,
            lastStatusCode: index === 0 ? 400 : 200,
            lastError: null,
          })),
        ),
      );
      const now = T0 + 5 * HOUR;
      const requeued = await store.transaction((tx) =>
        tx.outbox.requeue({ merchantId, statuses: ['failed'] }, now),
      );
      expect(requeued).toBe(1);
      expect(await store.transaction((tx) => tx.outbox.findNotification(failed.id))).toMatchObject({
        status: 'pending',
        scheduleFrom: now,
        scheduleStep: 0,
        nextAttemptAt: now,
      });
      expect(await store.transaction((tx) => tx.outbox.requeue({ id: delivered.id }, now))).toBe(1);
      expect(
        await store.transaction((tx) => tx.outbox.findNotification(delivered.id)),
      ).toMatchObject({
        status: 'pending',
        deliveredAt: null,
      });
      // A pending one only becomes due now; its schedule stays.
      expect(await store.transaction((tx) => tx.outbox.requeue({ id: pending.id }, T0))).toBe(1);
      expect(await store.transaction((tx) => tx.outbox.findNotification(pending.id))).toMatchObject(
        {
          nextAttemptAt: T0,
          scheduleFrom: T0 + HOUR,
        },
      );
      const listed = await store.transaction((tx) =>
        tx.outbox.listNotifications({ merchantId, status: 'pending', limit: 10 }),
      );
      expect(listed.map((row) => row.id).sort()).toEqual(
        [failed.id, delivered.id, pending.id].sort(),
      );
    });

    it('skips what has no endpoint to go to', async () => {
      const unheard = message();
      await add(unheard);
      expect(await store.transaction((tx) => tx.outbox.findNotification(unheard.id))).toMatchObject(
        {
          status: 'skipped',
        },
      );
      // Another environment's endpoint, or another merchant's, does not take it either.
      const other = (await createMerchant(deps, { name: 'Other', region: 'NA' })).merchant;
      await endpoint('Live');
      await endpoint('Sandbox', other.merchantId);
      const elsewhere = message();
      await add(elsewhere);
      expect(
        await store.transaction((tx) => tx.outbox.findNotification(elsewhere.id)),
      ).toMatchObject({ status: 'skipped' });
      await endpoint();
      const pending = message();
      await add(pending);
      expect(await store.transaction((tx) => tx.outbox.findNotification(pending.id))).toMatchObject(
        {
          status: 'pending',
        },
      );
      const skipped = await store.transaction((tx) =>
        tx.outbox.skipPending(merchantId, 'Sandbox', T0 + 1),
      );
      expect(skipped).toBe(1);
      expect(await claim()).toHaveLength(0);
      expect(await store.transaction((tx) => tx.outbox.countPending(merchantId))).toBe(3);
    });

    it('keeps one endpoint per environment and the merchant’s settings', async () => {
      await endpoint('Sandbox');
      await endpoint('Sandbox');
      await endpoint('Live');
      const endpoints = await store.transaction((tx) => tx.outbox.listEndpoints(merchantId));
      expect(endpoints.map((e) => e.environment)).toEqual(['Live', 'Sandbox']);
      const found = await store.transaction((tx) =>
        tx.outbox.findEndpointBySubscription(endpoints[1]!.subscriptionId),
      );
      expect(found).toEqual(endpoints[1]);
      expect(await store.transaction((tx) => tx.outbox.removeEndpoint(merchantId, 'Live'))).toBe(
        true,
      );
      expect(await store.transaction((tx) => tx.outbox.removeEndpoint(merchantId, 'Live'))).toBe(
        false,
      );

      const chaos = {
        duplicateRate: 0.5,
        badSignatureRate: 0,
        outOfOrderWindowMs: 1000,
        delayMs: 0,
      };
      await store.transaction((tx) =>
        tx.outbox.putSettings(
          { merchantId, signingCertUrl: 'https://sns.example/x.pem', chaos },
          T0,
        ),
      );
      await store.transaction((tx) =>
        tx.outbox.putSettings({ merchantId, signingCertUrl: null, chaos }, T0),
      );
      expect(await store.transaction((tx) => tx.outbox.findSettings([merchantId]))).toEqual([
        { merchantId, signingCertUrl: null, chaos },
      ]);
    });

    it('stores v1 notifications with their details for rendering at delivery', async () => {
      await endpoint();
      const id = randomUUID();
      await store.transaction((tx) =>
        tx.outbox.add({
          apiVersion: 'v1',
          id,
          merchantId,
          environment: 'Sandbox',
          notificationType: 'PaymentAuthorize',
          objectId: 'S01-1111111-2222222-A000001',
          parentId: 'S01-1111111-2222222',
          details: { AmazonAuthorizationId: 'S01-1111111-2222222-A000001' },
          createdAt: T0,
        }),
      );
      const [claimed] = await claim();
      expect(claimed).toMatchObject({
        id,
        apiVersion: 'v1',
        notificationType: 'PaymentAuthorize',
        chargePermissionId: 'S01-1111111-2222222',
        payload: JSON.stringify({
          details: { AmazonAuthorizationId: 'S01-1111111-2222222-A000001' },
        }),
      });
    });

    it.runIf(backend === postgres)(
      'lets concurrent claims take disjoint rows without waiting (SKIP LOCKED)',
      async () => {
        await endpoint();
        await add(...Array.from({ length: 10 }, () => message()));
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        let firstClaimed: string[] = [];
        const first = store.transaction(async (tx) => {
          const rows = await tx.outbox.claimDue({
            now: T0,
            owner: 'one',
            leaseUntil: T0 + LEASE,
            limit: 4,
          });
          firstClaimed = rows.map((row) => row.id);
          await held;
        });
        while (firstClaimed.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        // The first transaction still holds its row locks; the second skips them.
        const second = await claim('two', T0, 100);
        release();
        await first;
        expect(second).toHaveLength(6);
        expect(second.some((row) => firstClaimed.includes(row.id))).toBe(false);
      },
    );
  },
);
