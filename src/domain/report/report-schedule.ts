import type { ReleaseEnvironment } from '../shared/environment.js';
import { invalidParameter } from '../shared/errors.js';
import type { TransitionTable } from '../shared/lifecycle.js';
import { DAY, HOUR, MINUTE, type Instant } from '../shared/time.js';
import type { ReportType } from './report.js';

/**
 * Report schedules (amazon-pay-api-v2/reports.html, Create Report Schedule): one per report type,
 * a frequency from Amazon's list of ISO 8601 periods, and the next creation time. Cancelling
 * deletes it (DELETE /report-schedules/{id}); localpay keeps the row as Cancelled.
 */
export const SCHEDULE_FREQUENCIES = {
  PT5M: 5 * MINUTE,
  PT15M: 15 * MINUTE,
  PT30M: 30 * MINUTE,
  PT1H: HOUR,
  PT2H: 2 * HOUR,
  PT4H: 4 * HOUR,
  PT8H: 8 * HOUR,
  PT12H: 12 * HOUR,
  P1D: DAY,
  P2D: 2 * DAY,
  P3D: 3 * DAY,
  PT84H: 84 * HOUR,
  P7D: 7 * DAY,
  P14D: 14 * DAY,
  P15D: 15 * DAY,
  P18D: 18 * DAY,
  P30D: 30 * DAY,
} as const satisfies Record<string, number>;
export type ScheduleFrequency = keyof typeof SCHEDULE_FREQUENCIES;

export function parseFrequency(value: unknown): ScheduleFrequency {
  if (typeof value === 'string' && value in SCHEDULE_FREQUENCIES) return value as ScheduleFrequency;
  throw invalidParameter(
    'scheduleFrequency',
    `it must be one of ${Object.keys(SCHEDULE_FREQUENCIES).join(', ')}.`,
  );
}

export const SCHEDULE_STATES = ['Active', 'Cancelled'] as const;
export type ScheduleState = (typeof SCHEDULE_STATES)[number];
export const SCHEDULE_TRANSITIONS = {
  Active: ['Cancelled'],
  Cancelled: [],
} as const satisfies TransitionTable<ScheduleState>;

export interface ReportSchedule {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly reportType: ReportType;
  readonly state: ScheduleState;
  readonly scheduleFrequency: ScheduleFrequency;
  readonly nextReportCreationTime: Instant;
  readonly createdAt: Instant;
  /** Periods whose reports are due to be created, [start, end), set by fireSchedule. */
  readonly runs: readonly { readonly start: Instant; readonly end: Instant }[];
}

export const scheduleDueAt = (schedule: ReportSchedule): Instant | null =>
  schedule.state === 'Active' ? schedule.nextReportCreationTime : null;

/**
 * Every creation time the merchant's clock has passed becomes a run covering the period before it;
 * the app creates one report per run and clears them.
 */
export function fireSchedule(schedule: ReportSchedule, now: Instant): ReportSchedule {
  if (schedule.state !== 'Active' || now < schedule.nextReportCreationTime) return schedule;
  const every = SCHEDULE_FREQUENCIES[schedule.scheduleFrequency];
  const runs = [...schedule.runs];
  let next = schedule.nextReportCreationTime;
  while (next <= now) {
    runs.push({ start: next - every, end: next });
    next += every;
  }
  return { ...schedule, nextReportCreationTime: next, runs };
}

export const cancelSchedule = (schedule: ReportSchedule): ReportSchedule => ({
  ...schedule,
  state: 'Cancelled',
  runs: [],
});
