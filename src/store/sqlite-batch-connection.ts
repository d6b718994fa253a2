/**
 * The transaction statements of group commit (group-commit.ts) on a better-sqlite3 handle,
 * prepared once: each is a synchronous call of a microsecond or two, the COMMIT's flush aside.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { BatchConnection } from './group-commit.js';

export function sqliteBatchConnection(sqlite: BetterSqlite3.Database): BatchConnection {
  const run = (sqlText: string): (() => void) => {
    const statement = sqlite.prepare(sqlText);
    return () => {
      statement.run();
    };
  };
  return {
    // IMMEDIATE: see ImmediateSqliteDriver in dialects.ts.
    begin: run('begin immediate'),
    commit: run('commit'),
    rollback: run('rollback'),
    savepoint: run('savepoint unit'),
    releaseSavepoint: run('release unit'),
    rollbackToSavepoint: run('rollback to unit'),
    get inTransaction() {
      return sqlite.inTransaction;
    },
  };
}

/** SQLite's total_changes(): rows inserted, updated or deleted on the connection so far. */
export function totalChanges(sqlite: BetterSqlite3.Database): () => number {
  const statement = sqlite.prepare('select total_changes()').pluck();
  return () => Number(statement.get());
}
