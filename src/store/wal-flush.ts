/**
 * `synchronous=FULL` without blocking the event loop (issue 16). With FULL, SQLite calls fsync on
 * the write-ahead log inside every COMMIT, on the one thread that runs every request: the event
 * loop stood still for each flush (1 ms on a quiet disk, 5–8 ms on a busy one) and the next batch
 * could not even start. Instead the connection runs with `synchronous=NORMAL`, which writes the
 * same WAL frames at COMMIT but leaves the flush out, and this flusher calls `fdatasync` on the WAL
 * file on libuv's thread pool; group commit hands a unit's outcome back only once a flush that
 * started after its COMMIT has finished (group-commit.ts). Meanwhile the next batch runs.
 *
 * Why that is FULL's durability (https://www.sqlite.org/pragma.html#pragma_synchronous, "WAL mode"):
 * in WAL mode the only difference between FULL and NORMAL is that FULL syncs the WAL after each
 * commit; both sync the WAL before a checkpoint copies it into the database file, and the database
 * file after. Committed frames only ever live in the WAL file until a checkpoint has synced them
 * into the database, so a synced WAL is a durable commit. One `fdatasync` after several commits
 * covers all of them (it flushes the file, whichever calls wrote it). A crash before it finishes
 * can leave any subset of the unsynced writes on disk; SQLite's recovery ignores frames whose
 * checksums or salts do not match, i.e. it falls back to the last commit that is fully on disk, and
 * none of the lost ones was answered.
 *
 * A failed fdatasync is final: the kernel may have dropped the dirty pages it could not write, so a
 * later successful flush proves nothing about them. Every waiting and later unit then fails
 * (PostgreSQL's answer to the same problem is to stop; a localpay whose disk fails must be
 * restarted).
 */
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import type { DurableFlush } from './group-commit.js';

export class WalFlusher implements DurableFlush {
  readonly #fd: number;
  /** What SQLite's total_changes() was when the newest flush was asked for. */
  #requested: number;
  #running: Promise<void> | null = null;
  /** Asked for while `#running` was under way (it may have missed their writes): the next flush. */
  #next: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | null =
    null;
  #failure: Error | null = null;
  #closed = false;

  /**
   * @param walFile the database file's write-ahead log (`<file>-wal`); it exists once the database
   *   was opened in WAL mode and read, and SQLite keeps it (same file) while a connection is open.
   * @param totalChanges SQLite's total_changes() on the store's connection: a batch that wrote
   *   nothing needs no new flush (it still waits for one under way, which may cover what it read).
   */
  constructor(
    walFile: string,
    private readonly totalChanges: () => number,
  ) {
    // Only flushed, never written: SQLite owns the file's contents.
    this.#fd = openSync(walFile, 'r');
    // Whatever was written before this flusher existed (migrations) is made durable now.
    fdatasyncSync(this.#fd);
    this.#requested = totalChanges();
  }

  /** Resolves once everything committed on the connection so far is on disk. */
  durable(): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const changes = this.totalChanges();
    if (changes === this.#requested)
      return this.#next?.promise ?? this.#running ?? Promise.resolve();
    this.#requested = changes;
    if (this.#running === null) {
      this.#running = this.#flush();
      return this.#running;
    }
    if (this.#next === null) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      this.#next = { promise, resolve, reject };
    }
    return this.#next.promise;
  }

  /** The flush under way, if any (group commit keeps a batch open until it ends). */
  inFlight(): Promise<void> | null {
    return this.#running;
  }

  /** Resolves when no flush is under way or asked for. */
  async idle(): Promise<void> {
    while (this.#running !== null) await this.#running.catch(() => undefined);
  }

  /** After idle(), when the store closes. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }

  #flush(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      fdatasync(this.#fd, (error) => {
        this.#running = null;
        const next = this.#next;
        this.#next = null;
        if (error) {
          this.#failure = new Error('Flushing the write-ahead log to disk failed.', {
            cause: error,
          });
          reject(this.#failure);
          next?.reject(this.#failure);
          return;
        }
        resolve();
        if (next !== null) {
          this.#running = this.#flush();
          this.#running.then(next.resolve, next.reject);
        }
      });
    });
  }
}
