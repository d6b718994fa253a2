import { acknowledgeReport, cancelQueuedReport, type Report } from '../../domain/report/report.js';
import type { Unit } from '../unit-of-work.js';
import { loadReport } from './back-office-loaders.js';

/**
 * What the MWS Reports section (2009-01-01) can do to reports beyond the v2 operations: cancel
 * queued requests (CancelReportRequests) and mark reports received (UpdateReportAcknowledgements).
 * Both act on the same stored reports the v2 API creates and lists.
 */
export async function cancelReports(unit: Unit, ids: readonly string[]): Promise<Report[]> {
  const cancelled: Report[] = [];
  for (const id of ids) {
    const next = cancelQueuedReport(await loadReport(unit, id));
    if (next === null) continue;
    await unit.tx.reports.update(next);
    cancelled.push(next);
  }
  return cancelled;
}

export async function acknowledgeReports(
  unit: Unit,
  ids: readonly string[],
  acknowledged: boolean,
): Promise<Report[]> {
  const updated: Report[] = [];
  for (const id of ids) {
    const next = acknowledgeReport(await loadReport(unit, id), acknowledged, unit.now);
    await unit.tx.reports.update(next);
    updated.push(next);
  }
  return updated;
}
