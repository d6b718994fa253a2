import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../app/ports.js';
import { createStore } from './sql-store.js';

/**
 * How the embedded store's default (`synchronous=FULL`) covers a power loss (docs/operating.md,
 * "Durability"). After a power cut the disk holds what was written before the last completed
 * `fdatasync`, no more. So: a unit of work must not be answered before a flush of the WAL that
 * started after its COMMIT has completed, and the files as they stood when that flush started
 * (what the flush made durable) must hold the unit's writes once SQLite recovers them.
 *
 * The test holds every asynchronous `fdatasync` (the store's WAL flusher, wal-flush.ts), copies the
 * database and its WAL at the moment each flush is asked for, and opens the copy fresh, as the
 * restarted process would after the power came back.
 */

interface HeldFlush {
  readonly copy: string;
  release(): void;
}

const held: HeldFlush[] = [];
let copyFiles: ((into: string) => void) | null = null;
let copies = 0;

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  const fdatasync = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void): void => {
    if (copyFiles === null) {
      original.fdatasync(fd, callback);
      return;
    }
    copies += 1;
    const copy = `copy-${copies}`;
    copyFiles(copy);
    held.push({ copy, release: () => original.fdatasync(fd, callback) });
  };
  return { ...original, default: { ...original, fdatasync }, fdatasync };
});

describe('a power loss under synchronous=FULL', () => {
  let dir: string;
  let file: string;
  let store: Store;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localpay-power-'));
    file = path.join(dir, 'store.db');
    store = await createStore({ kind: 'sqlite', file });
    copyFiles = (into) => {
      fs.mkdirSync(path.join(dir, into));
      // The database file and its WAL as they are now; SQLite rebuilds the -shm index on open.
      for (const name of ['store.db', 'store.db-wal'])
        fs.copyFileSync(path.join(dir, name), path.join(dir, into, name));
    };
  });
  afterEach(async () => {
    copyFiles = null;
    for (const flush of held.splice(0)) flush.release();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const record = (key: string) => ({
    merchantId: 'merchant-power',
    key,
    fingerprint: 'f',
    statusCode: 201,
    responseBody: `{"key":"${key}"}`,
    createdAt: 0,
  });

  /** The keys a copy of the files holds, opened the way a restarted process opens them. */
  const keysAfterRecovery = (copy: string): string[] => {
    const recovered = new BetterSqlite3(path.join(dir, copy, 'store.db'));
    try {
      return (
        recovered
          .prepare('select idempotency_key from idempotency_records where merchant_id = ?')
          .pluck()
          .all('merchant-power') as string[]
      ).sort();
    } finally {
      recovered.close();
    }
  };

  const until = async (done: () => boolean): Promise<void> => {
    for (let tries = 0; tries < 500 && !done(); tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 2));
    expect(done()).toBe(true);
  };

  it('answers a commit only after the flush that makes it survive, and recovery keeps it', async () => {
    let answered = false;
    const unit = store
      .transaction((tx) => tx.idempotency.insert(record('first')))
      .then(() => {
        answered = true;
      });
    await until(() => held.length === 1);
    // The flush is on its way to the disk but not done: a power cut now may lose the commit, so
    // nobody may have been told it happened.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    // What this flush makes durable already holds the commit: COMMIT wrote before the flush began.
    expect(keysAfterRecovery(held[0]!.copy)).toEqual(['first']);

    held[0]!.release();
    await unit;
    expect(answered).toBe(true);
  });

  it('waits for a flush that began after the commit, not for one already under way', async () => {
    const first = store.transaction((tx) => tx.idempotency.insert(record('first')));
    await until(() => held.length === 1);
    // The next batch stays open while that flush runs, until its time cap (20 ms) has passed and
    // another unit arrives: then it commits while the first flush is still under way, and that
    // flush may have missed its frames.
    let laterAnswered = 0;
    const answer = (): void => {
      laterAnswered += 1;
    };
    const second = store.transaction((tx) => tx.idempotency.insert(record('second'))).then(answer);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const third = store.transaction((tx) => tx.idempotency.insert(record('third'))).then(answer);
    await new Promise((resolve) => setTimeout(resolve, 20));
    held[0]!.release();
    await first;
    await until(() => held.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(laterAnswered).toBe(0);
    expect(keysAfterRecovery(held[0]!.copy)).toEqual(['first']);
    expect(keysAfterRecovery(held[1]!.copy)).toEqual(['first', 'second', 'third']);
    held[1]!.release();
    await Promise.all([second, third]);
    expect(laterAnswered).toBe(2);
  });
});
