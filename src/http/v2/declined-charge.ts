import type { WireOutcome } from '../../app/idempotent-write.js';
import type { Charge } from '../../domain/charge/charge.js';
import { errorBody, V2_STATUS } from './error-status.js';

/**
 * A decline is committed (the charge exists, Declined) and answered with its reason code (seed 004:
 * "check the request response reasonCode"): Create Charge and In-Store Charge alike.
 */
export function declinedCharge(charge: Charge): WireOutcome {
  const code = (charge.reasonCode ?? 'SoftDeclined') as keyof typeof V2_STATUS;
  return {
    statusCode: V2_STATUS[code],
    body: errorBody(code, charge.reasonDescription ?? 'The charge was declined.'),
  };
}
