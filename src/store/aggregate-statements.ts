/**
 * The compiled statements (statements.ts) of the aggregate repositories: one set per table, made on
 * first use. Aggregate tables share their key columns, so one definition serves every table; an
 * insert also names the columns a table adds (charges: charge_permission_id, amount, currency).
 */
import type { AggregateTableName } from './schema.js';
import { statement, type Statement } from './statements.js';

export type ScopedIdArgs = {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: string;
};

/** The shared key columns and the document, as stored. */
export type AggregateRowArgs = {
  readonly id: string;
  readonly merchant_id: string;
  readonly environment: string;
  readonly state: string;
  readonly due_at: number | null;
  readonly created_at: number;
  readonly data: string;
};

export type AggregateUpdateArgs = ScopedIdArgs & {
  readonly state: string;
  readonly due_at: number | null;
  readonly data: string;
};

export interface AggregateStatements {
  readonly find: Statement<ScopedIdArgs, { data: string }>;
  /** FOR UPDATE: PostgreSQL only (SQLite has no row locks, and rejects the clause). */
  readonly findForUpdate: Statement<ScopedIdArgs, { data: string }>;
  readonly update: Statement<AggregateUpdateArgs, unknown>;
}

const byTable = new Map<AggregateTableName, AggregateStatements>();

export function aggregateStatements(table: AggregateTableName): AggregateStatements {
  let statements = byTable.get(table);
  if (statements === undefined) {
    const find = (forUpdate: boolean) =>
      statement(`${table}.find${forUpdate ? 'ForUpdate' : ''}`, (db, args: ScopedIdArgs) => {
        const query = db
          .selectFrom(table)
          .select('data')
          .where('id', '=', args.id)
          .where('merchant_id', '=', args.merchantId)
          .where('environment', '=', args.environment);
        return forUpdate ? query.forUpdate() : query;
      });
    statements = {
      find: find(false),
      findForUpdate: find(true),
      update: statement(`${table}.update`, (db, args: AggregateUpdateArgs) =>
        db
          .updateTable(table)
          .set({ state: args.state, due_at: args.due_at, data: args.data })
          .where('id', '=', args.id)
          .where('merchant_id', '=', args.merchantId)
          .where('environment', '=', args.environment),
      ),
    };
    byTable.set(table, statements);
  }
  return statements;
}

const inserts = new Map<string, Statement<Readonly<Record<string, unknown>>, unknown>>();

/**
 * INSERT … ON CONFLICT DO NOTHING of the key columns, the document and `extraColumns` (whose
 * values come from the arguments of the same names); unique-violation.ts explains the clause.
 */
export function insertStatement(
  table: AggregateTableName,
  extraColumns: readonly string[],
): Statement<Readonly<Record<string, unknown>>, unknown> {
  const key = `${table}(${extraColumns.join(',')})`;
  let insert = inserts.get(key);
  if (insert === undefined) {
    insert = statement(`${table}.insert`, (db, args: Readonly<Record<string, unknown>>) => {
      const row = args as AggregateRowArgs;
      const extras = Object.fromEntries(extraColumns.map((column) => [column, args[column]]));
      return db
        .insertInto(table)
        .values({
          id: row.id,
          merchant_id: row.merchant_id,
          environment: row.environment,
          state: row.state,
          due_at: row.due_at,
          created_at: row.created_at,
          data: row.data,
          ...extras,
        })
        .onConflict((conflict) => conflict.doNothing());
    });
    inserts.set(key, insert);
  }
  return insert;
}
