import fc from 'fast-check';

/**
 * Building blocks for structure-aware fuzzing: the values and keys that broke (or could break)
 * localpay, and mutations that take a valid-ish body and bend one part of it, so the request
 * still gets past the early checks and reaches deep code (issue 10 point 8).
 */

/** Names that a plain object "has" without owning them (issue 10 point 6). */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
] as const;

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
  {
    arbitrary: fc.constantFrom('', ' ', '.', '..', '0', '-1', 'length', 'then', 'null'),
    weight: 1,
  },
);

export const hugeNumber: fc.Arbitrary<number | string> = fc.oneof(
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER + 2,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    -0,
    1e21,
    2 ** 63,
    -1,
    0.1 + 0.2,
  ),
  fc.constantFrom(
    '1e400',
    '-1e400',
    '9'.repeat(400),
    '0x10',
    '1_000',
    'NaN',
    'Infinity',
    '00012.50',
    '.5',
    '5.',
  ),
  fc.double({ noNaN: true }),
  fc.integer(),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\uD800',
      '\uFEFF',
      '<script>alert(1)</script>',
      "' OR '1'='1",
      '${7*7}',
      '../../etc/passwd',
      'javascript:alert(1)',
      'http://127.0.0.1:9/x',
      'https://evil.example/steal',
      '%00%ff%',
      'true',
      'null',
      '2026-02-30T25:61:61Z',
      '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod"}}',
    ),
    weight: 2,
  },
  { arbitrary: fc.nat({ max: 70_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
);

/** `levels` nested arrays or objects around a leaf; deep enough to hit any recursion. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 40, max: 6_000 })),
    fc.boolean(),
  )
  .map(([levels, objects]) =>
    objects
      ? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
      : '['.repeat(levels) + ']'.repeat(levels),
  );

/** A JSON value of any type, hostile or not. Deep nesting is spliced in as raw text (see below). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hugeNumber, weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 2 },
  {
    arbitrary: fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    weight: 2,
  },
  { arbitrary: fc.array(hostileString, { maxLength: 1_100 }), weight: 1 },
);

/** Placeholder a mutation leaves where raw JSON text (deep nesting) is spliced in after stringify. */
const RAW = '\u0000fuzz-raw\u0000';

export type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'addKey'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'nest'; readonly at: number; readonly raw: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileValue }),
  fc.record({
    kind: fc.constant('addKey' as const),
    at: fc.nat(),
    key: hostileKey,
    value: hostileValue,
  }),
  fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), raw: deepNesting }),
);

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container =>
  typeof value === 'object' && value !== null;

/** Every container in a value with each of its slots (object keys, array indexes). */
function slots(root: unknown): { parent: Container; key: string | number }[] {
  const found: { parent: Container; key: string | number }[] = [];
  const stack: unknown[] = [root];
  // Each container once: a structure that reached itself would otherwise be walked forever.
  const seen = new Set<Container>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isContainer(node) || seen.has(node)) continue;
    seen.add(node);
    const keys = Array.isArray(node) ? node.map((_, index) => index) : Object.keys(node);
    for (const key of keys) {
      found.push({ parent: node, key });
      stack.push((node as Record<string | number, unknown>)[key]);
    }
  }
  return found;
}

/**
 * A generated value may be inserted by several mutations of one body: each insertion gets its own
 * copy, so a later mutation inside it cannot make the body contain itself (which ran the load
 * generator out of memory in the 100,000-request pass).
 */
const detached = (value: unknown): unknown => (isContainer(value) ? structuredClone(value) : value);

/** Sets an own property even when its name is `__proto__` (plain assignment would set the prototype). */
function setOwn(parent: Container, key: string | number, value: unknown): void {
  Object.defineProperty(parent, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const containers = (root: unknown): Container[] => {
  const all: Container[] = isContainer(root) ? [root] : [];
  for (const { parent, key } of slots(root)) {
    const child = (parent as Record<string | number, unknown>)[key];
    if (isContainer(child)) all.push(child);
  }
  return all;
};

/**
 * The body as JSON text after the mutations. Works on a deep copy; raw nesting is spliced in as
 * text because building 6,000 levels as objects would overflow JSON.stringify here first.
 */
export function applyMutations(body: unknown, mutations: readonly Mutation[]): string {
  const copy: unknown = JSON.parse(JSON.stringify(body ?? null));
  const raws: string[] = [];
  let root = copy;
  for (const change of mutations) {
    const targets = slots(root);
    const target = targets[change.at % Math.max(targets.length, 1)];
    if (change.kind === 'addKey') {
      const holders = containers(root).filter((c) => !Array.isArray(c));
      const holder = holders[change.at % Math.max(holders.length, 1)];
      if (holder) setOwn(holder, change.key, detached(change.value));
      continue;
    }
    const value = change.kind === 'nest' ? RAW : change.kind === 'set' ? change.value : undefined;
    if (change.kind === 'nest') raws.push(change.raw);
    if (!target) {
      if (change.kind !== 'delete') root = value;
      continue;
    }
    if (change.kind === 'delete') {
      if (Array.isArray(target.parent)) target.parent.splice(Number(target.key), 1);
      else delete target.parent[target.key as string];
    } else setOwn(target.parent, target.key, detached(value));
  }
  let text = JSON.stringify(root) ?? 'null';
  for (const raw of raws) text = text.replace(JSON.stringify(RAW), raw);
  return text;
}

/** A whole body that is not what the operation expects at all. */
export const wrongBody: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  deepNesting,
  fc.constantFrom(
    '',
    '{',
    '{"a":1',
    'null',
    '[]',
    '""',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
  ),
);

/** Header values a client can send at all: printable Latin-1, no line breaks. */
export const headerSafe = (value: string): string =>
  value.replace(/[^\x20-\x7e\xa0-\xff]/g, '').slice(0, 4_000);

/**
 * Percent-encodes the UTF-8 bytes of any string, lone surrogates included (encodeURIComponent
 * throws on those; the server should see them as the bytes a careless client sends).
 */
export const encodeComponent = (value: string): string =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
