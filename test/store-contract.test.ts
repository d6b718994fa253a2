/**
 * One contract for the Store port (src/app/ports.ts), run against every supported database
 * (DESIGN.md §4): always SQLite in a temporary directory, and PostgreSQL when
 * LOCALPAY_TEST_DATABASE_URL names a server (npm test starts a throwaway one when PostgreSQL is installed). Each test
 * gets a fresh database: a new SQLite file, or a new PostgreSQL schema selected via search_path.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../src/app/inspection/inspection-ports.js';
import {
  UniqueViolation,
  type OutboxMessage,
  type Scope,
  type Store,
  type Transaction,
} from '../src/app/ports.js';
import { authorizedCharge } from '../src/domain/charge/charge-operations.js';
import type { Charge } from '../src/domain/charge/charge.js';
import { openChargePermission } from '../src/domain/charge-permission/charge-permission-operations.js';
import type { ChargePermission } from '../src/domain/charge-permission/charge-permission.js';
import {
  cancelCheckoutSession,
  newCheckoutSession,
} from '../src/domain/checkout-session/checkout-session-operations.js';
import type { CheckoutSession } from '../src/domain/checkout-session/checkout-session.js';
import type { Merchant } from '../src/domain/merchant/merchant.js';
import type { ReleaseEnvironment } from '../src/domain/shared/environment.js';
import { money } from '../src/domain/shared/money.js';
import { DAY, HOUR } from '../src/domain/shared/time.js';
import { defaultTestBuyer } from '../src/domain/simulation/test-buyers.js';
import { createStore, type StoreOptions } from '../src/store/sql-store.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';
import { backOfficeContract } from './support/back-office-store-contract.js';

/** A fresh database, opened as often as a test likes (restarts, concurrent start-up). */
interface StoreFixture {
  readonly options: StoreOptions;
  /**
   * The ids of a merchant's outbox rows as another connection sees them: committed rows only. On
   * SQLite the read happens before this returns, so a caller can check the state at that moment.
   */
  committedOutboxIds(merchantId: string): Promise<string[]>;
}

/**
 * Starts a store in a separate process, as a second server or the CLI would, and inserts a
 * merchant. In-process, two SQLite connections on one thread cannot wait for each other: the
 * second blocks the thread in busy_timeout while the first can never finish.
 */
let startScript = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'localpay-start-'));
  const storeModule = fileURLToPath(new URL('../src/store/sql-store.ts', import.meta.url));
  startScript = join(dir, 'start-store.ts');
  writeFileSync(
    startScript,
    [
      `import { createStore } from ${JSON.stringify(storeModule)};`,
      `const [options = '', merchant = ''] = process.argv.slice(2);`,
      `const store = await createStore(JSON.parse(options));`,
      `await store.transaction((tx) => tx.merchants.insert(JSON.parse(merchant)));`,
      `await store.close();`,
    ].join('\n'),
  );
});
afterAll(() => {
  if (startScript !== '') rmSync(dirname(startScript), { recursive: true, force: true });
});

async function runInOtherProcess(options: StoreOptions, merchant: Merchant): Promise<void> {
  const viteNode = fileURLToPath(new URL('../node_modules/.bin/vite-node', import.meta.url));
  await promisify(execFile)(viteNode, [
    startScript,
    JSON.stringify(options),
    JSON.stringify(merchant),
  ]);
}

// --- builders of realistic domain objects -------------------------------------------------------

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const merchantFixture = (merchantId: string, overrides: Partial<Merchant> = {}): Merchant => ({
  merchantId,
  name: `Shop ${merchantId}`,
  region: 'NA',
  clockOffsetMs: 0,
  createdAt: T0,
  scaTraClass: 'None',
  ...overrides,
});

function sessionFixture(scope: Scope, id: string, now = T0): CheckoutSession {
  return newCheckoutSession(
    {
      storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
      webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: money(1999, 'USD') },
      merchantMetadata: { merchantReferenceId: `order-${id}` },
    },
    { id, merchantId: scope.merchantId, environment: scope.environment, region: 'NA', now },
  );
}

const permissionFixture = (scope: Scope, id: string, now = T0): ChargePermission =>
  openChargePermission(sessionFixture(scope, randomUUID(), now), id, now);

