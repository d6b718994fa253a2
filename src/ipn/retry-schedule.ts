/**
 * When a notification is tried again, and when localpay gives up (spec v1 §6.1: SNS retries hourly
 * for 14 days until the endpoint answers 2xx). A schedule is the list of waits between attempts;
 * attempt k+1 is due at scheduleFrom + the first k waits, on the merchant's clock. Counting from
 * scheduleFrom rather than from the previous attempt is what compresses retries when a merchant
 * moves its clock: every attempt whose time has passed becomes due at once, in order.
 */
import type { RetrySchedule } from '../config/retry-schedule-config.js';
import type { Instant } from '../domain/shared/time.js';
import type { AttemptOutcome, NotificationStatus } from '../app/ports.js';

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
