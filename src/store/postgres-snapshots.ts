/**
 * Snapshots on PostgreSQL live in the database, so every process sharing it sees them and they
 * survive restarts: one schema per snapshot (`lpsnap_<random>`) holding a plain copy of each of
 * the store's tables, and a catalog table in the store's schema naming them.
 *
 * Save copies every table with CREATE TABLE … AS TABLE inside one REPEATABLE READ transaction: a
 * consistent picture of the whole store that does not stop writers. Restore runs in one
 * transaction that locks every table (waiting out the transactions in flight in any process, and
 * holding off new ones until it commits), TRUNCATEs them, copies the snapshot back with
 * INSERT … SELECT and sets any sequence to its saved value: all or nothing.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { SnapshotIncompatible, type SnapshotStore, type SnapshotSummary } from '../app/ports.js';
import type { Database } from './schema.js';
import { isUniqueViolationError } from './unique-violation.js';
import type { RestoreSignal } from './postgres-restore-signal.js';
import {
  isStoreTable,
  RELEASE_LEASES_SQL,
  SCHEMA_VERSION,
  SNAPSHOT_CATALOG,
  tableMismatch,
} from './snapshot-tables.js';

type Db = Kysely<Database> | Transaction<Database>;

interface CatalogRow {
  name: string;
  schema_name: string;
  created_at: number;
  schema_version: string;
  row_counts: string;
  sequences: string;
  bytes: number;
}

/**
 * The restore takes its table locks with NOWAIT: if another process's transaction holds one, it
 * lets go of all of them and tries again a moment later, rather than wait holding some (which can
 * deadlock with a transaction that needs one of those). After LOCK_TRIES it waits in line; a
 * deadlock then (PostgreSQL aborts one side) is retried too.
 */
const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK = '40P01';
const LOCK_TRIES = 50;
const LOCK_PAUSE_MS = 20;
const DEADLOCK_TRIES = 3;

