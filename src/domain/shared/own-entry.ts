/**
 * Look-ups keyed by what a caller sent (an MWS Action, a region header, a path segment) must only
 * find a table's own entries: a plain object literal also "has" `constructor`, `toString`,
 * `__proto__` and the rest of Object.prototype (issue 10 point 6: `Action=__proto__` answered 500).
 */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
