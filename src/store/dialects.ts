/**
 * Builds a Kysely instance per supported database: embedded SQLite (better-sqlite3) and PostgreSQL
 * (pg pool). Driver tuning lives here so repositories stay dialect-free (DESIGN.md §5, §7).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DialectAdapter,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import { SQLITE_DEFAULT_CACHE_KIB } from './sqlite-page-cache.js';
import { guardTextParameters } from './postgres-text-guard.js';
import { nameRegisteredStatements } from './postgres-prepared-statements.js';
import type { Database } from './schema.js';

export interface SqliteOptions {
  readonly file: string;
  /**
   * FULL (default) survives an OS crash; NORMAL in WAL mode survives a killed process but may lose
   * the last commits on power loss, for several times the single-transaction rate (DESIGN.md §7).
   */
  readonly synchronous?: 'FULL' | 'NORMAL' | undefined;
}

/**
 * Writers take the write lock when they begin. Within one process Kysely already runs one
 * transaction at a time; BEGIN IMMEDIATE matters when another process (the CLI, a second server)
 * opens the same file: a deferred transaction that read first and then writes fails with
 * SQLITE_BUSY instead of waiting out busy_timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely's SQLite adapter reports no transactional DDL, so its migrator would run migrations
 * outside any transaction and without a lock (its SQLite lock is a no-op): a crash mid-migration
 * leaves half a schema, and two processes starting at once both apply the same migration. SQLite
 * does roll back DDL; saying so makes the migrator wrap each run in one transaction, and that
 * transaction (BEGIN IMMEDIATE) is the lock.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class EmbeddedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Kysely's SQLite driver prepares every statement anew; the store issues a few dozen fixed query
 * shapes, so keeping their prepared statements skips SQLite's parse and plan on every call.
 * better-sqlite3 statements are reusable once a call returns (Kysely's driver runs them
 * synchronously). The bound only guards against unexpected variety (dynamic IN lists).
 */
function withStatementCache(db: BetterSqlite3.Database, capacity = 512): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => db.close(),
    prepare(sqlText) {
      let statement = statements.get(sqlText);
      if (statement === undefined) {
        if (statements.size >= capacity) statements.clear();
        statement = db.prepare(sqlText);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}

/**
 * The database as Kysely sees it, and the better-sqlite3 handle under it: group commit and the
 * compiled statements of the hot path (sql-runner.ts) use the handle directly.
 */
export interface SqliteDatabaseHandles {
  readonly db: Kysely<Database>;
  readonly sqlite: BetterSqlite3.Database;
}

export function createSqliteDatabase(options: SqliteOptions): SqliteDatabaseHandles {
  mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new BetterSqlite3(options.file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Group commit runs each unit of work in a savepoint (group-commit.ts), and SQLite copies every
    // page a unit first changes into a sub-journal, so it can roll that unit back alone. Past 64 KiB
    // the sub-journal spills to a temporary file, costing write calls on most Create Charges; in
    // memory it is a copy, dropped at RELEASE. It never holds committed data: durability is unchanged.
    sqlite.pragma('temp_store = MEMORY');
    // SQLite's own default page cache, 2,000 KiB, not better-sqlite3's build default of 16 MB: that
    // cache fills as the database grows, and was 16 of the 18 MiB that the main thread's malloc
    // heap grew by under the fuzz, a heap glibc keeps at its high-water mark (issue 16 target 2).
    // The store's connection then grows its cache with the file (sqlite-page-cache.ts).
    sqlite.pragma(`cache_size = -${SQLITE_DEFAULT_CACHE_KIB}`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({
    dialect: new EmbeddedSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, sqlite };
}

/** int8 (bigint) columns hold epoch milliseconds and counts: safe integers, so JS numbers. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`The bigint ${text} does not fit a JS number.`);
  return value;
}

export interface PostgresOptions {
  readonly connectionString: string;
  /** Pool size; pg's default is 10. */
  readonly maxConnections?: number | undefined;
  /** Named, server-side prepared statements (postgres-prepared-statements.ts); on unless false. */
  readonly preparedStatements?: boolean | undefined;
}

/**
 * The int8 parser is set on this pool's clients only (a TypeOverrides), not on pg's global
 * `types`, so other pg users in the same process keep the default of strings. pg is loaded here,
 * when a PostgreSQL store is opened, so the embedded store's start-up does not pay for it.
 */
export async function createPostgresDatabase(options: PostgresOptions): Promise<Kysely<Database>> {
  const { Pool, TypeOverrides, types } = await import('pg');
  const typeOverrides = new TypeOverrides();
  typeOverrides.setTypeParser(types.builtins.INT8, 'text', parseInt8);
  const pool = new Pool({
    connectionString: options.connectionString,
    types: typeOverrides,
    ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }),
  });
  // An idle client that loses its connection emits 'error' on the pool, which would crash the
  // process unhandled. The pool has already discarded that client; the next query reconnects or
  // fails with its own error, so there is nothing more to do here.
  pool.on('error', () => undefined);
  pool.on('connect', guardTextParameters);
  if (options.preparedStatements !== false) pool.on('connect', nameRegisteredStatements);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
