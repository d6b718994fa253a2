/**
 * When a notification is tried again, and when localpay gives up (spec v1 §6.1: SNS retries hourly
 * for 14 days until the endpoint answers 2xx). A schedule is the list of waits between attempts;
 * attempt k+1 is due at scheduleFrom + the first k waits, on the merchant's clock. Counting from
 * scheduleFrom rather than from the previous attempt is what compresses retries when a merchant
 * moves its clock: every attempt whose time has passed becomes due at once, in order.
 */
import { parseDuration } from '../config/duration.js';
import type { Instant } from '../domain/shared/time.js';
import type { AttemptOutcome, NotificationStatus } from '../app/ports.js';

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

/** The schedule as offsets from its start: offsets[k] is when attempt k+1 is due. */
export function attemptOffsets(schedule: RetrySchedule): number[] {
  const offsets = [0];
  for (const wait of schedule) offsets.push((offsets.at(-1) ?? 0) + wait);
  return offsets;
}

/**
 * 2xx is delivered. A 4xx other than 408 and 429 is final: Amazon does not retry a 4xx (spec v2
 * §10.3), and handlers answer 400 on purpose to stop retries. Everything else (5xx, 3xx, 408, 429,
 * timeouts, refused connections) is retried while the schedule lasts.
 */
export function isFinalRejection(statusCode: number | null): boolean {
  return (
    statusCode !== null &&
    statusCode >= 400 &&
    statusCode < 500 &&
    statusCode !== 408 &&
    statusCode !== 429
  );
}

export interface AttemptResult {
  readonly outcome: AttemptOutcome;
  readonly statusCode: number | null;
}

export interface NextStep {
  readonly status: NotificationStatus;
  readonly scheduleStep: number;
  readonly nextAttemptAt: Instant;
  readonly deliveredAt: Instant | null;
}

/** What follows an attempt made at `at` (merchant time) as step `scheduleStep` of the schedule. */
export function nextStep(
  offsets: readonly number[],
  notification: { readonly scheduleFrom: Instant; readonly scheduleStep: number },
  result: AttemptResult,
  at: Instant,
): NextStep {
  const scheduleStep = notification.scheduleStep + 1;
  if (result.outcome === 'delivered')
    return { status: 'delivered', scheduleStep, nextAttemptAt: at, deliveredAt: at };
  const offset = offsets[scheduleStep];
  if (result.outcome === 'rejected' || offset === undefined)
    return { status: 'failed', scheduleStep, nextAttemptAt: at, deliveredAt: null };
  return {
    status: 'pending',
    scheduleStep,
    nextAttemptAt: notification.scheduleFrom + offset,
    deliveredAt: null,
  };
}
