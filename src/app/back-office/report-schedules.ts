import { notFound, DomainError } from '../../domain/shared/errors.js';
import {
  cancelSchedule,
  type ReportSchedule,
  type ScheduleFrequency,
} from '../../domain/report/report-schedule.js';
import type { ReportType } from '../../domain/report/report.js';
import type { Instant } from '../../domain/shared/time.js';
import type { Unit } from '../unit-of-work.js';
import { loadReportSchedule } from './back-office-loaders.js';
import { assertRequestable } from './create-report.js';

export interface CreateReportScheduleInput {
  readonly reportType: ReportType;
  readonly scheduleFrequency: ScheduleFrequency;
  readonly nextReportCreationTime: Instant | null;
  readonly deleteExistingSchedule: boolean;
}

/**
 * Create Report Schedule (reports.html): "Only one schedule per report type allowed"; with
 * deleteExistingSchedule the existing one is cancelled first, else the request is refused.
 */
export async function createReportSchedule(
  unit: Unit,
  input: CreateReportScheduleInput,
): Promise<ReportSchedule> {
  assertRequestable(unit, input.reportType);
  for (const id of await unit.tx.reportSchedules.listIds(unit.scope, [input.reportType])) {
    if (!input.deleteExistingSchedule)
      throw new DomainError(
        'InvalidRequest',
        `A schedule for ${input.reportType} already exists (${id}); set deleteExistingSchedule to replace it.`,
      );
    const existing = await loadReportSchedule(unit, id);
    await unit.tx.reportSchedules.update(cancelSchedule(existing));
  }
  const schedule: ReportSchedule = {
    id: unit.random.digits(11),
    merchantId: unit.scope.merchantId,
    environment: unit.scope.environment,
    reportType: input.reportType,
    state: 'Active',
    scheduleFrequency: input.scheduleFrequency,
    nextReportCreationTime: input.nextReportCreationTime ?? unit.now,
    createdAt: unit.now,
    runs: [],
  };
  await unit.tx.reportSchedules.insert(schedule);
  return schedule;
}

export async function getReportSchedules(
  unit: Unit,
  reportTypes: readonly string[] | null,
): Promise<ReportSchedule[]> {
  const schedules: ReportSchedule[] = [];
  for (const id of await unit.tx.reportSchedules.listIds(unit.scope, reportTypes))
    schedules.push(await loadReportSchedule(unit, id));
  return schedules;
}

/** A cancelled schedule reads as gone, like a deleted one. */
export async function getReportScheduleById(unit: Unit, id: string): Promise<ReportSchedule> {
  const schedule = await loadReportSchedule(unit, id);
  if (schedule.state === 'Cancelled') throw notFound('Report Schedule', id);
  return schedule;
}

export async function cancelReportSchedule(unit: Unit, id: string): Promise<void> {
  const schedule = await getReportScheduleById(unit, id);
  await unit.tx.reportSchedules.update(cancelSchedule(schedule));
}
