/**
 * LOCALPAY_IPN_RETRY_SCHEDULE: the waits between IPN attempts (docs/ipn.md). Parsing lives with the
 * rest of the configuration; ipn/retry-schedule.ts turns a schedule into due times.
 */
import { parseDuration } from './duration.js';

/** Waits between attempts, in ms; its length is the number of retries after the first attempt. */
export type RetrySchedule = readonly number[];

/** Amazon's: every hour for 14 days (336 retries after the first attempt). */
export const DEFAULT_RETRY_SCHEDULE_TEXT = '1h*336';

/**
 * Reads `30s,5m,1h*24`: comma-separated waits, each optionally repeated with `*count`. An empty
 * text means no retries. Answers null when the text is not a schedule.
 */
export function parseRetrySchedule(text: string): RetrySchedule | null {
  const waits: number[] = [];
  if (text.trim() === '' || text.trim() === 'none') return waits;
  for (const part of text.split(',')) {
    const match = /^\s*([^*]+?)\s*(?:\*\s*(\d+))?\s*$/.exec(part);
    const wait = match?.[1] === undefined ? null : parseDuration(match[1]);
    const count = match?.[2] === undefined ? 1 : Number(match[2]);
    if (wait === null || wait <= 0 || !Number.isSafeInteger(count) || count > 100_000) return null;
    for (let index = 0; index < count; index += 1) waits.push(wait);
  }
  return waits;
}
