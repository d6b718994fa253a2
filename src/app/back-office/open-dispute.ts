import type { OpenDisputeInput } from '../../domain/dispute/dispute-operations.js';
import type { Dispute } from '../../domain/dispute/dispute.js';
import { loadCharge } from '../load-aggregates.js';
import { notFound } from '../../domain/shared/errors.js';
import type { AppDependencies } from '../ports.js';
import { inMerchantUnit, type Unit } from '../unit-of-work.js';
import { openDisputeOn } from './dispute-opening.js';

export interface OpenDisputeRequest extends Omit<OpenDisputeInput, 'id'> {
  readonly chargeId: string;
}

/**
 * A buyer's chargeback on a captured charge: opened by the admin API or CLI (Amazon-managed), or
 * by a payment service provider's Create Dispute. It is notified and debited at once.
 */
export async function openDispute(unit: Unit, request: OpenDisputeRequest): Promise<Dispute> {
  const charge = await loadCharge(unit, request.chargeId);
  const { chargeId: _chargeId, ...input } = request;
  return openDisputeOn(unit, charge, input);
}

/** Admin API and CLI: the charge's own id says whose it is. */
export async function openDisputeAsAdmin(
  deps: AppDependencies,
  request: OpenDisputeRequest,
): Promise<Dispute> {
  const scope = await deps.store.transaction((tx) => tx.charges.scopeOf(request.chargeId));
  if (scope === undefined) throw notFound('Charge', request.chargeId);
  return inMerchantUnit(deps, scope, (unit) => openDispute(unit, request));
}
