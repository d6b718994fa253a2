import { describe, expect, it } from 'vitest';
import type { ReleaseEnvironment } from '../shared/environment.js';
import {
  advanceClock,
  environmentOfKeyId,
  MAX_CLOCK_OFFSET_MS,
  type Merchant,
} from './merchant.js';

const MERCHANT: Merchant = {
  merchantId: 'AMERCHANT0001',
  name: 'Test Merchant',
  region: 'EU',
  clockOffsetMs: 5_000,
  createdAt: Date.UTC(2024, 0, 1),
  scaTraClass: 'None',
};

describe('environmentOfKeyId', () => {
  it.each<[keyId: string, environment: ReleaseEnvironment | null]>([
    ['SANDBOX-AEXAMPLE1234567890ABCDE', 'Sandbox'],
    ['sandbox-aexample1234567890abcde', 'Sandbox'],
    ['Sandbox-AEXAMPLE1234567890ABCDE', 'Sandbox'],
    ['LIVE-AEXAMPLE1234567890ABCDE', 'Live'],
    ['live-aexample1234567890abcde', 'Live'],
    ['Live-AEXAMPLE1234567890ABCDE', 'Live'],
    ['AEXAMPLE1234567890ABCDEFG', null], // legacy key: no prefix
    ['', null],
    ['XSANDBOX-AEXAMPLE', null],
    ['SANDBO-AEXAMPLE', null],
  ])('%j → %s', (keyId, environment) => {
    expect(environmentOfKeyId(keyId)).toBe(environment);
  });
});

describe('advanceClock', () => {
  it.each([0, 1, 25 * 3_600_000, MAX_CLOCK_OFFSET_MS - 5_000])('moves forward by %i ms', (by) => {
    expect(advanceClock(MERCHANT, by)).toEqual({ ...MERCHANT, clockOffsetMs: 5_000 + by });
  });

  it('accumulates moves and leaves the original untouched', () => {
    const moved = advanceClock(advanceClock(MERCHANT, 1_000), 2_000);
    expect(moved.clockOffsetMs).toBe(8_000);
    expect(MERCHANT.clockOffsetMs).toBe(5_000);
  });

  it.each([-1, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER - 5_000])(
    'rejects %d',
    (by) => {
      expect(() => advanceClock(MERCHANT, by)).toThrow(RangeError);
    },
  );
});

describe('advanceClock bound', () => {
  it('runs at most 100 years ahead, so every merchant time stays a date', () => {
    const limit = MAX_CLOCK_OFFSET_MS - MERCHANT.clockOffsetMs;
    expect(advanceClock(MERCHANT, limit).clockOffsetMs).toBe(MAX_CLOCK_OFFSET_MS);
    expect(() => advanceClock(MERCHANT, limit + 1)).toThrow(RangeError);
    expect(() => new Date(Date.now() + MAX_CLOCK_OFFSET_MS).toISOString()).not.toThrow();
  });
});