const chargeFixture = (permission: ChargePermission, id: string, now = T0): Charge =>
  authorizedCharge(
    permission,
    {
      id,
      chargeAmount: money(1999, 'USD'),
      captureNow: false,
      softDescriptor: null,
      canHandlePendingAuthorization: false,
    },
    now,
  );

const outboxFixture = (merchantId: string, id: string): OutboxMessage => ({
  id,
  merchantId,
  environment: 'Sandbox',
  objectType: 'CHARGE',
  objectId: `S01-0000000-0000000-C${id.slice(-6)}`,
  chargePermissionId: 'S01-0000000-0000000',
  notificationType: 'STATE_CHANGE',
  createdAt: T0,
});

/** Unique per test, so no test depends on another's rows even when a database is shared. */
const newMerchantId = (): string =>
  `A${randomUUID().replaceAll('-', '').slice(0, 13).toUpperCase()}`;

// --- the contract -----------------------------------------------------------------------------------

function storeContract(createFixture: () => Promise<StoreFixture>): void {
  let fixture: StoreFixture;
  let store: Store;
  const opened: Store[] = [];
  let scope: Scope;

  const open = async (): Promise<Store> => {
    const next = await createStore(fixture.options);
    opened.push(next);
    return next;
  };
  const inTx = <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => store.transaction(work);

  beforeEach(async () => {
    fixture = await createFixture();
    store = await open();
    scope = { merchantId: newMerchantId(), environment: 'Sandbox' };
    await inTx((tx) => tx.merchants.insert(merchantFixture(scope.merchantId)));
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  describe('merchants, keys, stores and test buyers', () => {
    it('inserts, finds, lists and updates merchants', async () => {
      const other = merchantFixture(newMerchantId(), { region: 'EU', createdAt: T0 + 1 });
      await inTx((tx) => tx.merchants.insert(other));
      // 400 days in ms: bigint columns must come back as JS numbers, not strings.
      const advanced = { ...other, clockOffsetMs: 400 * DAY, name: 'Renamed' };
      await inTx((tx) => tx.merchants.update(advanced));
      await inTx(async (tx) => {
        expect(await tx.merchants.find(other.merchantId)).toEqual(advanced);
        expect(await tx.merchants.find('A-UNKNOWN')).toBeUndefined();
        const listed = (await tx.merchants.list()).map((m) => m.merchantId);
        expect(listed).toEqual([scope.merchantId, other.merchantId]);
      });
      await expect(inTx((tx) => tx.merchants.insert(other))).rejects.toBeInstanceOf(
        UniqueViolation,
      );
      await expect(inTx((tx) => tx.merchants.update(merchantFixture('A-MISSING')))).rejects.toThrow(
        /expected exactly one/,
      );
    });

    it('stores public keys, legacy (no environment) and environment-specific', async () => {
      const pem = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n';
      const legacy = {
        publicKeyId: 'LEGACYKEY0001',
        merchantId: scope.merchantId,
        environment: null,
        publicKeyPem: pem,
        createdAt: T0,
      };
      const sandbox = {
        ...legacy,
        publicKeyId: 'SANDBOX-KEY0002',
        environment: 'Sandbox' as const,
        createdAt: T0 + 1,
      };
      await inTx(async (tx) => {
        await tx.publicKeys.insert(legacy);
        await tx.publicKeys.insert(sandbox);
      });
      await inTx(async (tx) => {
        expect(await tx.publicKeys.find('LEGACYKEY0001')).toEqual(legacy);
        expect(await tx.publicKeys.find('SANDBOX-KEY0002')).toEqual(sandbox);
        expect(await tx.publicKeys.find('LIVE-NOPE')).toBeUndefined();
        expect(await tx.publicKeys.listByMerchant(scope.merchantId)).toEqual([legacy, sandbox]);
        expect(await tx.publicKeys.listByMerchant(newMerchantId())).toEqual([]);
      });
      await expect(inTx((tx) => tx.publicKeys.insert(legacy))).rejects.toBeInstanceOf(
        UniqueViolation,
      );
    });

    it('stores merchant stores and test buyers per merchant', async () => {
      const shop = {
        storeId: 'amzn1.application-oa2-client.aa',
        merchantId: scope.merchantId,
        name: 'Main shop',
        allowedReturnUrls: ['https://shop.example/return'],
        allowedJavaScriptOrigins: ['https://shop.example'],
      };
      const buyer = defaultTestBuyer('NA', 'amzn1.account.BUYER0000000000000000000000001');
      await inTx(async (tx) => {
        await tx.merchantStores.insert(shop);
        await tx.testBuyers.insert(scope.merchantId, buyer, T0);
      });
      await inTx(async (tx) => {
        expect(await tx.merchantStores.find(shop.storeId)).toEqual(shop);
        expect(await tx.merchantStores.listByMerchant(scope.merchantId)).toEqual([shop]);
        expect(await tx.testBuyers.find(scope.merchantId, buyer.details.buyerId)).toEqual(buyer);
        expect(await tx.testBuyers.find(newMerchantId(), buyer.details.buyerId)).toBeUndefined();
        expect(await tx.testBuyers.listByMerchant(scope.merchantId)).toEqual([buyer]);
      });
      await expect(inTx((tx) => tx.merchantStores.insert(shop))).rejects.toBeInstanceOf(
        UniqueViolation,
      );
      const changed = {
        ...shop,
        allowedReturnUrls: [],
        allowedJavaScriptOrigins: ['http://localhost'],
      };
      await inTx((tx) => tx.merchantStores.update(changed));
      await inTx(async (tx) => expect(await tx.merchantStores.find(shop.storeId)).toEqual(changed));
      const token = {
        token: 'amzn1.buyer-token.contract',
        merchantId: scope.merchantId,
        environment: 'Sandbox' as const,
        storeId: shop.storeId,
        buyerId: buyer.details.buyerId,
        scopes: ['name', 'postalCode'] as const,
        createdAt: T0,
        expiresAt: T0 + 1,
      };
      await inTx((tx) => tx.buyerTokens.insert({ ...token, scopes: [...token.scopes] }));
      await inTx(async (tx) => {
        expect(await tx.buyerTokens.find(token.token)).toEqual({
          ...token,
          scopes: [...token.scopes],
        });
        expect(await tx.buyerTokens.find('amzn1.buyer-token.other')).toBeUndefined();
      });
      await expect(
        inTx((tx) => tx.testBuyers.insert(scope.merchantId, buyer, T0)),
      ).rejects.toBeInstanceOf(UniqueViolation);
    });
  });

  describe('partners (issue 13)', () => {
    it('keeps roles, delegations, merchant accounts and their stores', async () => {
      const providerId = newMerchantId();
      const delegation = {
        mwsAuthToken: `amzn.mws.${randomUUID()}`,
        authorizationToken: `Atzr|${randomUUID()}`,
        merchantId: scope.merchantId,
        providerId,
        createdAt: T0,
        revokedAt: null,
      };
      const account = {
        merchantAccountId: scope.merchantId,
        providerId,
        uniqueReferenceId: 'ref-1',
        ledgerCurrency: 'USD',
        state: 'ClaimInitiated' as const,
        details: { businessInfo: { businessLegalName: 'Acme' } },
        claimToken: 'claim-token-1',
        createdAt: T0,
        updatedAt: T0,
      };
      const shop = {
        storeId: 'amzn1.application-oa2-client.pp',
        merchantId: scope.merchantId,
        name: 'Shop',
        allowedReturnUrls: ['https://shop.example/return'],
        allowedJavaScriptOrigins: ['https://shop.example'],
      };
      const partnerStore = {
        storeId: shop.storeId,
        merchantAccountId: scope.merchantId,
        details: { storeName: 'Shop' },
      };
      await inTx(async (tx) => {
        await tx.partnerRoles.set(providerId, ['SolutionProvider', 'PaymentServiceProvider']);
        await tx.delegations.insert(delegation);
        await tx.merchantAccounts.insert(account);
        await tx.merchantStores.insert(shop);
        await tx.partnerStores.insert(partnerStore);
      });
      await inTx(async (tx) => {
        expect(await tx.partnerRoles.list(providerId)).toEqual([
          'PaymentServiceProvider',
          'SolutionProvider',
        ]);
        await tx.partnerRoles.set(providerId, ['SolutionProvider']);
        expect(await tx.partnerRoles.list(providerId)).toEqual(['SolutionProvider']);
        expect(await tx.delegations.findByMwsAuthToken(delegation.mwsAuthToken)).toEqual(
          delegation,
        );
        expect(
          await tx.delegations.findByAuthorizationToken(delegation.authorizationToken),
        ).toEqual(delegation);
        await tx.delegations.update({ ...delegation, revokedAt: T0 + HOUR });
        expect(await tx.delegations.listByMerchant(scope.merchantId)).toEqual([
          { ...delegation, revokedAt: T0 + HOUR },
        ]);
        expect(await tx.merchantAccounts.findByReference(providerId, 'ref-1')).toEqual(account);
        expect(await tx.merchantAccounts.findByClaimToken('claim-token-1')).toEqual(account);
        await tx.merchantAccounts.update({ ...account, state: 'Claimed', claimToken: null });
        expect(await tx.merchantAccounts.findByClaimToken('claim-token-1')).toBeUndefined();
        expect((await tx.merchantAccounts.find(scope.merchantId))?.state).toBe('Claimed');
        await tx.merchantStores.update({ ...shop, name: 'Renamed' });
        expect((await tx.merchantStores.find(shop.storeId))?.name).toBe('Renamed');
        await tx.partnerStores.update({ ...partnerStore, details: { storeName: 'Renamed' } });
        expect(await tx.partnerStores.listByAccount(scope.merchantId)).toEqual([
          { ...partnerStore, details: { storeName: 'Renamed' } },
        ]);
      });
      await expect(inTx((tx) => tx.delegations.insert(delegation))).rejects.toBeInstanceOf(
        UniqueViolation,
      );
      await expect(
        inTx((tx) =>
          tx.merchantAccounts.insert({
            ...account,
            merchantAccountId: newMerchantId(),
            claimToken: null,
          }),
        ),
      ).rejects.toBeInstanceOf(UniqueViolation);
    });
  });

  describe('aggregates', () => {
    it('round-trips a checkout session and its update', async () => {
      const session = sessionFixture(scope, randomUUID());
      await inTx((tx) => tx.checkoutSessions.insert(session));
      const canceled = cancelCheckoutSession(
        session,
        'BuyerCanceled',
        'The buyer left.',
        T0 + HOUR,
      );
      await inTx(async (tx) => {
        expect(await tx.checkoutSessions.findForUpdate(scope, session.id)).toEqual(session);
        await tx.checkoutSessions.update(canceled);
      });
      await inTx(async (tx) => {
        expect(await tx.checkoutSessions.find(scope, session.id)).toEqual(canceled);
        expect(await tx.checkoutSessions.scopeOf(session.id)).toEqual(scope);
        expect(await tx.checkoutSessions.scopeOf(randomUUID())).toBeUndefined();
      });
      await expect(inTx((tx) => tx.checkoutSessions.insert(session))).rejects.toBeInstanceOf(
        UniqueViolation,
      );
      const neverStored = sessionFixture(scope, randomUUID());
      await expect(inTx((tx) => tx.checkoutSessions.update(neverStored))).rejects.toThrow(
        /expected exactly one/,
      );
    });

    it('round-trips charge permissions and charges, listing charges by permission', async () => {
      const permission = permissionFixture(scope, 'S01-1111111-1111111');
      const other = permissionFixture(scope, 'S01-2222222-2222222');
      const later = chargeFixture(permission, 'S01-1111111-1111111-C000002', T0 + 2 * HOUR);
      const earlier = chargeFixture(permission, 'S01-1111111-1111111-C000001', T0 + HOUR);
      const unrelated = chargeFixture(other, 'S01-2222222-2222222-C000001', T0);
      await inTx(async (tx) => {
        await tx.chargePermissions.insert(permission);
        await tx.chargePermissions.insert(other);
        for (const charge of [later, earlier, unrelated]) await tx.charges.insert(charge);
      });
      const captured: Charge = {
        ...earlier,
        state: 'Captured',
        captureAmount: earlier.chargeAmount,
        lastUpdatedAt: T0 + 3 * HOUR,
      };
      await inTx((tx) => tx.charges.update(captured));
      await inTx(async (tx) => {
        expect(await tx.chargePermissions.find(scope, permission.id)).toEqual(permission);
        expect(await tx.charges.find(scope, earlier.id)).toEqual(captured);
        expect(await tx.charges.listByChargePermission(scope, permission.id)).toEqual([
          captured,
          later,
        ]);
        const live: Scope = { ...scope, environment: 'Live' };
        expect(await tx.charges.listByChargePermission(live, permission.id)).toEqual([]);
      });
    });

    it('reads another merchant’s or environment’s object as not found', async () => {
      const session = sessionFixture(scope, randomUUID());
      const permission = permissionFixture(scope, 'S01-3333333-3333333');
      const charge = chargeFixture(permission, 'S01-3333333-3333333-C000001');
      await inTx(async (tx) => {
        await tx.checkoutSessions.insert(session);
        await tx.chargePermissions.insert(permission);
        await tx.charges.insert(charge);
      });
      const strangers: Scope[] = [
        { merchantId: newMerchantId(), environment: 'Sandbox' },
        { merchantId: scope.merchantId, environment: 'Live' },
      ];
      await inTx(async (tx) => {
        for (const stranger of strangers) {
          expect(await tx.checkoutSessions.find(stranger, session.id)).toBeUndefined();
          expect(await tx.checkoutSessions.findForUpdate(stranger, session.id)).toBeUndefined();
          expect(await tx.chargePermissions.find(stranger, permission.id)).toBeUndefined();
          expect(await tx.charges.find(stranger, charge.id)).toBeUndefined();
        }
      });
      // An update carrying a foreign scope must not overwrite the row either.
      const hijacked = { ...session, merchantId: strangers[0]?.merchantId ?? '' };
      await expect(inTx((tx) => tx.checkoutSessions.update(hijacked))).rejects.toThrow();
    });

    it('lists due objects earliest first, up to now and the limit, for one merchant only', async () => {
      const at = (hours: number, environment: ReleaseEnvironment = 'Sandbox'): CheckoutSession =>
        sessionFixture({ ...scope, environment }, randomUUID(), T0 + hours * HOUR);
      // Sessions expire 24 h after creation: due at T0+27h, +25h, +26h (Live), +30h.
      const third = at(3);
      const first = at(1);
      const second = at(2, 'Live');
      const notYet = at(6);
      const canceled = cancelCheckoutSession(at(0), 'BuyerCanceled', 'Left.', T0);
      const foreign = sessionFixture(
        { merchantId: newMerchantId(), environment: 'Sandbox' },
        randomUUID(),
      );
      await inTx(async (tx) => {
        for (const s of [third, first, second, notYet, canceled, foreign])
          await tx.checkoutSessions.insert(s);
      });
      const now = T0 + 28 * HOUR;
      await inTx(async (tx) => {
        expect(await tx.checkoutSessions.dueIds(scope.merchantId, now, 10)).toEqual([
          { id: first.id, environment: 'Sandbox' },
          { id: second.id, environment: 'Live' },
          { id: third.id, environment: 'Sandbox' },
        ]);
        expect(
          (await tx.checkoutSessions.dueIds(scope.merchantId, now, 2)).map((d) => d.id),
        ).toEqual([first.id, second.id]);
        // due_at <= now is inclusive.
        expect(
          (await tx.checkoutSessions.dueIds(scope.merchantId, T0 + 25 * HOUR, 10)).map((d) => d.id),
        ).toEqual([first.id]);
        expect(await tx.checkoutSessions.dueIds(scope.merchantId, T0, 10)).toEqual([]);
      });
    });
  });

  describe('transactions', () => {
    it('writes nothing when the work throws, and rethrows the error', async () => {
      const failure = new Error('boom');
      const session = sessionFixture(scope, randomUUID());
      const otherMerchant = merchantFixture(newMerchantId());
      const attempt = inTx(async (tx) => {
        await tx.merchants.insert(otherMerchant);
        await tx.checkoutSessions.insert(session);
        await tx.idempotency.insert({
          merchantId: scope.merchantId,
          key: 'k-rollback',
          fingerprint: 'f',
          statusCode: 201,
          responseBody: '{}',
          createdAt: T0,
        });
        await tx.outbox.add(outboxFixture(scope.merchantId, randomUUID()));
        throw failure;
      });
      await expect(attempt).rejects.toBe(failure);
      await inTx(async (tx) => {
        expect(await tx.merchants.find(otherMerchant.merchantId)).toBeUndefined();
        expect(await tx.checkoutSessions.find(scope, session.id)).toBeUndefined();
        expect(await tx.idempotency.find(scope.merchantId, 'k-rollback')).toBeUndefined();
        expect(await tx.outbox.countPending(scope.merchantId)).toBe(0);
      });
    });

    it('returns what the work returns', async () => {
      await expect(inTx(() => Promise.resolve(42))).resolves.toBe(42);
    });

    it('serialises read-modify-write through findForUpdate (no lost update)', async () => {
      const permission = permissionFixture(scope, 'S01-4444444-4444444');
      await inTx((tx) => tx.chargePermissions.insert(permission));
      const bump = (): Promise<void> =>
        inTx(async (tx) => {
          const current = await tx.chargePermissions.findForUpdate(scope, permission.id);
          if (!current) throw new Error('missing');
          await sleep(30);
          await tx.chargePermissions.update({
            ...current,
            lastUpdatedAt: current.lastUpdatedAt + 1,
          });
        });
      await Promise.all([bump(), bump()]);
      const final = await inTx((tx) => tx.chargePermissions.find(scope, permission.id));
      expect(final?.lastUpdatedAt).toBe(permission.lastUpdatedAt + 2);
    });
  });

  // Concurrent units of work may share one database transaction (SQLite's group commit); each
  // must still behave as if it had committed alone.
  describe('concurrent units of work', () => {
    it('rolls back a unit that throws alone, while the units beside it commit', async () => {
      const failure = new Error('boom');
      const session = sessionFixture(scope, randomUUID());
      const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const unit = (id: string, index: number): Promise<string> =>
        inTx(async (tx) => {
          await tx.outbox.add(outboxFixture(scope.merchantId, id));
          if (index !== 1) return id;
          await tx.checkoutSessions.insert(session);
          await sleep(20); // the others queue up behind it meanwhile
          throw failure;
        });
      const results = await Promise.allSettled(ids.map(unit));
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(results[1]).toEqual({ status: 'rejected', reason: failure });
      const committed = await fixture.committedOutboxIds(scope.merchantId);
      expect(committed.sort()).toEqual([ids[0], ids[2], ids[3]].sort());
      expect(await inTx((tx) => tx.checkoutSessions.find(scope, session.id))).toBeUndefined();
    });

    it('hands back a unit’s result only once its writes are committed', async () => {
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      const seenAtResult = await Promise.all(
        ids.map((id, index) =>
          inTx(async (tx) => {
            await tx.outbox.add(outboxFixture(scope.merchantId, id));
            // A slow unit keeps a shared transaction open: no result may be handed back before
            // it commits.
            if (index === 1) await sleep(30);
          }).then(() => fixture.committedOutboxIds(scope.merchantId)),
        ),
      );
      seenAtResult.forEach((seen, index) => expect(seen).toContain(ids[index]));
    });

    it('runs units one after another, each seeing the writes of those before it', async () => {
      const permission = permissionFixture(scope, 'S01-5555555-5555555');
      await inTx((tx) => tx.chargePermissions.insert(permission));
      const bump = (): Promise<number> =>
        inTx(async (tx) => {
          const current = await tx.chargePermissions.findForUpdate(scope, permission.id);
          if (!current) throw new Error('missing');
          await tx.chargePermissions.update({
            ...current,
            lastUpdatedAt: current.lastUpdatedAt + 1,
          });
          return current.lastUpdatedAt - permission.lastUpdatedAt;
        });
      const seen = await Promise.all(Array.from({ length: 10 }, bump));
      // Every unit saw a different predecessor: as if they had committed one at a time.
      expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const final = await inTx((tx) => tx.chargePermissions.find(scope, permission.id));
      expect(final?.lastUpdatedAt).toBe(permission.lastUpdatedAt + 10);
    });
  });

  describe('idempotency records', () => {
    const record = (merchantId: string, fingerprint = 'sha256:aaa') => ({
      merchantId,
      key: 'idem-0001',
      fingerprint,
      statusCode: 201,
      responseBody: '{"chargeId":"S01-1"}',
      createdAt: T0,
    });

    it('stores a record per merchant and key, and rejects a second one', async () => {
      await inTx((tx) => tx.idempotency.insert(record(scope.merchantId)));
      const otherMerchant = newMerchantId();
      await inTx((tx) => tx.idempotency.insert(record(otherMerchant, 'sha256:bbb')));
      await inTx(async (tx) => {
        expect(await tx.idempotency.find(scope.merchantId, 'idem-0001')).toEqual(
          record(scope.merchantId),
        );
        expect(await tx.idempotency.find(otherMerchant, 'idem-0001')).toEqual(
          record(otherMerchant, 'sha256:bbb'),
        );
        expect(await tx.idempotency.find(scope.merchantId, 'idem-9999')).toBeUndefined();
      });
      await expect(
        inTx((tx) => tx.idempotency.insert(record(scope.merchantId, 'x'))),
      ).rejects.toBeInstanceOf(UniqueViolation);
    });

    it('keeps the transaction usable after a UniqueViolation, on every dialect', async () => {
      await inTx((tx) => tx.idempotency.insert(record(scope.merchantId)));
      const session = sessionFixture(scope, randomUUID());
      const seen = await inTx(async (tx) => {
        await expect(
          tx.idempotency.insert(record(scope.merchantId, 'sha256:late')),
        ).rejects.toBeInstanceOf(UniqueViolation);
        await tx.checkoutSessions.insert(session);
        return tx.idempotency.find(scope.merchantId, 'idem-0001');
      });
      expect(seen?.fingerprint).toBe('sha256:aaa');
      expect(await inTx((tx) => tx.checkoutSessions.find(scope, session.id))).toEqual(session);
    });

    it('lets exactly one of two concurrent first attempts commit', async () => {
      const attempt = (fingerprint: string): Promise<string> =>
        inTx(async (tx) => {
          await tx.idempotency.find(scope.merchantId, 'idem-0001');
          await sleep(30); // both transactions are open at once where the database allows it
          await tx.idempotency.insert(record(scope.merchantId, fingerprint));
          await tx.outbox.add(outboxFixture(scope.merchantId, randomUUID()));
          return fingerprint;
        });
      const results = await Promise.allSettled([attempt('sha256:one'), attempt('sha256:two')]);
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(UniqueViolation);
      await inTx(async (tx) => {
        expect((await tx.idempotency.find(scope.merchantId, 'idem-0001'))?.fingerprint).toBe(
          won[0],
        );
        expect(await tx.outbox.countPending(scope.merchantId)).toBe(1);
      });
    });
  });

  describe('outbox', () => {
    it('counts undelivered messages per merchant', async () => {
      const otherMerchant = newMerchantId();
      await inTx(async (tx) => {
        await tx.outbox.add(outboxFixture(scope.merchantId, randomUUID()));
        await tx.outbox.add({
          ...outboxFixture(scope.merchantId, randomUUID()),
          chargePermissionId: null,
          objectType: 'CHECKOUT_SESSION',
        });
        await tx.outbox.add(outboxFixture(otherMerchant, randomUUID()));
      });
      await inTx(async (tx) => {
        expect(await tx.outbox.countPending(scope.merchantId)).toBe(2);
        expect(await tx.outbox.countPending(otherMerchant)).toBe(1);
        expect(await tx.outbox.countPending(newMerchantId())).toBe(0);
      });
      const duplicate = outboxFixture(scope.merchantId, 'outbox-dup');
      await inTx((tx) => tx.outbox.add(duplicate));
      await expect(inTx((tx) => tx.outbox.add(duplicate))).rejects.toBeInstanceOf(UniqueViolation);
    });
  });

  describe('request log', () => {
    it('appends a flush of more rows than one statement takes, every row and column', async () => {
      // 50, then 10 rows a statement (inspection-repository.ts): 2 × 50, 2 × 10, and 3 one by one.
      const entries: RequestLogEntry[] = Array.from({ length: 123 }, (_, index) => ({
        id: `rq-${String(index).padStart(4, '0')}-${randomUUID()}`,
        at: T0 + index,
        merchantId: index % 3 === 0 ? null : scope.merchantId,
        environment: index % 2 === 0 ? 'Sandbox' : null,
        api: index % 4 === 0 ? 'v1' : 'v2',
        method: 'POST',
        path: `/v2/charges/${index}`,
        operation: 'POST /v2/charges',
        status: index % 5 === 0 ? 400 : 201,
        latencyMs: index,
        idempotencyKey: index % 2 === 0 ? `idem-${index}` : null,
        replay: index % 7 === 0,
        requestBody: index % 6 === 0 ? null : `{"n":${index},"text":"é\u2014"}`,
        responseBody: `{"chargeId":"S01-${index}"}`,
        signature:
          index % 10 === 0
            ? { canonicalRequest: `GET\n/${index}`, stringToSign: 'AMZN', signedHeaders: [] }
            : null,
      }));
      await inTx((tx) => tx.inspection.appendRequests(entries));
      // A row written again (a retried flush) is kept once.
      await inTx((tx) => tx.inspection.appendRequests(entries.slice(0, 60)));
      const stored = await inTx((tx) => tx.inspection.requestLog({ limit: 1_000 }));
      const ours = stored.filter((entry) => entry.id.startsWith('rq-'));
      expect(ours.sort((a, b) => a.id.localeCompare(b.id))).toEqual(entries);
    });
  });

  describe('back office', () => backOfficeContract({ inTx, scope: () => scope }));

  describe('migrations and restarts', () => {
    it('keeps data across a restart (migrations run again as a no-op)', async () => {
      const session = sessionFixture(scope, randomUUID());
      await inTx((tx) => tx.checkoutSessions.insert(session));
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      store = await open();
      await inTx(async (tx) => {
        expect(await tx.merchants.find(scope.merchantId)).toEqual(
          merchantFixture(scope.merchantId),
        );
        expect(await tx.checkoutSessions.find(scope, session.id)).toEqual(session);
      });
    });

    it('starts from two processes at once on the same fresh database', async () => {
      fixture = await createFixture();
      const merchants = [merchantFixture(newMerchantId()), merchantFixture(newMerchantId())];
      await Promise.all(merchants.map((m) => runInOtherProcess(fixture.options, m)));
      store = await open();
      const found = await inTx((tx) =>
        Promise.all(merchants.map((m) => tx.merchants.find(m.merchantId))),
      );
      expect(found).toEqual(merchants);
    }, 30_000);
  });
}

// --- the dialects -----------------------------------------------------------------------------------

describe('store contract: SQLite', () => {
  let dir = '';
  let count = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'localpay-store-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  storeContract(() => {
    // A subdirectory that does not exist yet: the store creates its data directory.
    const file = join(dir, `db-${++count}`, 'localpay.sqlite');
    return Promise.resolve({
      options: { kind: 'sqlite', file },
      committedOutboxIds(merchantId) {
        // A second, read-only connection: it sees only what the store's connection committed.
        const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
        try {
          const rows = reader
            .prepare('select id from outbox where merchant_id = ?')
            .all(merchantId) as { id: string }[];
          return Promise.resolve(rows.map((row) => row.id));
        } finally {
          reader.close();
        }
      },
    });
  });
});

const databaseUrl = testDatabaseUrl();

describe.runIf(databaseUrl !== undefined)('store contract: PostgreSQL', () => {
  const schemas: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });
  storeContract(async () => {
    const schema = await temporarySchema(databaseUrl ?? '');
    schemas.push(schema);
    return {
      options: { kind: 'postgres', connectionString: schema.url },
      async committedOutboxIds(merchantId) {
        const reader = new pg.Client({ connectionString: schema.url });
        await reader.connect();
        try {
          const { rows } = await reader.query<{ id: string }>(
            'select id from outbox where merchant_id = $1',
            [merchantId],
          );
          return rows.map((row) => row.id);
        } finally {
          await reader.end();
        }
      },
    };
  });
});
