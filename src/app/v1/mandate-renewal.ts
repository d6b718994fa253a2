import {
  mandateLapsed,
  renewalSearchStart,
} from '../../domain/billing-agreement/mandate-renewal.js';
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import type { Unit } from '../unit-of-work.js';

/**
 * Has the buyer's authentication of the agreement's mandate lapsed on the merchant's clock
 * (seed 000's 30-day rule, domain/billing-agreement/mandate-renewal.ts)?
 */
export async function billingAgreementMandateLapsed(
  unit: Unit,
  ba: BillingAgreement,
): Promise<boolean> {
  const from = renewalSearchStart(ba);
  if (from === null) return false;
  const authorizations = await unit.tx.v1Authorizations.listByBillingAgreement(unit.scope, ba.id, {
    from,
    to: unit.now + 1,
  });
  return mandateLapsed(ba, authorizations, unit.now);
}
