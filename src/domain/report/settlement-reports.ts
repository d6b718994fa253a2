import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { isClosed, settlementsOf } from '../ledger/settlement.js';
import type { Instant } from '../shared/time.js';
import { newReport, SETTLEMENT_REPORT_TYPE, type Report } from './report.js';

/**
 * The settlement report of each closed settlement in `entries` (amazon-pay-api-v2/reports.html,
 * Enum ReportTypes: "Automatically created with each settlement. No scheduling or manual creation
 * possible"). It is created at the end of its period, when the settlement is disbursed
 * (settlement.ts), and covers exactly that settlement's entries. Its id is the SettlementId, so a
 * settlement has one report whichever sweep creates it first (docs/decisions.md).
 */
export function settlementReportsOf(entries: readonly LedgerEntry[], now: Instant): Report[] {
  return settlementsOf(entries)
    .filter((settlement) => isClosed(settlement, now))
    .map((settlement) => {
      const first = settlement.entries[0] as LedgerEntry;
      const report = newReport({
        id: settlement.settlementId,
        merchantId: first.merchantId,
        environment: first.environment,
        reportType: SETTLEMENT_REPORT_TYPE,
        startTime: settlement.period.start,
        endTime: settlement.period.end,
        now: settlement.period.end,
      });
      return { ...report, scheduled: true };
    });
}

/** The settlement a settlement report covers: its id is the SettlementId. */
export const settlementIdOfReport = (report: Report): string | null =>
  report.reportType === SETTLEMENT_REPORT_TYPE ? report.id : null;
