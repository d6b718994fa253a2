/**
 * Snapshots at the Store port, on SQLite and PostgreSQL (issue 14 point 7): every table the
 * migrations made is covered, found through the database's catalog, so a table a new migration
 * adds fails here unless save and restore carry it. Rows are written generically from each
 * table's columns, not through repositories, so no table can be forgotten by this test either.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotIncompatible, type Store } from '../src/app/ports.js';
import { createStore } from '../src/store/sql-store.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';

type Row = Record<string, unknown>;

/** Raw access to the store's database beside the store's own connection. */
interface RawDatabase {
  tables(): Promise<string[]>;
  columns(table: string): Promise<{ name: string; type: string }[]>;
  query(text: string, values?: unknown[]): Promise<Row[]>;
  placeholder(index: number): string;
}

interface Fixture {
  readonly store: Store;
  readonly raw: RawDatabase;
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

const BOOKKEEPING = ['localpay_migration', 'localpay_migration_lock', 'localpay_snapshots'];

async function sqliteFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'localpay-snapshots-'));
  const file = join(dir, 'localpay.db');
  const open = () => createStore({ kind: 'sqlite', file });
  const store = await open();
  const db = new BetterSqlite3(file);
  const raw: RawDatabase = {
    tables: () =>
      Promise.resolve(
        (
          db
            .prepare(
              "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
            )
            .all() as { name: string }[]
        ).map((row) => row.name),
      ),
    columns: (table) =>
      Promise.resolve(
        (
          db.prepare('select name, type from pragma_table_info(?)').all(table) as {
            name: string;
            type: string;
          }[]
        ).map((column) => ({ name: column.name, type: column.type.toLowerCase() })),
      ),
    query(text, values = []) {
      const statement = db.prepare(text);
      return Promise.resolve(
        statement.reader ? (statement.all(...values) as Row[]) : (statement.run(...values), []),
      );
    },
    placeholder: () => '?',
  };
  return fixture(store, open, raw, async (last) => {
    db.close();
    await last.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** A store that can be closed and opened again (snapshots must survive a restart). */
function fixture(
  first: Store,
  open: () => Promise<Store>,
  raw: RawDatabase,
  dispose: (store: Store) => Promise<void>,
): Fixture {
  let store = first;
  return {
    get store() {
      return store;
    },
    raw,
    async reopen() {
      await store.close();
      store = await open();
      return store;
    },
    dispose: () => dispose(store),
  };
}

async function postgresFixture(databaseUrl: string): Promise<Fixture> {
  const schema = await temporarySchema(databaseUrl);
  const open = () => createStore({ kind: 'postgres', connectionString: schema.url });
  const store = await open();
  const client = new pg.Client({ connectionString: schema.url });
  await client.connect();
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await client.query<T>(text, values)).rows;
  const raw: RawDatabase = {
    async tables() {
      const rows = await query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1",
      );
      return rows.map((row) => row.name);
    },
    columns: (table) =>
      query<{ name: string; type: string }>(
        'select column_name as name, data_type as type from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position',
        [table],
      ),
    query: (text, values) => query<Row>(text, values),
    placeholder: (index) => `$${index}`,
  };
  return fixture(store, open, raw, async (last) => {
    for (const snapshot of await last.snapshots.list()) await last.snapshots.delete(snapshot.name);
    await client.end();
    await last.close();
    await schema.drop();
  });
}

/** A value of the column's type that differs per `seed`; an unknown type fails the test. */
function valueFor(type: string, seed: number): unknown {
  if (type === 'text') return `v${seed}`;
  if (type === 'integer' || type === 'bigint') return seed;
  if (type === 'boolean') return seed % 2 === 0;
  throw new Error(`No generic value for column type ${type}: teach this test the type.`);
}

async function storeTables(raw: RawDatabase): Promise<string[]> {
  return (await raw.tables()).filter((table) => !BOOKKEEPING.includes(table));
}

async function insertRow(raw: RawDatabase, table: string, seed: number): Promise<void> {
  const columns = await raw.columns(table);
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const marks = columns.map((_column, index) => raw.placeholder(index + 1)).join(', ');
  await raw.query(
    `insert into "${table}" (${names}) values (${marks})`,
    columns.map((column) => valueFor(column.type, seed)),
  );
}

