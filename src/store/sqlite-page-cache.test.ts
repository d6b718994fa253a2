import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageCacheFitter, pageCacheKib, SQLITE_DEFAULT_CACHE_KIB } from './sqlite-page-cache.js';

const MIB = 1024 * 1024;
/** The million-charge store of bench/million-charges.ts: 4.4 GB, 4,100 interior pages (16 MiB). */
const MILLION_CHARGES_BYTES = 4_400_000_000;

describe('page cache size', () => {
  it("keeps SQLite's default for a store of up to 500 MiB", () => {
    expect(pageCacheKib(0, 32)).toBe(SQLITE_DEFAULT_CACHE_KIB);
    expect(pageCacheKib(400 * MIB, 32)).toBe(SQLITE_DEFAULT_CACHE_KIB);
  });

  it("holds a million charges' interior pages (16 MiB)", () => {
    expect(pageCacheKib(MILLION_CHARGES_BYTES, 32) * 1024).toBeGreaterThan(16 * MIB);
  });

  it('stops at the configured bound', () => {
    expect(pageCacheKib(100_000 * MIB, 32)).toBe(32 * 1024);
    expect(pageCacheKib(MILLION_CHARGES_BYTES, 8)).toBe(8 * 1024);
  });
});

describe('PageCacheFitter', () => {
  let sqlite: BetterSqlite3.Database;
  const cacheSize = () => Number(sqlite.pragma('cache_size', { simple: true }));

  beforeEach(() => {
    sqlite = new BetterSqlite3(':memory:');
  });
  afterEach(() => sqlite.close());

  it("sets the connection's cache from the file's size when the store opens", () => {
    const fitter = new PageCacheFitter(sqlite, 32, () => MILLION_CHARGES_BYTES);
    expect(cacheSize()).toBe(-fitter.kib);
    expect(fitter.kib).toBe(pageCacheKib(MILLION_CHARGES_BYTES, 32));
  });

  it('looks at the file at most once a second, however often it is asked', () => {
    let looks = 0;
    const fitter = new PageCacheFitter(sqlite, 32, () => {
      looks += 1;
      return 0;
    });
    for (let commit = 0; commit < 1000; commit += 1) fitter.fit();
    expect(looks).toBe(1);
    expect(cacheSize()).toBe(-SQLITE_DEFAULT_CACHE_KIB);
  });
});
