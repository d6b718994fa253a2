import type { Report } from '../../domain/report/report.js';
import type { Unit } from '../unit-of-work.js';
import type { ReportFilter } from './back-office-ports.js';
import { loadReport } from './back-office-loaders.js';

export interface ReportPage {
  readonly reports: readonly Report[];
  /** Offset of the next page, or null on the last one. */
  readonly nextOffset: number | null;
}

/**
 * Get Reports (reports.html): newest first, filtered by type, status and creation time. Each is
 * loaded (and so settled on the merchant clock) before the status filter is applied again, so a
 * report that moved on since it was stored is listed as it is now.
 */
export async function getReports(unit: Unit, filter: ReportFilter): Promise<ReportPage> {
  const ids = await unit.tx.reports.listIds(unit.scope, {
    ...filter,
    processingStatuses: null,
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
  });
  const all: Report[] = [];
  for (const id of ids) all.push(await loadReport(unit, id));
  const wanted = filter.processingStatuses;
  const matching =
    wanted === null || wanted.length === 0 ? all : all.filter((r) => wanted.includes(r.state));
  const page = matching.slice(filter.offset, filter.offset + filter.limit);
  const next = filter.offset + filter.limit;
  return { reports: page, nextOffset: next < matching.length ? next : null };
}

export const getReportById = loadReport;
