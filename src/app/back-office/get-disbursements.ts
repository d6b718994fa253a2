import {
  disbursementsOf,
  settlementsOf,
  SETTLEMENT_PERIOD,
  type Disbursement,
} from '../../domain/ledger/settlement.js';
import type { Instant } from '../../domain/shared/time.js';
import type { Unit } from '../unit-of-work.js';

export interface DisbursementQuery {
  readonly startTime: Instant;
  readonly endTime: Instant;
  readonly offset: number;
  readonly limit: number;
}

export interface DisbursementPage {
  readonly disbursements: readonly Disbursement[];
  readonly nextOffset: number | null;
}

/**
 * Get Disbursements (amazon-pay-reports/request-disbursement-details.html): the disbursements whose
 * settlement date lies in the range, oldest first. Settlements are computed from the ledger of the
 * periods ending in the range, the same rows the settlement report lists.
 */
export async function getDisbursements(
  unit: Unit,
  query: DisbursementQuery,
): Promise<DisbursementPage> {
  const entries = await unit.tx.ledger.list(unit.scope, {
    from: query.startTime - SETTLEMENT_PERIOD,
    to: query.endTime + 1,
  });
  const all = disbursementsOf(settlementsOf(entries), unit.now, {
    from: query.startTime,
    to: query.endTime,
  });
  const page = all.slice(query.offset, query.offset + query.limit);
  const next = query.offset + query.limit;
  return { disbursements: page, nextOffset: next < all.length ? next : null };
}
