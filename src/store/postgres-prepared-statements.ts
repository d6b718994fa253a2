import type { PoolClient } from 'pg';

/**
 * Server-side prepared statements for the statements localpay compiles ahead (statements.ts) on
 * PostgreSQL (issue 16). pg sends a query without a name as the unnamed statement, which the
 * server parses, analyses and plans again on every execution: on the workers bench that was most
 * of PostgreSQL's CPU a Create Charge. A named statement is parsed once per connection and then
 * only bound and executed (pg remembers, per connection, which names it has prepared).
 *
 * Only texts registered here are named: the compiled statements of the hot paths, a fixed set the
 * code defines, so each pooled connection holds a bounded number. Queries built per call (the
 * console's filters, snapshots, migrations) stay unnamed.
 *
 * Prepared statements live in the server session, so a pooler that hands one client several
 * server connections in turn must keep them per session: PgBouncer 1.21 and later does in
 * transaction mode with `max_prepared_statements` set; `LOCALPAY_POSTGRES_PREPARED=0` turns them
 * off for any other (docs/operating.md).
 */
const names = new Map<string, string>();

/** Marks a compiled statement's text for preparation; a text keeps the name it got first. */
export function prepareOnServer(text: string): void {
  if (!names.has(text)) names.set(text, `localpay_${names.size + 1}`);
}

type Query = (...args: unknown[]) => unknown;

/** Wraps a new pool client's query so registered texts run as named statements. */
export function nameRegisteredStatements(client: PoolClient): void {
  const query = client.query.bind(client) as Query;
  (client as unknown as { query: Query }).query = (...args) => {
    const [text, values, ...rest] = args;
    const name = typeof text === 'string' ? names.get(text) : undefined;
    if (name === undefined || !Array.isArray(values)) return query(...args);
    return query({ name, text, values }, ...rest);
  };
}
