import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from './dialects.js';
import { SQLITE_DEFAULT_CACHE_KIB } from './sqlite-page-cache.js';

/** The embedded store's connection settings that bound its memory (issue 16 target 2). */
describe('createSqliteDatabase', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'localpay-dialects-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('caps the page cache below better-sqlite3’s 16 MB build default', async () => {
    const file = path.join(dir, 'store.db');
    const { db, sqlite } = createSqliteDatabase({ file });
    try {
      expect(sqlite.pragma('cache_size', { simple: true })).toBe(-SQLITE_DEFAULT_CACHE_KIB);
      // What a connection gets without the pragma: the cache the fuzz filled (bench/README.md).
      const plain = new BetterSqlite3(path.join(dir, 'plain.db'));
      const buildDefault = Number(plain.pragma('cache_size', { simple: true }));
      plain.close();
      expect(-SQLITE_DEFAULT_CACHE_KIB).toBeGreaterThan(buildDefault);
    } finally {
      await db.destroy();
    }
  });
});
