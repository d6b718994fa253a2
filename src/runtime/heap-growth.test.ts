import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from './heap-growth.js';

describe('heap growth limit', () => {
  it('takes a percentage from LOCALPAY_HEAP_GROWING_PERCENT and refuses anything else', () => {
    expect(() => limitHeapGrowth({ LOCALPAY_HEAP_GROWING_PERCENT: '0' })).not.toThrow();
    expect(() => limitHeapGrowth({})).not.toThrow();
    for (const bad of ['-1', '1.5', 'lots', '1001'])
      expect(() => limitHeapGrowth({ LOCALPAY_HEAP_GROWING_PERCENT: bad })).toThrow(
        /LOCALPAY_HEAP_GROWING_PERCENT/,
      );
  });
});