/** Every store table's rows, in a stable order, as JSON. */
async function dump(raw: RawDatabase): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const table of await storeTables(raw)) {
    const rows = await raw.query(`select * from "${table}"`);
    all[table] = rows
      .map((row) =>
        JSON.stringify(row, (_key, value: unknown) =>
          typeof value === 'bigint' ? Number(value) : value,
        ),
      )
      .sort();
  }
  return all;
}

const databaseUrl = testDatabaseUrl();
const backends: [string, () => Promise<Fixture>][] = [
  ['SQLite', sqliteFixture],
  ...(databaseUrl
    ? [['PostgreSQL', () => postgresFixture(databaseUrl)] as [string, () => Promise<Fixture>]]
    : []),
];

describe.each(backends)('snapshots on %s', (_name, open) => {
  let fixture: Fixture;
  afterEach(() => fixture.dispose());

  it('saves and restores every table the migrations made, rows for rows', async () => {
    fixture = await open();
    const { raw } = fixture;
    const tables = await storeTables(raw);
    expect(tables.length).toBeGreaterThan(20);
    for (const table of tables) {
      await raw.query(`delete from "${table}"`);
      await insertRow(raw, table, 1);
      await insertRow(raw, table, 2);
    }
    const saved = await dump(raw);
    const summary = await fixture.store.snapshots.save('every-table', 1_000, false);
    expect(summary).not.toBe('exists');
    if (summary === 'exists') return;
    expect(Object.keys(summary.rows).sort()).toEqual(tables);
    expect(Object.values(summary.rows).every((count) => count === 2)).toBe(true);

    for (const table of tables) {
      await raw.query(
        `delete from "${table}" where ${(await raw.columns(table))[0]?.name ?? ''} = ${raw.placeholder(1)}`,
        [valueFor((await raw.columns(table))[0]?.type ?? 'text', 1)],
      );
      await insertRow(raw, table, 3);
    }
    expect(await dump(raw)).not.toEqual(saved);

    // Survives a restart: the snapshot is in the data folder (SQLite) or the database.
    const store = await fixture.reopen();
    expect((await store.snapshots.list()).map((each) => each.name)).toEqual(['every-table']);
    const restored = await store.snapshots.restore('every-table');
    expect(restored?.name).toBe('every-table');
    const after = await dump(raw);
    // A restore hands notification leases back (no dispatcher holds them any more).
    for (const rows of [after.outbox, saved.outbox])
      rows?.splice(
        0,
        rows.length,
        ...rows
          .map((row) =>
            JSON.stringify({ ...(JSON.parse(row) as Row), lease_owner: null, lease_until: null }),
          )
          .sort(),
      );
    expect(after).toEqual(saved);
  });

  it('refuses a taken name unless told to overwrite, and forgets deleted snapshots', async () => {
    fixture = await open();
    const { store } = fixture;
    expect(await store.snapshots.restore('nothing')).toBeUndefined();
    const first = await store.snapshots.save('base', 1_000, false);
    expect(first).not.toBe('exists');
    expect(await store.snapshots.save('base', 2_000, false)).toBe('exists');
    const again = await store.snapshots.save('base', 3_000, true);
    expect(again !== 'exists' && again.createdAt).toBe(3_000);
    expect((await store.snapshots.list()).map((each) => [each.name, each.createdAt])).toEqual([
      ['base', 3_000],
    ]);
    expect(await store.snapshots.delete('base')).toBe(true);
    expect(await store.snapshots.delete('base')).toBe(false);
    expect(await store.snapshots.list()).toEqual([]);
  });

  it('refuses a snapshot saved by another schema version, changing nothing', async () => {
    fixture = await open();
    const { raw, store } = fixture;
    await store.snapshots.save('old', 1_000, false);
    await insertRow(raw, 'merchants', 7);
    const before = await dump(raw);
    if (_name === 'SQLite') {
      const dir = (
        (await raw.query('select file from pragma_database_list where name = ?', ['main']))[0]
          ?.file as string
      ).replace(/localpay\.db$/, '');
      const file = new BetterSqlite3(join(dir, 'snapshots', 'old.db'));
      file.prepare("update localpay_snapshot set schema_version = '0001_initial'").run();
      file.close();
    } else await raw.query("update localpay_snapshots set schema_version = '0001_initial'");
    await expect(store.snapshots.restore('old')).rejects.toThrow(SnapshotIncompatible);
    expect(await dump(raw)).toEqual(before);
  });
});
