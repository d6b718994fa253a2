import { notFound } from '../../domain/shared/errors.js';
import type { AppDependencies } from '../ports.js';
import { OBJECT_KINDS } from './object-kinds.js';

/**
 * Which objects' timers a clock move would fire (issue 14 point 6): every aggregate whose next
 * timer falls at or before the merchant's time after the move, read from the same due index the
 * timer sweep uses (so the preview and the move cannot disagree on which objects are due).
 */
export interface DueTimer {
  readonly kind: string;
  readonly id: string;
  readonly environment: string;
}

const PREVIEW_LIMIT = 100;

export function previewClockMove(
  deps: AppDependencies,
  merchantId: string,
  byMs: number,
): Promise<{ readonly from: number; readonly to: number; readonly due: readonly DueTimer[] }> {
  return deps.store.transaction(async (tx) => {
    const merchant = await tx.merchants.find(merchantId);
    if (merchant === undefined) throw notFound('merchant', merchantId);
    const from = deps.clock.now() + merchant.clockOffsetMs;
    const to = from + byMs;
    const due: DueTimer[] = [];
    for (const kind of OBJECT_KINDS)
      for (const object of await kind.repository(tx).dueIds(merchantId, to, PREVIEW_LIMIT))
        due.push({ kind: kind.slug, id: object.id, environment: object.environment });
    return { from, to, due };
  });
}
