import {
  openDispute as openDomainDispute,
  type OpenDisputeInput,
} from '../../domain/dispute/dispute-operations.js';
import { disputeIdOf, type Dispute } from '../../domain/dispute/dispute.js';
import type { Charge } from '../../domain/charge/charge.js';
import type { Unit } from '../unit-of-work.js';
import { disputeChanged } from './dispute-effects.js';

/**
 * A buyer's chargeback on a loaded, captured charge: the one operation behind the admin API, the
 * CLI, a payment service provider's Create Dispute (open-dispute.ts) and the `DisputeOpened`
 * capture simulation (load-aggregates.ts). It is notified and debited at once.
 */
export async function openDisputeOn(
  unit: Unit,
  charge: Charge,
  input: Omit<OpenDisputeInput, 'id'>,
): Promise<Dispute> {
  const dispute = openDomainDispute(
    charge,
    { ...input, id: disputeIdOf(charge.id, unit.random.digits(6)) },
    unit.now,
  );
  await unit.tx.disputes.insert(dispute);
  await disputeChanged(unit, null, dispute);
  return dispute;
}

/**
 * The `DisputeOpened` simulation's timer fired (charge-operations.ts settles it): the dispute the
 * admin path would open with its defaults — the captured amount, `Fraudulent`, decided by Amazon Pay.
 */
export async function openSimulatedDispute(
  unit: Unit,
  before: Charge,
  after: Charge,
): Promise<void> {
  const fired = typeof before.simulatedDisputeAt === 'number' && after.simulatedDisputeAt === null;
  if (!fired || after.state !== 'Captured') return;
  await openDisputeOn(unit, after, {
    amount: null,
    filingReason: 'Fraudulent',
    resolutionAuthority: 'AmazonPay',
    providerDisputeId: null,
  });
}
