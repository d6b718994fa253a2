/**
 * Group commit for the embedded store (DESIGN.md §5, §7): units of work that arrive while others
 * run share one BEGIN IMMEDIATE … COMMIT, so with synchronous=FULL a whole batch costs one flush
 * of the WAL (about 1 ms here) instead of one per request. The semantics each unit keeps:
 *
 * - atomicity: every unit runs inside its own SAVEPOINT; a unit that throws is rolled back to it
 *   alone, and its batch-mates commit;
 * - isolation: units run one after another on the single connection, each seeing the writes of
 *   the units before it, exactly as if their transactions had committed in that order;
 * - durability: a unit's outcome, success or failure, is only handed back after the COMMIT that
 *   made its batch durable succeeded (a failure may depend on a batch-mate's write just as a result
 *   may); if that COMMIT fails, every unit of the batch fails.
 *
 * A batch ends when the queue is empty after one more turn of the event loop (the turn in which
 * requests that arrived meanwhile are parsed and queue their units), or at a size or time cap
 * that bounds how long a unit waits for its commit.
 *
 * With a durable step (wal-flush.ts: the flush of `synchronous=FULL`, done off the event loop),
 * COMMIT only writes, and the batch's outcomes are handed back once `durable` resolves; the next
 * batch starts meanwhile. If it rejects, every unit of the batch fails, as when COMMIT fails.
 * While a flush is under way, a batch whose queue ran dry stays open for the units that arrive
 * before that flush ends (up to the time cap), instead of committing at once: a COMMIT made then
 * would wait for the next flush anyway, so nobody is answered later, and one COMMIT instead of
 * several writes each page the batch shares (the last leaf of every index that appends) once.
 * Under load that is most of what a COMMIT costs (issue 16: 3 units per COMMIT before,
 * bench/README.md).
 */

/** The statements group commit issues, run synchronously on the one connection. */
export interface BatchConnection {
  /** BEGIN IMMEDIATE: takes the write lock up front (waits out busy_timeout if another process holds it). */
  begin(): void;
  commit(): void;
  rollback(): void;
  savepoint(): void;
  releaseSavepoint(): void;
  rollbackToSavepoint(): void;
  /** False once SQLite rolled the whole transaction back by itself (e.g. on SQLITE_FULL). */
  readonly inTransaction: boolean;
}

export interface GroupCommitLimits {
  readonly maxUnits: number;
  readonly maxMilliseconds: number;
}

/** The flush that makes COMMITs durable (wal-flush.ts). */
export interface DurableFlush {
  /** Resolves once everything committed so far is on disk. */
  durable(): Promise<void>;
  /** The flush under way, if any: it will not cover a COMMIT made now. */
  inFlight(): Promise<void> | null;
}

export const DEFAULT_LIMITS: GroupCommitLimits = { maxUnits: 256, maxMilliseconds: 20 };

/** Raised for the units of a batch whose COMMIT failed, or that SQLite rolled back under them. */
export class BatchAborted extends Error {
  override readonly name = 'BatchAborted';
}

interface Queued<Tx> {
  /** Runs alone, between batches, outside any transaction (a snapshot's VACUUM INTO or ATTACH). */
  readonly exclusive?: () => Promise<unknown>;
  readonly work: (tx: Tx) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

const turnOfEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class GroupCommit<Tx> {
  readonly #queue: Queued<Tx>[] = [];
  /**
   * Whether a drain loop is running. It is cleared by the loop itself, in the same synchronous
   * step as its last look at the queue: a unit queued a microtask later must start a new loop, not
   * wait beside one that has already decided to stop.
   */
  #draining = false;
  #drained: Promise<void> = Promise.resolve();

  /**
   * @param hold runs a batch with exclusive use of the connection and the Transaction bound to it.
   */
  constructor(
    private readonly connection: BatchConnection,
    private readonly hold: (batch: (tx: Tx) => Promise<void>) => Promise<void>,
    private readonly limits: GroupCommitLimits = DEFAULT_LIMITS,
    /** Told how many units shared each COMMIT (the metrics' batch-size histogram). */
    private readonly onCommitted: (units: number) => void = () => undefined,
    /** Makes what was committed so far durable; none: COMMIT itself is the end. */
    private readonly flush: DurableFlush | null = null,
  ) {}

  /** Wakes a batch that waits for a unit to arrive (#unitOrFlush). */
  #arrived: (() => void) | null = null;

  #enqueue(queued: Queued<Tx>): void {
    this.#queue.push(queued);
    const wake = this.#arrived;
    if (wake !== null) {
      this.#arrived = null;
      wake();
    }
    if (!this.#draining) {
      this.#draining = true;
      this.#drained = this.#drain();
    }
  }

