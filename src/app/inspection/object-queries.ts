import type { Merchant } from '../../domain/merchant/merchant.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { notFound } from '../../domain/shared/errors.js';
import { loadWith } from '../load-aggregates.js';
import type { AppDependencies } from '../ports.js';
import { inMerchantUnit } from '../unit-of-work.js';
import type { ObjectListFilter, StateTransition } from './inspection-ports.js';
import { OBJECT_KINDS, REFERENCE_FIELDS, type ObjectKind } from './object-kinds.js';
import { explain, type Explanation } from './why.js';

/**
 * The console's object queries (issue 14 point 2), read through the same repositories and loaders
 * as the API: an object page fires the object's due timers first, exactly like a GET.
 */
export interface RelatedObject {
  readonly kind: string;
  readonly id: string;
  /** The field that names it, or "child" for objects whose document names this one. */
  readonly via: string;
}

export interface InspectedObject {
  readonly kind: ObjectKind;
  readonly merchant: Merchant;
  readonly environment: ReleaseEnvironment;
  readonly object: unknown;
  readonly related: readonly RelatedObject[];
  readonly timeline: readonly StateTransition[];
  readonly why: Explanation;
}

export const listObjects = (
  deps: AppDependencies,
  kind: ObjectKind,
  filter: ObjectListFilter,
): Promise<unknown[]> => deps.store.transaction((tx) => kind.repository(tx).list(filter));

/** How many objects of each kind a merchant has (capped at `cap`), for the merchant page. */
export async function countObjects(
  deps: AppDependencies,
  merchantId: string,
  cap: number,
): Promise<Map<string, number>> {
  return deps.store.transaction(async (tx) => {
    const counts = new Map<string, number>();
    for (const kind of OBJECT_KINDS)
      counts.set(kind.slug, (await kind.repository(tx).list({ merchantId, limit: cap })).length);
    return counts;
  });
}

export async function inspectObject(
  deps: AppDependencies,
  kind: ObjectKind,
  id: string,
): Promise<InspectedObject> {
  const scope = await deps.store.transaction((tx) => kind.repository(tx).scopeOf(id));
  if (scope === undefined) throw notFound(kind.label, id);
  return inMerchantUnit(deps, scope, async (unit) => {
    const object = await loadWith(kind.loader, unit, id);
    const related: RelatedObject[] = [];
    for (const [field, value] of Object.entries(object as Record<string, unknown>)) {
      const target = REFERENCE_FIELDS.get(field);
      if (target !== undefined && typeof value === 'string' && value !== id)
        related.push({ kind: target, id: value, via: field });
    }
    // Children (a permission's charges, a charge's refunds, an order's authorizations) name this
    // id in their documents; the listing's search finds them.
    for (const other of OBJECT_KINDS) {
      if (other === kind) continue;
      const children = await other.repository(unit.tx).list({
        merchantId: scope.merchantId,
        environment: scope.environment,
        search: id,
        limit: 50,
      });
      for (const child of children) {
        const childId = (child as { id: string }).id;
        if (!related.some((r) => r.id === childId))
          related.push({ kind: other.slug, id: childId, via: 'child' });
      }
    }
    return {
      kind,
      merchant: unit.merchant,
      environment: scope.environment,
      object,
      related,
      timeline: await unit.tx.inspection.transitionsOf(id),
      why: await explain(unit, kind.slug, object),
    };
  });
}
