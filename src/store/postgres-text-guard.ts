import type { PoolClient } from 'pg';
import { DomainError } from '../domain/shared/errors.js';

/**
 * PostgreSQL text cannot hold U+0000: a parameter carrying one fails the query ("invalid byte
 * sequence for encoding UTF8: 0x00"), which answered 500 to any request whose id or field had a
 * %00 in it (found by the fuzzer, issue 10 point 8). No Amazon Pay value can contain the
 * character, so such a value is the caller's mistake: refused before it reaches the server, as
 * InvalidParameterValue, which leaves the transaction usable. (SQLite stores it as sent.)
 */
const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : Array.isArray(value) && value.some((item) => hasNul(item));

function assertStorable(args: readonly unknown[]): void {
  const [first, second] = args;
  const values = Array.isArray(second) ? second : (first as { values?: unknown } | null)?.values;
  if (Array.isArray(values) && values.some(hasNul))
    throw new DomainError(
      'InvalidParameterValue',
      'A value contains the character U+0000, which no field accepts.',
    );
}

/** Wraps a new pool client's query so every statement's parameters are checked first. */
export function guardTextParameters(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    assertStorable(args);
    return query(...args);
  };
}
