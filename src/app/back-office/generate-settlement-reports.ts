import { periodOf } from '../../domain/ledger/settlement.js';
import type { Merchant } from '../../domain/merchant/merchant.js';
import { SETTLEMENT_REPORT_TYPE } from '../../domain/report/report.js';
import { settlementReportsOf } from '../../domain/report/settlement-reports.js';
import { RELEASE_ENVIRONMENTS } from '../../domain/shared/environment.js';
import { UniqueViolation, type AppDependencies } from '../ports.js';
import { unitFor } from '../unit-of-work.js';

/**
 * Creates the settlement report of every settlement that closed since the newest one (reports.html:
 * "Automatically created with each settlement"), in the timer sweep (run-due-timers.ts), so moving
 * a merchant's clock past a period's end makes its report appear, and the report timers then
 * process it like a requested one. The newest settlement report is the cursor: only the ledger
 * after its period is read. Answers how many reports it created.
 */
export async function generateSettlementReports(
  deps: AppDependencies,
  merchant: Merchant,
): Promise<number> {
  let created = 0;
  for (const environment of RELEASE_ENVIRONMENTS) {
    try {
      created += await deps.store.transaction(async (tx) => {
        const unit = unitFor(deps, tx, merchant, { merchantId: merchant.merchantId, environment });
        const [newestId] = await tx.reports.listIds(unit.scope, {
          reportTypes: [SETTLEMENT_REPORT_TYPE],
          processingStatuses: null,
          createdSince: null,
          createdUntil: null,
          offset: 0,
          limit: 1,
        });
        const newest =
          newestId === undefined ? undefined : await tx.reports.find(unit.scope, newestId);
        const from = newest?.endTime ?? 0;
        const to = periodOf(unit.now).start;
        if (to <= from) return 0;
        const entries = await tx.ledger.list(unit.scope, { from, to });
        let inserted = 0;
        for (const report of settlementReportsOf(entries, unit.now)) {
          if ((await tx.reports.find(unit.scope, report.id)) !== undefined) continue;
          await tx.reports.insert(report);
          inserted += 1;
        }
        return inserted;
      });
    } catch (error) {
      // Another worker's sweep created the same settlement's report first: it exists, as wanted.
      if (!(error instanceof UniqueViolation)) throw error;
    }
  }
  return created;
}
