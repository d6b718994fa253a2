/**
 * The embedded store's page cache, sized from its database file (issue 16, "flat with size").
 *
 * SQLite's default cache is 2,000 KiB per connection: 500 pages. Each lookup walks a B-tree from
 * its root, and every page the cache lacks is a pread (a system call, plus a search of the WAL's
 * index). With a million charges the index the monthly-limit sum reads
 * (charges_permission_sum_idx, keyed by permission, so each Create Charge lands somewhere else in
 * it) has 438 interior pages of its own, and the whole store about 4,100 (16 MiB, 1/260 of the
 * 4.4 GB file): the default cache cannot hold the top of the trees, and every Create Charge read
 * two or three more pages from the file than on an empty store.
 *
 * A fixed bigger cache would cost small stores memory they do not need (the Create Charge
 * benchmark's peak RSS, 150 MiB, has no room for it). So the cache follows the file: 1 KiB per
 * 256 KiB of database, never below SQLite's default nor above the configured bound
 * (LOCALPAY_SQLITE_CACHE_MIB). The cache fills only as pages are read, and the memory is the
 * process's own: RSS grows by up to the cache's size on a store big enough to need it.
 */
import { statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';

/** SQLite's own default (`cache_size = -2000`): what a store smaller than 500 MiB keeps. */
export const SQLITE_DEFAULT_CACHE_KIB = 2000;
/** The bound LOCALPAY_SQLITE_CACHE_MIB defaults to: a store of 8 GiB reaches it. */
export const DEFAULT_CACHE_MAX_MIB = 32;
/** Interior pages are about 1/260 of the seeded million-charge store; a little more than that. */
const FILE_BYTES_PER_CACHE_BYTE = 256;
/** The file grows by at most a few MiB a second: a second between looks is plenty. */
const REFIT_INTERVAL_MS = 1000;

/** The cache, in KiB, for a database file of `fileBytes`. */
export function pageCacheKib(fileBytes: number, maxMib: number): number {
  const fitting = Math.ceil(fileBytes / FILE_BYTES_PER_CACHE_BYTE / 1024);
  return Math.max(SQLITE_DEFAULT_CACHE_KIB, Math.min(maxMib * 1024, fitting));
}

/** The size of `file` in bytes; 0 when it does not exist yet. */
function fileSize(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

/**
 * Keeps one connection's cache fitted to its file as the store grows. `fit` is cheap to call after
 * every commit: it looks at the file at most once a second and sets the pragma only on a change.
 */
export class PageCacheFitter {
  #kib = 0;
  #lastLook = -Infinity;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly maxMib: number,
    private readonly databaseBytes: () => number,
  ) {
    this.fitNow();
  }

  static forFile(sqlite: BetterSqlite3.Database, file: string, maxMib: number): PageCacheFitter {
    return new PageCacheFitter(sqlite, maxMib, () => fileSize(file));
  }

  /** The cache size set, in KiB. */
  get kib(): number {
    return this.#kib;
  }

  fit(): void {
    if (performance.now() - this.#lastLook >= REFIT_INTERVAL_MS) this.fitNow();
  }

  private fitNow(): void {
    this.#lastLook = performance.now();
    const kib = pageCacheKib(this.databaseBytes(), this.maxMib);
    if (kib === this.#kib) return;
    // Negative: a size in KiB, whatever the page size.
    this.sqlite.pragma(`cache_size = -${kib}`);
    this.#kib = kib;
  }
}
