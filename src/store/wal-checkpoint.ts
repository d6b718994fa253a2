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
 * past `limitBytes`, the store's own connection checkpoints after its next COMMIT (where nothing
 * else writes): the worker has copied all but the newest frames by then, so that checkpoint is
 * short, and the next transaction starts the WAL over.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export interface CheckpointLimits {
  /** At most one worker checkpoint this often. */
  readonly intervalMs: number;
  /** WAL size past which the store's connection checkpoints itself. */
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
  readonly #pageSize: number;
  #running = false;
  #lastAsked = -Infinity;
  /** The worker saw the WAL past the limit: the store's connection checkpoints next. */
  #ownTurn = false;
  #stopped = false;
  /** The last worker failure, if any: the store's own checkpoint at the limit covers for it. */
  lastError: string | null = null;

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
      this.lastError = report.error;
      if (report.error !== null || report.frames * this.#pageSize >= this.limits.limitBytes)
        this.#ownTurn = true;
    });
    this.#worker.on('error', (error) => {
      this.lastError = error.message;
    });
    // A worker that is gone (it could not open the database, say) hands checkpoints back to SQLite.
    this.#worker.on('exit', () => {
      this.#running = false;
      if (!this.#stopped) {
        this.#stopped = true;
        sqlite.pragma('wal_autocheckpoint = 1000');
      }
    });
  }

  /** After each COMMIT on the store's connection, outside any transaction. */
  afterCommit(): void {
    if (this.#stopped) return;
    if (this.#ownTurn) {
      this.#ownTurn = false;
      this.sqlite.pragma('wal_checkpoint(PASSIVE)');
      return;
    }
    const now = performance.now();
    if (this.#running || now - this.#lastAsked < this.limits.intervalMs) return;
    this.#running = true;
    this.#lastAsked = now;
    this.#worker.postMessage('checkpoint');
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#worker.terminate();
  }
}
