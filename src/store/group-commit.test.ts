import { describe, expect, it } from 'vitest';
import { BatchAborted, GroupCommit, type BatchConnection } from './group-commit.js';

/**
 * Group commit against a scripted connection: which statements run in which order, and when each
 * unit's outcome is handed back. The store contract suite (test/store-contract.test.ts) checks the
 * same semantics on a real database.
 */

interface Script {
  failBegin?: boolean;
  failCommit?: boolean;
  /** ROLLBACK TO fails as if SQLite had already rolled the whole transaction back. */
  loseSavepoint?: boolean;
}

function scriptedConnection(script: Script = {}) {
  const log: string[] = [];
  let inTransaction = false;
  const connection: BatchConnection = {
    begin() {
      if (script.failBegin) throw new Error('database is locked');
      log.push('begin');
      inTransaction = true;
    },
    commit() {
      if (script.failCommit) throw new Error('disk I/O error');
      log.push('commit');
      inTransaction = false;
    },
    rollback() {
      log.push('rollback');
      inTransaction = false;
    },
    savepoint: () => log.push('savepoint'),
    releaseSavepoint: () => log.push('release'),
    rollbackToSavepoint() {
      if (script.loseSavepoint) {
        inTransaction = false;
        throw new Error('no such savepoint: unit');
      }
      log.push('rollback to');
    },
    get inTransaction() {
      return inTransaction;
    },
  };
  const commits = new GroupCommit<string>(connection, (batch) => batch('tx'));
  return { log, commits };
}

/** Logs BEGIN, COMMIT and ROLLBACK only. */
const loggingConnection = (log: string[]): BatchConnection => ({
  begin: () => log.push('begin'),
  commit: () => log.push('commit'),
  rollback: () => log.push('rollback'),
  savepoint: () => undefined,
  releaseSavepoint: () => undefined,
  rollbackToSavepoint: () => undefined,
  inTransaction: true,
});

/** A unit that logs when it runs and when its outcome reaches the caller. */
const unit =
  (log: string[], name: string, fail?: Error) =>
  async (tx: string): Promise<string> => {
    log.push(`run ${name}`);
    await Promise.resolve();
    if (fail) throw fail;
    return `${name} in ${tx}`;
  };

const outcome = <T>(log: string[], name: string, promise: Promise<T>): Promise<T> =>
  promise.then(
    (value) => {
      log.push(`result ${name}`);
      return value;
    },
    (error: unknown) => {
      log.push(`error ${name}`);
      throw error;
    },
  );

describe('group commit', () => {
  it('runs concurrent units in arrival order in one transaction, one savepoint each', async () => {
    const { log, commits } = scriptedConnection();
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) => outcome(log, name, commits.run(unit(log, name)))),
    );
    expect(results).toEqual(['a in tx', 'b in tx', 'c in tx']);
    expect(log).toEqual([
      'begin',
      ...['a', 'b', 'c'].flatMap((name) => ['savepoint', `run ${name}`, 'release']),
      'commit',
      'result a',
      'result b',
      'result c',
    ]);
  });

  it('runs an exclusive item between batches: after the units before it commit, before the rest', async () => {
    const { log, commits } = scriptedConnection();
    const alone = async (): Promise<string> => {
      log.push('exclusive');
      await Promise.resolve();
      return 'alone';
    };
    const settled = await Promise.all([
      outcome(log, 'a', commits.run(unit(log, 'a'))),
      outcome(log, 'x', commits.exclusive(alone)),
      outcome(log, 'b', commits.run(unit(log, 'b'))),
    ]);
    expect(settled).toEqual(['a in tx', 'alone', 'b in tx']);
    expect(log).toEqual([
      'begin',
      'savepoint',
      'run a',
      'release',
      'commit',
      'result a',
      'exclusive',
      'result x',
      'begin',
      'savepoint',
      'run b',
      'release',
      'commit',
      'result b',
    ]);
  });

  it('rolls back a failed unit alone and reports its error only after the commit', async () => {
    const { log, commits } = scriptedConnection();
    const failure = new Error('boom');
    const settled = await Promise.allSettled([
      outcome(log, 'a', commits.run(unit(log, 'a'))),
      outcome(log, 'b', commits.run(unit(log, 'b', failure))),
      outcome(log, 'c', commits.run(unit(log, 'c'))),
    ]);
    expect(settled).toEqual([
      { status: 'fulfilled', value: 'a in tx' },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'c in tx' },
    ]);
    expect(log).toEqual([
      'begin',
      'savepoint',
      'run a',
      'release',
      'savepoint',
      'run b',
      'rollback to',
      'release',
      'savepoint',
      'run c',
      'release',
      'commit',
      'result a',
      'error b',
      'result c',
    ]);
  });

  it('fails every unit of a batch whose COMMIT fails', async () => {
    const { log, commits } = scriptedConnection({ failCommit: true });
    const settled = await Promise.allSettled([
      commits.run(unit(log, 'a')),
      commits.run(unit(log, 'b')),
    ]);
    for (const result of settled) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as BatchAborted;
      expect(reason).toBeInstanceOf(BatchAborted);
      expect((reason.cause as Error).message).toBe('disk I/O error');
    }
    expect(log.at(-1)).toBe('rollback');
  });

  it('fails the batch when SQLite rolled it back under a unit', async () => {
    const { log, commits } = scriptedConnection({ loseSavepoint: true });
    const failure = new Error('SQLITE_FULL');
    const settled = await Promise.allSettled([
      commits.run(unit(log, 'a')),
      commits.run(unit(log, 'b', failure)),
    ]);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(BatchAborted);
    expect(settled[1]).toEqual({ status: 'rejected', reason: failure });
    expect(log).not.toContain('commit');
  });

  it('fails the waiting units when BEGIN fails, and starts afresh for the next ones', async () => {
    const script: Script = { failBegin: true };
    const { log, commits } = scriptedConnection(script);
    const settled = await Promise.allSettled([
      commits.run(unit(log, 'a')),
      commits.run(unit(log, 'b')),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    script.failBegin = false;
    await expect(commits.run(unit(log, 'c'))).resolves.toBe('c in tx');
  });

  it('commits at the size cap and carries on with a new batch', async () => {
    const log: string[] = [];
    const commits = new GroupCommit<string>(loggingConnection(log), (batch) => batch('tx'), {
      maxUnits: 2,
      maxMilliseconds: 1_000,
    });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => commits.run(unit(log, name))));
    expect(log.filter((entry) => entry === 'commit')).toHaveLength(3);
    expect(log.filter((entry) => entry.startsWith('run'))).toEqual([
      'run a',
      'run b',
      'run c',
      'run d',
      'run e',
    ]);
  });
});

