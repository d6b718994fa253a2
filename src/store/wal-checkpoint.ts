/**
 * Checkpoints of the embedded store's write-ahead log, off the event loop (issue 16). SQLite's
 * automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000 pages: it copies the
 * WAL's pages into the database file and syncs both, on the thread that serves every request. On
 * the bench machine that was a fifth of the event loop's time under Create Charge load, in stalls
 * of tens of milliseconds (the p99). Here the automatic checkpoint is off on the store's connection
 * and a worker thread with its own connection runs a PASSIVE checkpoint at most every
 * `intervalMs` while commits happen: it copies and syncs while the store keeps writing (WAL mode
 * lets one checkpointer and one writer run at once; https://www.sqlite.org/wal.html#ckpt).
 *
 * Durability does not depend on who checkpoints: the checkpointing connection syncs the WAL before
 * it copies and the database file after (its synchronous=NORMAL), and SQLite reuses the WAL from
 * its start only once every frame is in the synced database file.
 *
 * A checkpoint that runs beside a busy writer never catches up with the frames committed while it
 * ran, so the WAL is not reused and keeps growing under sustained load. Once the worker reports it
 * past `limitBytes`, the store holds its writes for one more worker checkpoint (group commit's
 * `exclusive`, between batches): with no writer beside it, that one copies every frame, and the
 * next transaction starts the WAL over.
 *
 * That last checkpoint used to run on the store's own connection, on the event loop. On a store
 * of a million charges, whose pages lie all over a file of several GiB, it stood still for up to
 * 64 ms (copying the last frames and syncing that file), and nothing else ran meanwhile: not even
 * the parsing of the requests that kept arriving (issue 16, bench/README.md session (7)). Writes
 * still wait for it, but the event loop goes on. If the worker fails, the store's connection
 * checkpoints itself as before.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export interface CheckpointLimits {
  /** At most one worker checkpoint this often. */
  readonly intervalMs: number;
  /** WAL size past which the store holds its writes for a final checkpoint that starts it over. */
  readonly limitBytes: number;
}

export const DEFAULT_CHECKPOINT_LIMITS: CheckpointLimits = {
  intervalMs: 200,
  limitBytes: 128 * 1024 * 1024,
};

/**
 * The worker: CommonJS evaluated as a string, so the bundled command needs no file of its own.
 * It loads the same native driver the store uses, by its resolved path, and answers the WAL's
 * size in frames after each checkpoint.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
parentPort.on('message', () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ error: null, frames: result ? result.log : 0 });
  } catch (caught) {
    parentPort.postMessage({ error: String(caught && caught.message ? caught.message : caught), frames: 0 });
  }
});
`;

interface WorkerReport {
  readonly error: string | null;
  readonly frames: number;
}

export class WalCheckpointer {
  readonly #worker: Worker;
  /** Settled by the worker's next report (or its exit): the final checkpoint waits on it. */
  #reported: (() => void)[] = [];
  readonly #pageSize: number;
  #running = false;
  #lastAsked = -Infinity;
  /** The worker saw the WAL past the limit (or failed): a final checkpoint is due. */
  #finalDue = false;
  /** A final checkpoint is queued or running: no second one is asked for meanwhile. */
  #finalPending = false;
  #stopped = false;
  /**
   * The last failure, if any: the worker's (the store's own checkpoint at the limit covers for it)
   * or the final checkpoint's (the next commit past the limit asks for another).
   */
  #lastError: string | null = null;

  get lastError(): string | null {
    return this.#lastError;
  }

  constructor(
    file: string,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly limits: CheckpointLimits = DEFAULT_CHECKPOINT_LIMITS,
  ) {
    this.#pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    sqlite.pragma('wal_autocheckpoint = 0');
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    // Never keeps the process alive on its own; the store ends it in stop().
    this.#worker.unref();
    this.#worker.on('message', (report: WorkerReport) => {
      this.#running = false;
      this.#lastError = report.error;
      if (report.error !== null || report.frames * this.#pageSize >= this.limits.limitBytes)
        this.#finalDue = true;
      this.#settleReported();
    });
    this.#worker.on('error', (error) => {
      this.#lastError = error.message;
    });
    // A worker that is gone (it could not open the database, say) hands checkpoints back to SQLite.
    this.#worker.on('exit', () => {
      this.#running = false;
      if (!this.#stopped) {
        this.#stopped = true;
        sqlite.pragma('wal_autocheckpoint = 1000');
      }
      this.#settleReported();
    });
  }

  #settleReported(): void {
    const waiting = this.#reported;
    this.#reported = [];
    for (const settle of waiting) settle();
  }

  #nextReport(): Promise<void> {
    return new Promise((resolve) => this.#reported.push(resolve));
  }

  /**
   * After each COMMIT on the store's connection, outside any transaction. Answers true when the
   * WAL is past the limit: the store then runs `finalCheckpoint` with its writes held.
   */
  afterCommit(): boolean {
    if (this.#stopped) return false;
    if (this.#finalDue && !this.#finalPending) {
      this.#finalDue = false;
      this.#finalPending = true;
      return true;
    }
    const now = performance.now();
    if (this.#running || now - this.#lastAsked < this.limits.intervalMs) return false;
    this.#ask(now);
    return false;
  }

  /**
   * With no writer on the database (between batches): a checkpoint in the worker that copies every
   * frame, so the next write starts the WAL over. The store's connection does it itself when the
   * worker cannot. Never rejects: a failure is kept in `lastError`, the WAL goes on growing, and
   * the next commit past the limit asks for another.
   */
  async finalCheckpoint(): Promise<void> {
    try {
      await this.#finalCheckpoint();
    } catch (error) {
      this.#lastError = error instanceof Error ? error.message : String(error);
    } finally {
      this.#finalDue = false;
      this.#finalPending = false;
    }
  }

  async #finalCheckpoint(): Promise<void> {
    // A checkpoint under way started beside a writer: wait for it (its worker's exit settles it
    // too), then ask for one without.
    if (this.#running) await this.#nextReport();
    if (!this.#stopped) {
      const reported = this.#nextReport();
      this.#ask(performance.now());
      await reported;
      if (this.#lastError === null && !this.#stopped) return;
    }
    // No worker, or it failed: the store's connection copies the rest itself.
    this.sqlite.pragma('wal_checkpoint(PASSIVE)');
  }

  #ask(now: number): void {
    this.#running = true;
    this.#lastAsked = now;
    this.#worker.postMessage('checkpoint');
  }

  /** Whether the worker is checkpointing now. */
  get busy(): boolean {
    return this.#running;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#worker.terminate();
  }
}
