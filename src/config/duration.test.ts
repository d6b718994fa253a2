import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each<[input: string | number, ms: number]>([
    ['25h', 25 * 3_600_000],
    ['30d', 30 * 86_400_000],
    ['90m', 90 * 60_000],
    ['1.5h', 5_400_000],
    ['15s', 15_000],
    ['500ms', 500],
    ['500', 500],
    ['0', 0],
    ['0d', 0],
    [' 2 h ', 7_200_000],
    ['0.5s', 500],
    ['2.5ms', 3], // rounded to whole milliseconds
    [1000, 1000],
    [0, 0],
  ])('%j → %i ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each<string | number>([
    '',
    '   ',
    'h',
    'abc',
    '-5m',
    '+5m',
    '5w',
    '5 hours',
    '5H',
    '1.5.2h',
    '.5h',
    '5.h',
    '1e3',
    '5m30s',
    '99999999999999999999d', // beyond safe integers
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 1,
  ])('%j → null', (input) => {
    expect(parseDuration(input)).toBeNull();
  });
});