describe('group commit, chained units', () => {
  /** Resolves `value` after `hops` turns of the microtask queue. */
  const later = async <T>(value: T, hops: number): Promise<T> => {
    for (let hop = 0; hop < hops; hop += 1) await Promise.resolve();
    return value;
  };

  it('runs a unit queued just as the previous batch finishes, however many microtasks later', async () => {
    for (let hops = 0; hops < 8; hops += 1) {
      const { log, commits } = scriptedConnection();
      const first = await commits.run(unit(log, 'a'));
      // Queued while the drain loop is between its last emptiness check and going idle.
      const second = await later(first, hops).then(() => commits.run(unit(log, 'b')));
      expect(second).toBe('b in tx');
    }
  });
});

describe('group commit with a durable step (the WAL flush off the event loop)', () => {
  it('answers a batch only once its flush is done, and runs the next batch meanwhile', async () => {
    const log: string[] = [];
    const flushes: { resolve: () => void; reject: (error: Error) => void }[] = [];
    const commits = new GroupCommit<string>(
      loggingConnection(log),
      (batch) => batch('tx'),
      { maxUnits: 1, maxMilliseconds: 1_000 },
      () => undefined,
      {
        durable: () =>
          new Promise<void>((resolve, reject) => {
            log.push('flush');
            flushes.push({ resolve, reject });
          }),
        // As if each flush were over by the time the next batch looked.
        inFlight: () => null,
      },
    );
    const a = outcome(log, 'a', commits.run(unit(log, 'a')));
    const b = outcome(log, 'b', commits.run(unit(log, 'b')));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Both batches committed and asked for their flush; nobody was answered yet.
    expect(log).toEqual(['begin', 'run a', 'commit', 'flush', 'begin', 'run b', 'commit', 'flush']);
    flushes[1]?.reject(new Error('EIO'));
    await expect(b).rejects.toBeInstanceOf(BatchAborted);
    expect(log).not.toContain('result a');
    flushes[0]?.resolve();
    await expect(a).resolves.toBe('a in tx');
  });

  it('keeps a batch open while a flush is under way, and commits it once that flush ends', async () => {
    const log: string[] = [];
    let running: { promise: Promise<void>; resolve: () => void } | null = null;
    const startFlush = (): Promise<void> => {
      log.push('flush');
      let resolve!: () => void;
      const promise = new Promise<void>((yes) => (resolve = yes));
      running = { promise, resolve };
      return promise.then(() => {
        running = null;
      });
    };
    const commits = new GroupCommit<string>(
      loggingConnection(log),
      (batch) => batch('tx'),
      { maxUnits: 100, maxMilliseconds: 1_000 },
      (units) => log.push(`${units} units`),
      { durable: startFlush, inFlight: () => running?.promise ?? null },
    );
    const a = outcome(log, 'a', commits.run(unit(log, 'a')));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // a committed alone (no flush was under way) and waits for its flush.
    expect(log).toEqual(['begin', 'run a', 'commit', '1 units', 'flush']);
    const b = outcome(log, 'b', commits.run(unit(log, 'b')));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const c = outcome(log, 'c', commits.run(unit(log, 'c')));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // b and c share a batch that stays open: a COMMIT now would wait for the next flush anyway.
    expect(log.slice(5)).toEqual(['begin', 'run b', 'run c']);
    running!.resolve();
    await a;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log.slice(5)).toEqual([
      'begin',
      'run b',
      'run c',
      'commit',
      '2 units',
      'flush',
      'result a',
    ]);
    running!.resolve();
    await expect(Promise.all([b, c])).resolves.toEqual(['b in tx', 'c in tx']);
  });

  // The open batch holds SQLite's write lock: on a busy disk a flush can take seconds, and another
  // process writing to the same database (the CLI beside a running server) would wait that long.
  it('commits a batch at its time cap even while a slow flush is still under way', async () => {
    const log: string[] = [];
    let slowFlush: Promise<void> | null = null;
    const commits = new GroupCommit<string>(
      loggingConnection(log),
      (batch) => batch('tx'),
      { maxUnits: 100, maxMilliseconds: 20 },
      (units) => log.push(`${units} units`),
      {
        durable: () => {
          log.push('flush');
          // The first flush never ends within this test; the next ones end at once.
          if (slowFlush !== null) return Promise.resolve();
          slowFlush = new Promise<void>(() => undefined);
          return slowFlush;
        },
        inFlight: () => slowFlush,
      },
    );
    void commits.run(unit(log, 'a'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toEqual(['begin', 'run a', 'commit', '1 units', 'flush']);
    void commits.run(unit(log, 'b'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(log.slice(5)).toEqual(['begin', 'run b', 'commit', '1 units', 'flush']);
  });
});