async function rows<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The store's tables in `schema` (the store's own when null) with their columns in order, from
 * pg_catalog in one query (information_schema's views cost tens of milliseconds each).
 */
async function tablesIn(db: Db, schema: string | null): Promise<Map<string, string[]>> {
  const found = await rows<{ table: string; column: string }>(
    db,
    sql`select c.relname as table, a.attname as column
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = ${schema === null ? sql`current_schema()` : schema}
          and c.relkind in ('r', 'p')
        order by c.relname, a.attnum`,
  );
  const tables = new Map<string, string[]>();
  for (const { table, column } of found)
    if (isStoreTable(table)) tables.set(table, [...(tables.get(table) ?? []), column]);
  return tables;
}

/**
 * The whole copy back as one script, one round trip (the simple query protocol runs several
 * statements when there are no parameters; every name in it comes from the catalog, quoted).
 */
function restoreScript(
  live: ReadonlyMap<string, readonly string[]>,
  snapshotSchema: string,
  wait: boolean,
): string {
  const all = [...live.keys()].map(quoted).join(', ');
  return [
    `lock table ${all} in access exclusive mode${wait ? '' : ' nowait'}`,
    `truncate ${all}`,
    ...[...live].map(([table, columns]) => {
      const list = columns.map(quoted).join(', ');
      return `insert into ${quoted(table)} (${list}) select ${list} from ${quoted(snapshotSchema)}.${quoted(table)}`;
    }),
    RELEASE_LEASES_SQL,
  ].join(';\n');
}

/** Sequences of the store's schema and their values (none today; a future serial column). */
async function sequenceValues(db: Db): Promise<Record<string, { value: number; called: boolean }>> {
  const names = await rows<{ name: string }>(
    db,
    sql`select sequence_name as name from information_schema.sequences
        where sequence_schema = current_schema()`,
  );
  const values: Record<string, { value: number; called: boolean }> = {};
  for (const { name } of names) {
    const [row] = await rows<{ last_value: number; is_called: boolean }>(
      db,
      sql`select last_value, is_called from ${sql.id(name)}`,
    );
    if (row !== undefined) values[name] = { value: Number(row.last_value), called: row.is_called };
  }
  return values;
}

const summaryOf = (row: CatalogRow): SnapshotSummary => ({
  name: row.name,
  createdAt: Number(row.created_at),
  bytes: Number(row.bytes),
  schemaVersion: row.schema_version,
  rows: JSON.parse(row.row_counts) as Record<string, number>,
});

async function catalogExists(db: Db): Promise<boolean> {
  const [row] = await rows<{ found: string | null }>(
    db,
    sql`select to_regclass(${SNAPSHOT_CATALOG})::text as found`,
  );
  return row?.found !== null && row?.found !== undefined;
}

async function findRow(db: Db, name: string, lock: boolean): Promise<CatalogRow | undefined> {
  if (!(await catalogExists(db))) return undefined;
  const [row] = await rows<CatalogRow>(
    db,
    sql`select * from ${sql.table(SNAPSHOT_CATALOG)} where name = ${name} ${lock ? sql`for update` : sql``}`,
  );
  return row;
}

export function postgresSnapshots(
  db: Kysely<Database>,
  signal: RestoreSignal,
  /** Runs the restore with no other unit of work of this process in flight (transaction-gate.ts). */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>,
): SnapshotStore {
  let catalogReady: Promise<void> | null = null;
  /** Made on first save; an advisory lock keeps two processes from racing to create it. */
  const ensureCatalog = (): Promise<void> =>
    (catalogReady ??= db
      .transaction()
      .execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext('localpay_snapshots'))`.execute(trx);
        await sql`create table if not exists ${sql.table(SNAPSHOT_CATALOG)} (
          name text primary key, schema_name text not null, created_at bigint not null,
          schema_version text not null, row_counts text not null, sequences text not null,
          bytes bigint not null)`.execute(trx);
      })
      .catch((error: unknown) => {
        catalogReady = null;
        throw error;
      }));

  async function restoreOnce(name: string, wait: boolean): Promise<SnapshotSummary | undefined> {
    return db.transaction().execute(async (trx) => {
      const row = await findRow(trx, name, true);
      if (row === undefined) return undefined;
      if (row.schema_version !== SCHEMA_VERSION)
        throw new SnapshotIncompatible(
          `The snapshot ${name} was saved by schema ${row.schema_version}; this localpay is at ${SCHEMA_VERSION}. Save it again with this version.`,
        );
      const live = await tablesIn(trx, null);
      const saved = await tablesIn(trx, row.schema_name);
      const mismatch = tableMismatch([...live.keys()], [...saved.keys()]);
      if (mismatch !== null) throw new SnapshotIncompatible(`Cannot restore ${name}: ${mismatch}.`);
      await sql.raw(restoreScript(live, row.schema_name, wait)).execute(trx);
      const sequences = JSON.parse(row.sequences) as Record<
        string,
        { value: number; called: boolean }
      >;
      for (const [sequence, value] of Object.entries(sequences))
        await sql`select setval(${sequence}::regclass, ${value.value}, ${value.called})`.execute(
          trx,
        );
      await signal.announce(trx);
      return summaryOf(row);
    });
  }

  return {
    async save(name, createdAt, overwrite) {
      await ensureCatalog();
      try {
        return await db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => {
            const existing = await findRow(trx, name, true);
            if (existing !== undefined && !overwrite) return 'exists' as const;
            const schema = `lpsnap_${randomBytes(8).toString('hex')}`;
            const tables = [...(await tablesIn(trx, null)).keys()];
            const copy = (table: string) => `${quoted(schema)}.${quoted(table)}`;
            // One round trip for the copies, one for the counts (names from the catalog, quoted).
            await sql
              .raw(
                [
                  `create schema ${quoted(schema)}`,
                  ...tables.map((table) => `create table ${copy(table)} as table ${quoted(table)}`),
                ].join(';\n'),
              )
              .execute(trx);
            const counted = await rows<{ table: string; n: number }>(
              trx,
              sql.raw(
                tables
                  .map(
                    (table) =>
                      `select '${table.replaceAll("'", "''")}' as table, count(*)::int as n from ${copy(table)}`,
                  )
                  .join(' union all '),
              ),
            );
            const counts = Object.fromEntries(counted.map((each) => [each.table, each.n]));
            const [size] = await rows<{ bytes: number }>(
              trx,
              sql`select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as bytes
                  from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = ${schema} and c.relkind = 'r'`,
            );
            if (existing !== undefined) {
              await sql`drop schema ${sql.id(existing.schema_name)} cascade`.execute(trx);
              await sql`delete from ${sql.table(SNAPSHOT_CATALOG)} where name = ${name}`.execute(
                trx,
              );
            }
            const row: CatalogRow = {
              name,
              schema_name: schema,
              created_at: createdAt,
              schema_version: SCHEMA_VERSION,
              row_counts: JSON.stringify(counts),
              sequences: JSON.stringify(await sequenceValues(trx)),
              bytes: Number(size?.bytes ?? 0),
            };
            await sql`insert into ${sql.table(SNAPSHOT_CATALOG)}
              (name, schema_name, created_at, schema_version, row_counts, sequences, bytes)
              values (${row.name}, ${row.schema_name}, ${row.created_at}, ${row.schema_version},
                      ${row.row_counts}, ${row.sequences}, ${row.bytes})`.execute(trx);
            return summaryOf(row);
          });
      } catch (error) {
        // Another process saved the same name between our look and our insert.
        if (isUniqueViolationError(error)) return 'exists';
        throw error;
      }
    },

    async list() {
      if (!(await catalogExists(db))) return [];
      const found = await rows<CatalogRow>(
        db,
        sql`select * from ${sql.table(SNAPSHOT_CATALOG)} order by name`,
      );
      return found.map(summaryOf);
    },

    restore: (name) =>
      exclusive(async () => {
        for (let attempt = 1, deadlocks = 0; ; attempt += 1) {
          try {
            return await restoreOnce(name, attempt > LOCK_TRIES);
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            if (code === LOCK_NOT_AVAILABLE && attempt <= LOCK_TRIES)
              await new Promise((resolve) => setTimeout(resolve, LOCK_PAUSE_MS));
            else if (code !== DEADLOCK || ++deadlocks >= DEADLOCK_TRIES) throw error;
          }
        }
      }),

    watchRestores: (listener) => signal.watch(listener),

    delete: (name) =>
      db.transaction().execute(async (trx) => {
        const row = await findRow(trx, name, true);
        if (row === undefined) return false;
        await sql`drop schema ${sql.id(row.schema_name)} cascade`.execute(trx);
        await sql`delete from ${sql.table(SNAPSHOT_CATALOG)} where name = ${name}`.execute(trx);
        return true;
      }),
  };
}