  /**
   * Resolves when a unit or exclusive item is queued, when `flush` settles, or after `withinMs`:
   * the open batch holds SQLite's write lock, and a flush can take seconds on a busy disk, during
   * which another process's writer (the CLI on the same data folder) would wait and then fail.
   */
  #unitOrFlush(flush: Promise<void>, withinMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const settled = (): void => {
        clearTimeout(timer);
        if (this.#arrived === settled) this.#arrived = null;
        resolve();
      };
      const timer = setTimeout(settled, Math.max(0, withinMs));
      this.#arrived = settled;
      flush.then(settled, settled);
    });
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#enqueue({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /**
   * Runs `work` with the connection to itself and no transaction open: after every unit queued
   * before it has committed, and before any unit queued after it starts (they wait in the queue).
   * Snapshots use it: SQLite refuses VACUUM INTO and ATTACH inside a transaction.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#enqueue({
        exclusive: work,
        work: () => Promise.reject(new Error('An exclusive item is not a unit of work.')),
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  /** Resolves once no batch is running or waiting (for closing the store). */
  async idle(): Promise<void> {
    while (this.#draining) await this.#drained;
    await this.#lastDurable;
  }

  /** The newest batch's `durable` step, settled either way (for idle()). */
  #lastDurable: Promise<void> = Promise.resolve();

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const head = this.#queue[0];
        if (head?.exclusive !== undefined) {
          this.#queue.shift();
          // What an exclusive item writes (a snapshot restore) is answered once it is as durable
          // as a batch's writes.
          await head
            .exclusive()
            .then(async (value) => {
              if (this.flush !== null) await this.flush.durable();
              return value;
            })
            .then(head.resolve, head.reject);
          continue;
        }
        try {
          await this.hold((tx) => this.#batch(tx));
        } catch (error) {
          // Only BEGIN (or taking the connection) gets here: every waiting unit needs that lock.
          for (const queued of this.#queue.splice(0)) queued.reject(error);
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  async #batch(tx: Tx): Promise<void> {
    this.connection.begin();
    const started = performance.now();
    const units: { queued: Queued<Tx>; outcome: Outcome }[] = [];
    try {
      while (
        units.length < this.limits.maxUnits &&
        performance.now() - started < this.limits.maxMilliseconds
      ) {
        if (this.#queue.length === 0) {
          await turnOfEventLoop();
          const inFlight = this.#queue.length === 0 ? this.flush?.inFlight() : null;
          if (inFlight)
            await this.#unitOrFlush(
              inFlight,
              this.limits.maxMilliseconds - (performance.now() - started),
            );
        }
        // An exclusive item ends the batch: it runs once this batch has committed.
        if (this.#queue[0]?.exclusive !== undefined) break;
        const queued = this.#queue.shift();
        if (queued === undefined) break;
        units.push({ queued, outcome: await this.#unit(queued, tx) });
      }
      this.connection.commit();
      this.onCommitted(units.length);
    } catch (error) {
      this.#abandon(
        units.map((unit) => unit.queued),
        error,
      );
      return;
    }
    const settle = (): void => {
      for (const { queued, outcome } of units)
        if (outcome.ok) queued.resolve(outcome.value);
        else queued.reject(outcome.error);
    };
    if (this.flush === null) {
      settle();
      return;
    }
    // Not awaited: the next batch runs while this one's flush is under way.
    this.#lastDurable = this.flush.durable().then(settle, (error: unknown) => {
      const lost = new BatchAborted(
        'The transaction this work was committed with is not durable.',
        {
          cause: error,
        },
      );
      for (const { queued } of units) queued.reject(lost);
    });
  }

  /** Runs one unit in its savepoint. Throws only when the batch as a whole is lost. */
  async #unit(queued: Queued<Tx>, tx: Tx): Promise<Outcome> {
    this.connection.savepoint();
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await queued.work(tx) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    try {
      if (outcome.ok) this.connection.releaseSavepoint();
      else {
        this.connection.rollbackToSavepoint();
        this.connection.releaseSavepoint();
      }
    } catch (error) {
      // The savepoint is gone: SQLite rolled back the whole transaction under this unit.
      queued.reject(outcome.ok ? error : outcome.error);
      throw error;
    }
    return outcome;
  }

  /** Fails every unit of a batch that will not commit, and leaves the connection usable. */
  #abandon(units: readonly Queued<Tx>[], error: unknown): void {
    try {
      if (this.connection.inTransaction) this.connection.rollback();
    } catch {
      // Nothing more to undo: SQLite ends a transaction whose ROLLBACK fails.
    }
    const aborted = new BatchAborted('The transaction this work was committed with failed.', {
      cause: error,
    });
    for (const queued of units) queued.reject(aborted);
  }
}
