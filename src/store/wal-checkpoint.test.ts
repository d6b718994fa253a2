import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalCheckpointer } from './wal-checkpoint.js';

/** The checkpoint worker on a real WAL database: pages reach the database file off this thread. */
describe('WAL checkpointer', () => {
  let dir: string;
  let file: string;
  let sqlite: BetterSqlite3.Database;
  let checkpointer: WalCheckpointer | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'localpay-ckpt-'));
    file = path.join(dir, 'test.db');
    sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table t (v text)');
  });
  afterEach(async () => {
    await checkpointer?.stop();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeMany = () => {
    const insert = sqlite.prepare('insert into t values (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < 2_000; i += 1) insert.run('x'.repeat(500));
    })();
  };
  const until = async (done: () => boolean) => {
    for (let tries = 0; tries < 200 && !done(); tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('leaves the COMMIT alone and copies the WAL into the database file in the worker', async () => {
    checkpointer = new WalCheckpointer(file, sqlite, { intervalMs: 0, limitBytes: 1 << 30 });
    const before = statSync(file).size;
    writeMany();
    // No automatic checkpoint ran inside the COMMIT.
    expect(statSync(file).size).toBe(before);
    checkpointer.afterCommit();
    await until(() => statSync(file).size > before);
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    expect(checkpointer.lastError).toBeNull();
  });

  /** The WAL's frames, as a checkpoint that finds nothing to copy reports them. */
  const walFrames = (): number =>
    (sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? -1;

  it('past the limit, has the worker copy every frame with the writes held, so the WAL starts over', async () => {
    checkpointer = new WalCheckpointer(file, sqlite, { intervalMs: 60_000, limitBytes: 1 });
    writeMany();
    expect(checkpointer.afterCommit()).toBe(false); // asks the worker, which finds the WAL past the limit
    await until(() => !checkpointer?.busy);
    writeMany();
    // Within the interval: the store is told to hold its writes for the final checkpoint, once.
    expect(checkpointer.afterCommit()).toBe(true);
    expect(checkpointer.afterCommit()).toBe(false);
    const before = statSync(file).size;
    const final = checkpointer.finalCheckpoint();
    // The copy and the file's sync happen in the worker: this thread goes on meanwhile.
    expect(statSync(file).size).toBe(before);
    expect(checkpointer.busy).toBe(true);
    await final;
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    expect(checkpointer.lastError).toBeNull();
    // Every frame was copied: the next write starts the WAL over from its first frame.
    sqlite.prepare('insert into t values (?)').run('y');
    expect(walFrames()).toBeLessThan(10);
  });

  it('has the store connection checkpoint itself when the worker is gone', async () => {
    checkpointer = new WalCheckpointer(file, sqlite, { intervalMs: 60_000, limitBytes: 1 });
    await checkpointer.stop();
    writeMany();
    const before = statSync(file).size;
    await checkpointer.finalCheckpoint();
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    sqlite.prepare('insert into t values (?)').run('y');
    expect(walFrames()).toBeLessThan(10);
  });

  it('keeps a failed final checkpoint as its last error instead of rejecting', async () => {
    checkpointer = new WalCheckpointer(file, sqlite, { intervalMs: 60_000, limitBytes: 1 });
    await checkpointer.stop();
    writeMany();
    // The store's own connection must copy the rest, and cannot: it is closed.
    sqlite.close();
    await expect(checkpointer.finalCheckpoint()).resolves.toBeUndefined();
    expect(checkpointer.lastError).toMatch(/not open/);
    sqlite = new BetterSqlite3(file);
  });
});
