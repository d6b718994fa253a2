import { describe, expect, it } from 'vitest';
import { addMonths, DAY, earliest, HOUR, MINUTE, SECOND } from './time.js';

const utc = (year: number, month: number, day: number, hour = 0, minute = 0): number =>
  Date.UTC(year, month - 1, day, hour, minute);

describe('addMonths', () => {
  it.each<[from: number, months: number, to: number]>([
    // plain moves keep the day and the time of day
    [utc(2024, 1, 15, 10, 30), 1, utc(2024, 2, 15, 10, 30)],
    [utc(2024, 3, 1), 0, utc(2024, 3, 1)],
    [utc(2024, 11, 30), 2, utc(2025, 1, 30)],
    [utc(2024, 12, 31, 23, 59), 1, utc(2025, 1, 31, 23, 59)],
    // clamped to the end of a shorter month
    [utc(2023, 1, 31), 1, utc(2023, 2, 28)],
    [utc(2024, 1, 31), 1, utc(2024, 2, 29)],
    [utc(2024, 1, 30, 12), 1, utc(2024, 2, 29, 12)],
    [utc(2024, 3, 31), 1, utc(2024, 4, 30)],
    [utc(2024, 8, 31), 1, utc(2024, 9, 30)],
    [utc(2024, 1, 31), 13, utc(2025, 2, 28)],
    [utc(2027, 1, 31), 13, utc(2028, 2, 29)],
    // leap days
    [utc(2024, 2, 29), 12, utc(2025, 2, 28)],
    [utc(2024, 2, 29), 48, utc(2028, 2, 29)],
    [utc(2100, 1, 31), 1, utc(2100, 2, 28)],
    [utc(2000, 1, 31), 1, utc(2000, 2, 29)],
    // backwards
    [utc(2024, 3, 31), -1, utc(2024, 2, 29)],
    [utc(2024, 1, 15), -1, utc(2023, 12, 15)],
  ])('addMonths(%i, %i) = %i', (from, months, to) => {
    expect(new Date(addMonths(from, months)).toISOString()).toBe(new Date(to).toISOString());
  });

  it('keeps milliseconds', () => {
    const at = utc(2024, 5, 10) + 123;
    expect(addMonths(at, 1) - utc(2024, 6, 10)).toBe(123);
  });
});

describe('earliest', () => {
  it.each<[instants: (number | null)[], expected: number | null]>([
    [[], null],
    [[null, null], null],
    [[5], 5],
    [[null, 7, 3, null, 9], 3],
    [[0, 10], 0],
  ])('earliest(%j) = %j', (instants, expected) => {
    expect(earliest(...instants)).toBe(expected);
  });
});

it('defines the duration units in milliseconds', () => {
  expect([SECOND, MINUTE, HOUR, DAY]).toEqual([1000, 60_000, 3_600_000, 86_400_000]);
});
