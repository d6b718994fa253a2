import { notFound } from '../domain/shared/errors.js';
import type { AggregateRepository, AppDependencies, Transaction } from './ports.js';
import { inMerchantUnit, type Unit } from './unit-of-work.js';

/**
 * Buyer-facing pages arrive with an object id and no merchant credentials: find whose object it
 * is, then work in that merchant's scope exactly as an API call would.
 */
export async function inObjectScope<T>(
  deps: AppDependencies,
  repository: (tx: Transaction) => AggregateRepository<unknown>,
  objectName: string,
  id: string,
  work: (unit: Unit) => Promise<T>,
): Promise<T> {
  const scope = await deps.store.transaction((tx) => repository(tx).scopeOf(id));
  if (scope === undefined) throw notFound(objectName, id);
  return inMerchantUnit(deps, scope, work);
}
