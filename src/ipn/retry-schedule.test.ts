import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_SCHEDULE_TEXT,
  parseRetrySchedule,
} from '../config/retry-schedule-config.js';
import { attemptOffsets, isFinalRejection, nextStep } from './retry-schedule.js';

const HOUR = 3_600_000;

describe('retry schedules', () => {
  it.each([
    ['1h*3', [HOUR, HOUR, HOUR]],
    ['30s, 5m ,1h*2', [30_000, 300_000, HOUR, HOUR]],
    ['250', [250]],
    ['', []],
    ['none', []],
  ])('reads %j', (text, waits) => {
    expect(parseRetrySchedule(text)).toEqual(waits);
  });

  it.each(['1h*', 'soon', '0s', '1h*x', '-5m', '1h,,2h'])('refuses %j', (text) => {
    expect(parseRetrySchedule(text)).toBeNull();
  });

  it("defaults to Amazon's: every hour for 14 days", () => {
    const waits = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE_TEXT)!;
    expect(waits).toHaveLength(336);
    expect(attemptOffsets(waits).at(-1)).toBe(14 * 24 * HOUR);
  });

  it('counts attempts from the start of the schedule', () => {
    expect(attemptOffsets([HOUR, 2 * HOUR])).toEqual([0, HOUR, 3 * HOUR]);
  });
});

describe('what follows an attempt', () => {
  const offsets = attemptOffsets([HOUR, HOUR]);
  const from = 1_000_000;

  it.each([
    ['delivered on the first attempt', 0, 'delivered', 'delivered', from + 5],
    ['retried an hour after the start', 0, 'httpError', 'pending', from + HOUR],
    ['timeouts are retried too', 1, 'timeout', 'pending', from + 2 * HOUR],
    ['a refused connection is retried', 0, 'networkError', 'pending', from + HOUR],
    ['failed when the schedule is over', 2, 'httpError', 'failed', from + 5],
    ['failed at once on a final 4xx', 0, 'rejected', 'failed', from + 5],
  ] as const)('%s', (_name, step, outcome, status, nextAttemptAt) => {
    const next = nextStep(
      offsets,
      { scheduleFrom: from, scheduleStep: step },
      { outcome, statusCode: null },
      from + 5,
    );
    expect(next).toMatchObject({ status, scheduleStep: step + 1, nextAttemptAt });
    expect(next.deliveredAt).toBe(status === 'delivered' ? from + 5 : null);
  });

  it('keeps the schedule when an attempt runs late: missed retries are due at once', () => {
    const late = from + 10 * HOUR;
    const next = nextStep(
      attemptOffsets([HOUR, HOUR, HOUR]),
      { scheduleFrom: from, scheduleStep: 1 },
      { outcome: 'httpError', statusCode: 500 },
      late,
    );
    expect(next.nextAttemptAt).toBe(from + 2 * HOUR);
    expect(next.nextAttemptAt).toBeLessThan(late);
  });

  it.each([
    [400, true],
    [404, true],
    [410, true],
    [408, false],
    [429, false],
    [500, false],
    [302, false],
    [null, false],
  ])('a %s answer is final: %s', (status, final) => {
    expect(isFinalRejection(status)).toBe(final);
  });
});
