/**
 * The one place that decides whether an insert collided with an existing key, for both dialects,
 * and raises the port's UniqueViolation (src/app/ports.ts) so app/ never sees driver errors.
 */
import type { InsertResult } from 'kysely';
import { UniqueViolation } from '../app/ports.js';

/** better-sqlite3's extended result codes, and PostgreSQL's SQLSTATE unique_violation. */
const UNIQUE_VIOLATION_CODES: ReadonlySet<string> = new Set([
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
  '23505',
]);

export function isUniqueViolationError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return typeof error.code === 'string' && UNIQUE_VIOLATION_CODES.has(error.code);
}

/**
 * Runs an insert written with `ON CONFLICT DO NOTHING` and turns "no row inserted" into
 * UniqueViolation. Absorbing the conflict in SQL rather than catching the error matters on
 * PostgreSQL: a failed statement aborts the whole transaction there (every later statement fails
 * with 25P02), while SQLite carries on, so app code that catches UniqueViolation and keeps working
 * would behave differently per dialect. A raised unique violation (a constraint the clause does not
 * cover) is still mapped, as a backstop.
 */
export function insertOrThrowUnique(
  what: string,
  insert: () => Promise<InsertResult>,
): Promise<void> {
  return runInsertOrThrowUnique(what, async () =>
    Number((await insert()).numInsertedOrUpdatedRows),
  );
}

/** insertOrThrowUnique for a compiled statement (statements.ts), which answers rows changed. */
export async function runInsertOrThrowUnique(
  what: string,
  insert: () => Promise<number>,
): Promise<void> {
  let inserted: number;
  try {
    inserted = await insert();
  } catch (error) {
    if (isUniqueViolationError(error))
      throw new UniqueViolation(`${what} already exists.`, { cause: error });
    throw error;
  }
  if (inserted !== 1) throw new UniqueViolation(`${what} already exists.`);
}

/** Updates address one row by key; zero rows means the caller updated something never inserted. */
export function assertOneRowUpdated(numUpdatedRows: bigint, what: string): void {
  if (numUpdatedRows !== 1n)
    throw new Error(`Updating ${what} changed ${numUpdatedRows} rows; expected exactly one.`);
}
