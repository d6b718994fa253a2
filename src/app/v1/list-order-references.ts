import type {
  OrderReference,
  OrderReferenceState,
} from '../../domain/order-reference/order-reference.js';
import type { Region } from '../../domain/shared/environment.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import { DAY, type Instant } from '../../domain/shared/time.js';
import type { Unit } from '../unit-of-work.js';
import { loadOrderReference } from './v1-loaders.js';

/** PaymentDomain per region (spec v1 §1.1: NA_USD, EU_EUR, EU_GBP, FE_JPY). */
export const PAYMENT_DOMAINS = {
  NA: 'NA_USD',
  EU: 'EU_EUR',
  UK: 'EU_GBP',
  JP: 'FE_JPY',
} as const satisfies Record<Region, string>;

/** "CreatedTimeRange … ≤ 31 days" (spec v1 §2.6, PHP doc comment). */
export const MAX_CREATED_RANGE = 31 * DAY;

export interface OrderReferenceQuery {
  readonly sellerOrderId: string;
  readonly paymentDomain: string;
  readonly from: Instant | null;
  readonly to: Instant | null;
  readonly statuses: readonly OrderReferenceState[] | null;
  readonly sortOrder: 'Ascending' | 'Descending';
  readonly pageSize: number;
  readonly offset: number;
}

export interface OrderReferencePage {
  readonly orderReferences: readonly OrderReference[];
  readonly nextOffset: number | null;
}

/**
 * ListOrderReference (spec v1 §2.6): the order references whose SellerOrderId is the QueryId, in
 * the payment domain of the merchant, created in the range and in the listed states. Each is loaded
 * (so its timers fire on the merchant clock) before the state filter applies.
 */
export async function listOrderReferences(
  unit: Unit,
  query: OrderReferenceQuery,
): Promise<OrderReferencePage> {
  if (query.paymentDomain !== PAYMENT_DOMAINS[unit.merchant.region])
    throw invalidParameter(
      'PaymentDomain',
      `this seller's payment domain is ${PAYMENT_DOMAINS[unit.merchant.region]}.`,
    );
  const from = query.from ?? 0;
  const to = query.to ?? unit.now + 1;
  if (to <= from)
    throw invalidParameter('CreatedTimeRange.EndTime', 'it must be later than StartTime.');
  if (query.from !== null && to - from > MAX_CREATED_RANGE)
    throw invalidParameter('CreatedTimeRange', 'the range may span at most 31 days.');
  const matching: OrderReference[] = [];
  for (const id of await unit.tx.orderReferenceListing.listIds(
    unit.scope,
    { from, to },
    query.sortOrder,
  )) {
    const oro = await loadOrderReference(unit, id);
    if (oro.sellerOrderAttributes.sellerOrderId !== query.sellerOrderId) continue;
    if (query.statuses !== null && !query.statuses.includes(oro.state)) continue;
    matching.push(oro);
  }
  const next = query.offset + query.pageSize;
  return {
    orderReferences: matching.slice(query.offset, next),
    nextOffset: next < matching.length ? next : null,
  };
}
