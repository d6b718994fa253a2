/**
 * How repositories reach the database inside one unit of work: compiled statements (statements.ts)
 * for the hot path, and the unit's Kysely instance for everything else. One implementation per
 * dialect; repositories never see which.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely } from 'kysely';
import type { ChangeCause } from '../app/inspection/change-cause.js';
import { prepareOnServer } from './postgres-prepared-statements.js';
import type { Database } from './schema.js';
import {
  bindArgs,
  compileStatement,
  type CompiledStatement,
  type Statement,
  type StatementArgs,
} from './statements.js';

export interface SqlRunner {
  /** Bound to the unit's transaction, for queries that are not compiled ahead. */
  readonly db: Kysely<Database>;
  all<A extends StatementArgs, R>(statement: Statement<A, R>, args: A): Promise<R[]>;
  first<A extends StatementArgs, R>(statement: Statement<A, R>, args: A): Promise<R | undefined>;
  /** Runs an insert, update or delete; answers how many rows it changed. */
  run<A extends StatementArgs>(statement: Statement<A, unknown>, args: A): Promise<number>;
  /** Why the unit running now changes state, for the timeline (transition-writer.ts). */
  readonly cause: UnitCause;
}

/**
 * The cause of the unit a runner serves. SQLite's units share one runner per batch and run one
 * at a time, so the store sets `current` as each unit starts; PostgreSQL's runner is its unit's
 * own. Within a unit, Transaction.causedBy names another for a part of its work.
 */
export interface UnitCause {
  current: ChangeCause | null;
}

/** Compiles each statement once, on first use, with the dialect's compiler. */
class StatementCache<T> {
  readonly #entries = new Map<Statement<never, unknown>, T>();

  constructor(private readonly make: (compiled: CompiledStatement) => T) {}

  get<A extends StatementArgs>(db: Kysely<Database>, statement: Statement<A, unknown>): T {
    let entry = this.#entries.get(statement);
    if (entry === undefined) {
      entry = this.make(compileStatement(db, statement));
      this.#entries.set(statement, entry);
    }
    return entry;
  }
}

interface PreparedSqlite {
  readonly compiled: CompiledStatement;
  readonly prepared: BetterSqlite3.Statement;
}

/** A synchronous driver call as a promise: a thrown driver error becomes a rejection. */
const promised = <T>(call: () => T): Promise<T> => new Promise<T>((resolve) => resolve(call()));

/**
 * SQLite: better-sqlite3 prepared statements, run synchronously on the store's one connection.
 * Sharing it is safe because the store runs one unit at a time (group-commit.ts).
 */
export function sqliteRunners(
  sqlite: BetterSqlite3.Database,
): (db: Kysely<Database>, cause: UnitCause) => SqlRunner {
  const cache = new StatementCache<PreparedSqlite>((compiled) => ({
    compiled,
    prepared: sqlite.prepare(compiled.sql),
  }));
  return (db, cause) => ({
    db,
    cause,
    all<A extends StatementArgs, R>(statement: Statement<A, R>, args: A): Promise<R[]> {
      return promised(() => {
        const { compiled, prepared } = cache.get(db, statement);
        return prepared.all(bindArgs(compiled, args)) as R[];
      });
    },
    first<A extends StatementArgs, R>(statement: Statement<A, R>, args: A): Promise<R | undefined> {
      return promised(() => {
        const { compiled, prepared } = cache.get(db, statement);
        return prepared.get(bindArgs(compiled, args)) as R | undefined;
      });
    },
    run<A extends StatementArgs>(statement: Statement<A, unknown>, args: A): Promise<number> {
      return promised(() => {
        const { compiled, prepared } = cache.get(db, statement);
        return prepared.run(bindArgs(compiled, args)).changes;
      });
    },
  });
}

/**
 * Any dialect, PostgreSQL in particular: the compiled text with fresh parameters, through the
 * unit's Kysely instance (its transaction connection).
 */
export function kyselyRunners(): (db: Kysely<Database>, cause?: UnitCause) => SqlRunner {
  // On PostgreSQL each compiled text runs as a named, server-side prepared statement
  // (postgres-prepared-statements.ts); a SQLite text registered here is never asked for.
  const cache = new StatementCache<CompiledStatement>((compiled) => {
    prepareOnServer(compiled.sql);
    return compiled;
  });
  const execute = <A extends StatementArgs, R>(
    db: Kysely<Database>,
    statement: Statement<A, R>,
    args: A,
  ) => {
    const compiled = cache.get(db, statement);
    return db.executeQuery<R>(CompiledQuery.raw(compiled.sql, bindArgs(compiled, args)));
  };
  return (db, cause = { current: null }) => ({
    db,
    cause,
    async all<A extends StatementArgs, R>(statement: Statement<A, R>, args: A): Promise<R[]> {
      return (await execute(db, statement, args)).rows;
    },
    async first<A extends StatementArgs, R>(
      statement: Statement<A, R>,
      args: A,
    ): Promise<R | undefined> {
      return (await execute(db, statement, args)).rows[0];
    },
    async run<A extends StatementArgs>(statement: Statement<A, unknown>, args: A): Promise<number> {
      return Number((await execute(db, statement, args)).numAffectedRows ?? 0n);
    },
  });
}

/**
 * What repositories take: the unit's runner, or a bare Kysely instance from callers off the hot
 * path, which then compiles each statement per call instead of once.
 */
export type SqlConnection = SqlRunner | Kysely<Database>;

export const asRunner = (connection: SqlConnection): SqlRunner =>
  connection instanceof Kysely ? kyselyRunners()(connection) : connection;
