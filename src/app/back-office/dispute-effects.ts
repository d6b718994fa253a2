import type { Dispute } from '../../domain/dispute/dispute.js';
import type { Unit } from '../unit-of-work.js';
import { postDispute } from './ledger-posting.js';

/**
 * Everything that follows a dispute's change, in its transaction: the chargeback IPN
 * (ObjectType CHARGEBACK, ObjectId the dispute id, amazon-pay-checkout/manage-disputes.html) on
 * every state change, and the ledger lines.
 */
export async function disputeChanged(
  unit: Unit,
  before: Dispute | null,
  after: Dispute,
): Promise<void> {
  if (before === null || before.state !== after.state)
    await unit.tx.outbox.add({
      id: unit.random.timeOrderedUuid(),
      merchantId: unit.scope.merchantId,
      environment: unit.scope.environment,
      objectType: 'CHARGEBACK',
      objectId: after.id,
      chargePermissionId: after.chargePermissionId,
      notificationType: 'STATE_CHANGE',
      createdAt: unit.now,
    });
  await postDispute(unit, before, after);
}
