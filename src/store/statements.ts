/**
 * Queries of the hot path, written once with Kysely's typed builder and compiled once per dialect.
 * Building and compiling a Kysely query costs more than SQLite running it: a primary-key read took
 * 11 us through the builder against 4 us for the same prepared statement (one core of the bench
 * machine); a Create Charge issues about ten queries. This is DESIGN.md §5's "prepared statements":
 * a statement is built with placeholders in place of its arguments; compiling yields the dialect's
 * SQL text and the order in which the arguments bind, and each call then only binds values.
 */
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What a statement binds per call: named values, each passed straight into the builder. */
export type StatementArgs = Readonly<Record<string, unknown>>;

export interface Statement<Args extends StatementArgs, Row> {
  /** For error messages. */
  readonly name: string;
  /**
   * Builds the query. `args` holds placeholders while compiling, so every argument must go
   * straight into the builder as a value (`where('id', '=', args.id)`), never be inspected or
   * transformed, and the query's shape must not depend on the arguments.
   */
  readonly build: (db: Kysely<Database>, args: Args) => Compilable<Row>;
}

export const statement = <Args extends StatementArgs, Row>(
  name: string,
  build: (db: Kysely<Database>, args: Args) => Compilable<Row>,
): Statement<Args, Row> => ({ name, build });

/**
 * Statements whose text depends on a key from a small fixed set (a table name, a LIKE pattern
 * written into the text): each is made on first use and kept, so it compiles once like any other.
 */
export function statementPerKey<Key, Args extends StatementArgs, Row>(
  make: (key: Key) => Statement<Args, Row>,
): (key: Key) => Statement<Args, Row> {
  const made = new Map<Key, Statement<Args, Row>>();
  return (key) => {
    let found = made.get(key);
    if (found === undefined) {
      found = make(key);
      made.set(key, found);
    }
    return found;
  };
}

/** Where each bound value comes from: a named argument, or a constant the builder put in. */
type Slot = { readonly arg: string } | { readonly constant: unknown };

export interface CompiledStatement {
  readonly sql: string;
  readonly slots: readonly Slot[];
}

/** Placeholders are strings no caller sends: a NUL byte, a marker, the argument's name. */
const PLACEHOLDER = '\u0000localpay-arg:';

const placeholders = new Proxy(
  {},
  { get: (_target, key) => (typeof key === 'string' ? `${PLACEHOLDER}${key}` : undefined) },
);

export function compileStatement<Args extends StatementArgs, Row>(
  db: Kysely<Database>,
  definition: Statement<Args, Row>,
): CompiledStatement {
  const { sql, parameters } = definition.build(db, placeholders as Args).compile();
  const slots = parameters.map((value): Slot =>
    typeof value === 'string' && value.startsWith(PLACEHOLDER)
      ? { arg: value.slice(PLACEHOLDER.length) }
      : { constant: value },
  );
  return { sql, slots };
}

/** The values to bind, in the compiled statement's order. */
export function bindArgs(compiled: CompiledStatement, args: StatementArgs): unknown[] {
  return compiled.slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.constant));
}
