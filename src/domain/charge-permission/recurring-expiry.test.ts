import { describe, expect, it } from 'vitest';
import { addMonths, DAY } from '../shared/time.js';
import { recurringExpiry } from './recurring-expiry.js';

// Docs silent on the formula (recurring-expiry.ts): max(13 months, two billing periods).
const at = Date.UTC(2026, 0, 15);
describe('recurringExpiry', () => {
  it.each([
    ['Month 1', { unit: 'Month', value: '1' }, addMonths(at, 13)],
    ['Week 2', { unit: 'Week', value: '2' }, addMonths(at, 13)],
    ['Year 1', { unit: 'Year', value: '1' }, addMonths(at, 24)],
    ['Month 9', { unit: 'Month', value: '9' }, addMonths(at, 18)],
    ['Day 400', { unit: 'Day', value: '400' }, at + 800 * DAY],
    ['Variable', { unit: 'Variable', value: '0' }, addMonths(at, 13)],
    ['none', null, addMonths(at, 13)],
  ])('%s', (_name, frequency, expected) => {
    expect(recurringExpiry(at, frequency)).toBe(expected);
  });
});
