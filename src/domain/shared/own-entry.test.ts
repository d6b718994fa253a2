import { describe, expect, it } from 'vitest';
import { ownEntry } from './own-entry.js';

describe('ownEntry', () => {
  const table = { pass: 'Success', fail: 'Failure' } as const;

  it("answers a table's own entries", () => {
    expect(ownEntry(table, 'pass')).toBe('Success');
    expect(ownEntry(table, 'abandon')).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    'never reaches Object.prototype through %s',
    (key) => {
      expect(ownEntry(table, key)).toBeUndefined();
    },
  );
});
