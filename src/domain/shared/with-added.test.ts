import { describe, expect, it } from 'vitest';
import { withAdded } from './with-added.js';

describe('withAdded', () => {
  it('is the spread: same keys, order and values, later keys winning', () => {
    const base = { id: 'a', state: 'Open', at: 1 };
    const added = { state: 'Closed', extra: null };
    const result = withAdded(base, added);
    expect(result).toEqual({ ...base, ...added });
    expect(Object.keys(result)).toEqual(Object.keys({ ...base, ...added }));
    expect(JSON.stringify(result)).toBe(JSON.stringify({ ...base, ...added }));
    expect(base).toEqual({ id: 'a', state: 'Open', at: 1 });
  });
});
