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

  it('checkpoints on the store connection once the worker saw the WAL past the limit', async () => {
    checkpointer = new WalCheckpointer(file, sqlite, { intervalMs: 60_000, limitBytes: 1 });
    writeMany();
    checkpointer.afterCommit(); // asks the worker, which reports the WAL over the limit
    await until(() => statSync(file).size > 500_000);
    await new Promise((resolve) => setTimeout(resolve, 50)); // its report arrives
    writeMany();
    const before = statSync(file).size;
    // The worker is not asked again within the minute: this COMMIT's checkpoint is the store's own,
    // synchronous.
    checkpointer.afterCommit();
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
  });
});
