import { periodOf } from '../../domain/ledger/settlement.js';
import type { Merchant } from '../../domain/merchant/merchant.js';
import { SETTLEMENT_REPORT_TYPE, type Report } from '../../domain/report/report.js';
import { settlementReportsOf } from '../../domain/report/settlement-reports.js';
import { RELEASE_ENVIRONMENTS } from '../../domain/shared/environment.js';
import type { Instant } from '../../domain/shared/time.js';
import { UniqueViolation, type AppDependencies, type Scope, type Transaction } from '../ports.js';
import { unitFor } from '../unit-of-work.js';
import type { LedgerPosition, TimeRange } from './back-office-ports.js';

/** Ledger entries read per statement when looking for closed settlements. */
export const LEDGER_PAGE = 1_000;

/**
 * The settlement reports of the settlements in `range`, read LEDGER_PAGE entries at a time. With no
 * settlement report yet (a new store, or one filled by an import) the range is the whole history:
 * read at once, a year of a busy merchant's ledger was hundreds of MiB of rows and parsed entries
 * in one synchronous call, the restarted server's peak RSS (bench/README.md, "Flat with size").
 * A report depends only on its settlement's period and currency, so each page's reports are kept,
 * by id, and its entries let go.
 */
async function closedSettlementReports(
  tx: Transaction,
  scope: Scope,
  range: TimeRange,
  now: Instant,
): Promise<Report[]> {
  const reports = new Map<string, Report>();
  for (let after: LedgerPosition | null = null; ;) {
    const page = await tx.ledger.page(scope, range, after, LEDGER_PAGE);
    for (const report of settlementReportsOf(page, now))
      if (!reports.has(report.id)) reports.set(report.id, report);
    const last = page.at(-1);
    if (page.length < LEDGER_PAGE || last === undefined) return [...reports.values()];
    after = { postedAt: last.postedAt, id: last.id };
  }
}

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
        let inserted = 0;
        for (const report of await closedSettlementReports(
          tx,
          unit.scope,
          { from, to },
          unit.now,
        )) {
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
