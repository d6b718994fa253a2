import { describe, expect, it } from 'vitest';
import { compareText } from './compare-text.js';

describe('compareText', () => {
  it('orders by code units, case and punctuation included, as SQLite does', () => {
    const ids = ['b-2', 'B-1', 'a_1', 'a-1', 'a1'];
    expect([...ids].sort(compareText)).toEqual(['B-1', 'a-1', 'a1', 'a_1', 'b-2']);
    expect(compareText('S01-1', 'S01-1')).toBe(0);
  });
});
