import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from './time-ordered-uuid.js';

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID whose first 48 bits are the time', () => {
    const id = timeOrderedUuid(0x0192_3456_789a);
    expect(id).toMatch(/^01923456-789a-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by time, and ids of one millisecond differ', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map(timeOrderedUuid);
    expect([...ids].sort()).toEqual(ids);
    expect(timeOrderedUuid(5)).not.toBe(timeOrderedUuid(5));
  });
});
