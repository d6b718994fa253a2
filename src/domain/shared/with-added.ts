/**
 * `{ ...base, ...added }` for hot paths where `added` brings keys `base` does not have: the same
 * object, key order and values, without the cost Node 20's V8 gives that spread. There, a spread
 * followed by new keys builds a fresh hidden class for every object it makes (about 2 µs per added
 * key, every later property access on the object megamorphic, and the maps for the GC to sweep:
 * issue 16, bench/README.md); Object.assign onto a literal reuses one. Only for objects with plain
 * keys this code built: an own `__proto__` key in either would set the prototype instead.
 */
export function withAdded<B extends object, const A extends object>(base: B, added: A): B & A {
  return Object.assign({}, base, added);
}
