import { decideV1Capture } from '../../domain/v1-payments/authorization-decision.js';
import {
  authorizationCaptured,
  newCapture,
} from '../../domain/v1-payments/v1-payments-operations.js';
import { childId, type V1Authorization } from '../../domain/v1-payments/v1-payments.js';
import type { Unit } from '../unit-of-work.js';
import { captureMoved } from './v1-loaders.js';
import { authorizationChanged } from './v1-notifications.js';
import { fingerprintOf } from './v1-references.js';

/**
 * CaptureNow (spec v1 §2.8): a successful authorization is captured in full at once and returned
 * Closed/MaxCapturesProcessed with the capture id in its IdList.
 */
export async function captureOnAuthorization(unit: Unit, auth: V1Authorization): Promise<void> {
  const current = (await unit.tx.v1Authorizations.find(unit.scope, auth.id)) ?? auth;
  if (current.state !== 'Open') return;
  const capture = newCapture(
    current,
    {
      id: childId(current.orderReferenceId, 'C', unit.random.digits(6)),
      referenceId: current.referenceId,
      fingerprint: fingerprintOf({ captureNow: current.id }),
      amount: current.amount,
      sellerNote: null,
      softDescriptor: current.softDescriptor,
    },
    decideV1Capture(null),
    unit.now,
  );
  await unit.tx.v1Captures.insert(capture);
  const closed = authorizationCaptured(current, capture, unit.now);
  await unit.tx.v1Authorizations.update(closed);
  await authorizationChanged(unit, current, closed);
  await captureMoved(unit, null, capture);
}
