/**
 * Snapshots of the embedded store: one SQLite file per name in `<data dir>/snapshots/`, so they
 * survive a restart and can be copied around like the database itself.
 *
 * Save is `VACUUM INTO` (a compact, consistent copy written by SQLite itself, measured in
 * bench/snapshots.ts), stamped with a small table naming the snapshot, then renamed into place.
 * Restore attaches the file and, in ONE transaction, empties every table and copies the snapshot's
 * rows back with INSERT … SELECT: a crash or an error leaves the store as it was. Both need the
 * connection with no transaction open (SQLite refuses VACUUM and ATTACH inside one), which the
 * group commit's exclusive slot gives: units queued before have committed, later ones wait.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SnapshotIncompatible, type SnapshotStore, type SnapshotSummary } from '../app/ports.js';
import { compareText } from '../domain/shared/compare-text.js';
import {
  isStoreTable,
  RELEASE_LEASES_SQL,
  SCHEMA_VERSION,
  tableMismatch,
} from './snapshot-tables.js';

/** The table inside a snapshot file that says what it is. */
const STAMP = 'localpay_snapshot';
const SUFFIX = '.db';

type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The store's tables in `schema` (main or an attached file), in a stable order. */
function tables(sqlite: BetterSqlite3.Database, schema: string): string[] {
  const rows = sqlite
    .prepare(
      `select name from ${quoted(schema)}.sqlite_master where type = 'table' and name <> ? order by name`,
    )
    .all(STAMP) as { name: string }[];
  // sqlite_sequence (AUTOINCREMENT counters) is content too; other sqlite_ tables are internal.
  return rows
    .map((row) => row.name)
    .filter(
      (name) => isStoreTable(name) && (!name.startsWith('sqlite_') || name === 'sqlite_sequence'),
    );
}

function columns(sqlite: BetterSqlite3.Database, schema: string, table: string): string {
  const rows = sqlite.prepare(`select name from pragma_table_info(?, ?)`).all(table, schema) as {
    name: string;
  }[];
  return rows.map((row) => quoted(row.name)).join(', ');
}

/**
 * Copies a table back. With the same columns in the same order (the usual case: the same
 * migrations made both), `INSERT INTO … SELECT *` into the emptied table lets SQLite use its
 * transfer optimisation where it applies (copying records without decoding them); otherwise,
 * column by column. Measured, the copy costs about what writing its pages to the WAL costs.
 */
function copyBack(sqlite: BetterSqlite3.Database, table: string): void {
  const list = columns(sqlite, 'main', table);
  const target = `main.${quoted(table)}`;
  const source = `snapshot.${quoted(table)}`;
  sqlite.exec(`delete from ${target}`);
  sqlite.exec(
    list === columns(sqlite, 'snapshot', table)
      ? `insert into ${target} select * from ${source}`
      : `insert into ${target} (${list}) select ${list} from ${source}`,
  );
}

function rowCounts(
  sqlite: BetterSqlite3.Database,
  names: readonly string[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of names)
    counts[table] = (
      sqlite.prepare(`select count(*) as n from ${quoted(table)}`).get() as { n: number }
    ).n;
  return counts;
}

/** Reads a snapshot file's stamp; undefined for a file that is not a readable snapshot. */
function summaryOf(file: string): SnapshotSummary | undefined {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const stamp = db
      .prepare(`select name, created_at, schema_version, row_counts from ${STAMP}`)
      .get() as
      { name: string; created_at: number; schema_version: string; row_counts: string } | undefined;
    if (stamp === undefined) return undefined;
    return {
      // The file's name is the snapshot's, should someone have renamed or copied the file.
      name: path.basename(file, SUFFIX),
      createdAt: stamp.created_at,
      bytes: statSync(file).size,
      schemaVersion: stamp.schema_version,
      rows: JSON.parse(stamp.row_counts) as Record<string, number>,
    };
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

export function sqliteSnapshots(
  sqlite: BetterSqlite3.Database,
  databaseFile: string,
  exclusive: Exclusive,
): SnapshotStore {
  const folder = path.join(path.dirname(databaseFile), 'snapshots');
  const fileOf = (name: string): string => path.join(folder, `${name}${SUFFIX}`);
  /** The work is synchronous (better-sqlite3); a throw becomes a rejection. */
  const alone = <T>(work: () => T): Promise<T> =>
    exclusive(() => new Promise<T>((resolve) => resolve(work())));

  return {
    save: (name, createdAt, overwrite) =>
      alone(() => {
        const file = fileOf(name);
        if (!overwrite && existsSync(file)) return 'exists' as const;
        mkdirSync(folder, { recursive: true });
        const temporary = path.join(folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
        try {
          sqlite.prepare('vacuum into ?').run(temporary);
          const copy = new BetterSqlite3(temporary);
          try {
            const counts = rowCounts(copy, tables(copy, 'main'));
            copy.exec(
              `create table ${STAMP} (name text not null, created_at integer not null, schema_version text not null, row_counts text not null)`,
            );
            copy
              .prepare(`insert into ${STAMP} values (?, ?, ?, ?)`)
              .run(name, createdAt, SCHEMA_VERSION, JSON.stringify(counts));
          } finally {
            copy.close();
          }
          renameSync(temporary, file);
        } finally {
          rmSync(temporary, { force: true });
        }
        const summary = summaryOf(file);
        if (summary === undefined) throw new Error(`The snapshot ${name} could not be read back.`);
        return summary;
      }),

    list() {
      if (!existsSync(folder)) return Promise.resolve([]);
      const summaries = readdirSync(folder)
        .filter((entry) => entry.endsWith(SUFFIX) && !entry.startsWith('.'))
        .map((entry) => summaryOf(path.join(folder, entry)))
        .filter((summary): summary is SnapshotSummary => summary !== undefined);
      return Promise.resolve(summaries.sort((a, b) => compareText(a.name, b.name)));
    },

    restore: (name) =>
      alone(() => {
        const file = fileOf(name);
        const summary = existsSync(file) ? summaryOf(file) : undefined;
        if (summary === undefined) return undefined;
        if (summary.schemaVersion !== SCHEMA_VERSION)
          throw new SnapshotIncompatible(
            `The snapshot ${name} was saved by schema ${summary.schemaVersion}; this localpay is at ${SCHEMA_VERSION}. Save it again with this version.`,
          );
        sqlite.prepare('attach database ? as snapshot').run(file);
        try {
          const live = tables(sqlite, 'main');
          const mismatch = tableMismatch(live, tables(sqlite, 'snapshot'));
          if (mismatch !== null)
            throw new SnapshotIncompatible(`Cannot restore ${name}: ${mismatch}.`);
          const copy = sqlite.transaction(() => {
            for (const table of live) copyBack(sqlite, table);
            sqlite.exec(RELEASE_LEASES_SQL);
          });
          copy.immediate();
        } finally {
          sqlite.prepare('detach database snapshot').run();
        }
        return summary;
      }),

    // One server process serves an embedded store (--workers needs PostgreSQL); the CLI's
    // one-shot commands keep no caches.
    watchRestores: () => Promise.resolve(() => Promise.resolve()),

    delete: (name) =>
      alone(() => {
        const file = fileOf(name);
        if (!existsSync(file)) return false;
        rmSync(file);
        return true;
      }),
  };
}
