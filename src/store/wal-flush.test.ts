import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totalChanges } from './sqlite-batch-connection.js';
import { WalFlusher } from './wal-flush.js';

/**
 * The flusher on a real WAL database: when a new flush is needed and what waits for which. What a
 * failed flush does to the batch is group-commit.test.ts's.
 */
describe('WAL flusher', () => {
  let dir: string;
  let sqlite: BetterSqlite3.Database;
  let flusher: WalFlusher;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'localpay-wal-'));
    const file = path.join(dir, 'test.db');
    sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec('create table t (v integer)');
    flusher = new WalFlusher(`${file}-wal`, totalChanges(sqlite));
  });
  afterEach(() => {
    flusher.close();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = () => sqlite.prepare('insert into t values (1)').run();

  it('needs no flush when nothing was written, and shares the one under way', async () => {
    await expect(flusher.durable()).resolves.toBeUndefined();
    write();
    const first = flusher.durable();
    // Read-only work after it waits for the same flush: it may have read the write.
    expect(flusher.durable()).toBe(first);
    write();
    const second = flusher.durable();
    expect(second).not.toBe(first);
    // A third write while the second flush is only queued joins it.
    write();
    expect(flusher.durable()).toBe(second);
    await Promise.all([first, second]);
    await flusher.idle();
  });
});
