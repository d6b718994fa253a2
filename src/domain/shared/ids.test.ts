import { describe, expect, it } from 'vitest';
import { newChargeId, type RandomSource } from './ids.js';

/** Random enough for these checks, without reaching outside domain/. */
const digit = (): string => String(Math.floor(Math.random() * 10));
const random: RandomSource = {
  digits: (count) => Array.from({ length: count }, digit).join(''),
  upperAlphanumeric: () => '',
  hex: () => '',
  uuid: () => '',
  timeOrderedUuid: () => '',
};

describe('newChargeId', () => {
  it('keeps the wire format, with the time in tenths of a second as its first group', () => {
    const at = Date.UTC(2026, 11, 7, 5, 40, 0, 123);
    const id = newChargeId(random, 'Sandbox', 'EU', at);
    expect(id).toMatch(/^S02-\d{7}-\d{7}-C\d{6}$/);
    expect(id.slice(4, 11)).toBe(String(Math.floor(at / 100) % 10_000_000).padStart(7, '0'));
    expect(newChargeId(random, 'Live', 'NA', at)).toMatch(/^P01-\d{7}-\d{7}-C\d{6}$/);
  });

  it('sorts ids made later after earlier ones (the indexes they key append), and differs within a tenth', () => {
    const start = Date.UTC(2026, 11, 7);
    const ids = [0, 100, 250, 60_000].map((offset) =>
      newChargeId(random, 'Sandbox', 'EU', start + offset).slice(0, 11),
    );
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const same = new Set(
      Array.from({ length: 1000 }, () => newChargeId(random, 'Sandbox', 'EU', start)),
    );
    expect(same.size).toBe(1000);
  });
});
