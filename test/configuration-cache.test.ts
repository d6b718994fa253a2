/**
 * The embedded store caches merchants, test buyers and fee schedules (src/store/configuration-cache.ts):
 * every way those rows change must be seen by the next read, as it was without the cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../src/app/ports.js';
import type { Merchant } from '../src/domain/merchant/merchant.js';
import { DEFAULT_FEES } from '../src/domain/ledger/fee-schedule.js';
import { defaultTestBuyer } from '../src/domain/simulation/test-buyers.js';
import { ConfigurationCache } from '../src/store/configuration-cache.js';
import { createStore } from '../src/store/sql-store.js';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const MERCHANT: Merchant = {
  merchantId: 'A1CACHE',
  name: 'Before',
  region: 'NA',
  clockOffsetMs: 0,
  createdAt: T0,
  scaTraClass: 'None',
};
const BUYER = defaultTestBuyer('NA', 'amzn1.account.CACHETEST');

describe('the embedded store’s configuration cache', () => {
  let dir = '';
  let file = '';
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'localpay-cache-'));
    file = join(dir, 'localpay.db');
    store = await createStore({ kind: 'sqlite', file });
    await store.transaction(async (tx) => {
      await tx.merchants.insert(MERCHANT);
      await tx.testBuyers.insert(MERCHANT.merchantId, BUYER, T0);
      await tx.feeSchedules.put(MERCHANT.merchantId, DEFAULT_FEES.NA, T0);
    });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const merchantName = () =>
    store.transaction(async (tx) => (await tx.merchants.find(MERCHANT.merchantId))?.name);
  const buyerName = () =>
    store.transaction(
      async (tx) =>
        (await tx.testBuyers.find(MERCHANT.merchantId, BUYER.details.buyerId))?.details.name,
    );
  const fee = () =>
    store.transaction(
      async (tx) => (await tx.feeSchedules.find(MERCHANT.merchantId))?.percentageBasisPoints,
    );

  it('answers what the repositories wrote last', async () => {
    expect(await merchantName()).toBe('Before');
    expect(await buyerName()).toBe(BUYER.details.name);
    expect(await fee()).toBe(DEFAULT_FEES.NA.percentageBasisPoints);
    await store.transaction(async (tx) => {
      await tx.merchants.update({ ...MERCHANT, name: 'After' });
      await tx.testBuyers.update(MERCHANT.merchantId, {
        ...BUYER,
        details: { ...BUYER.details, name: 'Renamed' },
      });
      await tx.feeSchedules.put(
        MERCHANT.merchantId,
        { ...DEFAULT_FEES.NA, percentageBasisPoints: 1 },
        T0,
      );
    });
    expect(await merchantName()).toBe('After');
    expect(await buyerName()).toBe('Renamed');
    expect(await fee()).toBe(1);
  });

  it('answers "not found" until the row is written', async () => {
    const missing = { ...MERCHANT, merchantId: 'A1MISSING' };
    const find = () =>
      store.transaction(async (tx) => ({
        merchant: await tx.merchants.find(missing.merchantId),
        fees: await tx.feeSchedules.find(missing.merchantId),
      }));
    expect(await find()).toEqual({ merchant: undefined, fees: undefined });
    expect(await find()).toEqual({ merchant: undefined, fees: undefined });
    await store.transaction(async (tx) => {
      await tx.merchants.insert(missing);
      await tx.feeSchedules.put(missing.merchantId, DEFAULT_FEES.NA, T0);
    });
    expect(await find()).toEqual({ merchant: missing, fees: DEFAULT_FEES.NA });
  });

  it('forgets what a unit read after its own write when the unit rolls back', async () => {
    expect(await merchantName()).toBe('Before');
    await expect(
      store.transaction(async (tx) => {
        await tx.merchants.update({ ...MERCHANT, name: 'Rolled back' });
        expect((await tx.merchants.find(MERCHANT.merchantId))?.name).toBe('Rolled back');
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await merchantName()).toBe('Before');
  });

  it('sees what another connection (the CLI, a second process) committed', async () => {
    expect(await merchantName()).toBe('Before');
    expect(await buyerName()).toBe(BUYER.details.name);
    const other = new BetterSqlite3(file);
    try {
      other
        .prepare('update merchants set name = ? where merchant_id = ?')
        .run('Elsewhere', MERCHANT.merchantId);
      other
        .prepare('update test_buyers set data = ? where merchant_id = ? and buyer_id = ?')
        .run(
          JSON.stringify({ ...BUYER, details: { ...BUYER.details, name: 'Elsewhere' } }),
          MERCHANT.merchantId,
          BUYER.details.buyerId,
        );
    } finally {
      other.close();
    }
    expect(await merchantName()).toBe('Elsewhere');
    expect(await buyerName()).toBe('Elsewhere');
  });

  it('sees a restored snapshot', async () => {
    expect(await merchantName()).toBe('Before');
    await store.snapshots.save('before', T0, false);
    await store.transaction((tx) => tx.merchants.update({ ...MERCHANT, name: 'After' }));
    expect(await merchantName()).toBe('After');
    await store.snapshots.restore('before');
    expect(await merchantName()).toBe('Before');
  });
});

describe('the configuration cache’s bounds', () => {
  it('keeps no entry for an id as long as a hostile request’s', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    try {
      const cache = new ConfigurationCache(sqlite);
      let loads = 0;
      const load = () => {
        loads += 1;
        return Promise.resolve(undefined);
      };
      // A Confirmation Flow's `sellerId` reaches merchants.find as it was sent.
      for (let i = 0; i < 1_000; i += 1) {
        const sellerId = `${i}`.padEnd(8_000, 'A');
        await cache.read(cache.merchants, sellerId, load);
        await cache.read(cache.merchants, sellerId, load);
      }
      expect(cache.merchants.size).toBe(0);
      expect(loads).toBe(2_000);
      // A real merchant id's "not found" is still kept.
      await cache.read(cache.merchants, 'A1NOTTHERE1234', load);
      await cache.read(cache.merchants, 'A1NOTTHERE1234', load);
      expect(loads).toBe(2_001);
      expect(cache.merchants.size).toBe(1);
    } finally {
      sqlite.close();
    }
  });
});
