import { DomainError, invalidParameter } from '../shared/errors.js';
import type { Instant } from '../shared/time.js';
import {
  applyAuthorization,
  cancelCharge,
  captureCharge,
  declineCharge,
} from './charge-operations.js';
import { DECLINE_REASONS, type Charge, type DeclineReason } from './charge.js';

/**
 * Update Charge (PATCH /v2/charges/{chargeId}), for payment service providers: "update the charge
 * status of any PSP processed payment method (PPM) transactions" (Node SDK 2.3.2 CHANGES). The PSP
 * ran the payment itself and reports its outcome; the documented example is
 * `{"statusDetails":{"state":"Canceled","reasonCode":"ExpiredUnused"}}` (Node/PHP/Java READMEs).
 * The rest of the page is not public, so localpay accepts the outcomes a charge's own lifecycle
 * has, each moving the charge along CHARGE_TRANSITIONS exactly as the matching operation would.
 */
export const UPDATABLE_STATES = ['Authorized', 'Captured', 'Canceled', 'Declined'] as const;
export type UpdatableState = (typeof UPDATABLE_STATES)[number];

export const CANCEL_REASONS = ['ExpiredUnused', 'MerchantCanceled', 'BuyerCanceled'] as const;
type CancelReason = (typeof CANCEL_REASONS)[number];

export interface ChargeStatusUpdate {
  readonly state: UpdatableState;
  readonly reasonCode: string | null;
  readonly reasonDescription: string | null;
}

const oneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

function reasonFor<T extends string>(
  update: ChargeStatusUpdate,
  allowed: readonly T[],
  fallback: T | null,
): T {
  const code = update.reasonCode ?? fallback;
  if (code === null)
    throw new DomainError(
      'MissingParameterValue',
      `statusDetails.reasonCode is required for state ${update.state} (one of ${allowed.join(', ')}).`,
    );
  if (!oneOf(allowed, code))
    throw invalidParameter(
      'statusDetails.reasonCode',
      `for state ${update.state} use one of ${allowed.join(', ')}.`,
    );
  return code;
}

export function updateChargeStatus(
  charge: Charge,
  update: ChargeStatusUpdate,
  now: Instant,
): Charge {
  if (update.reasonDescription !== null && update.reasonDescription.length > 255)
    throw invalidParameter('statusDetails.reasonDescription', 'it is longer than 255 characters.');
  switch (update.state) {
    case 'Authorized':
      if (update.reasonCode !== null)
        throw invalidParameter('statusDetails.reasonCode', 'state Authorized has no reason code.');
      return applyAuthorization(charge, { kind: 'Approved', captureAsync: false }, now);
    case 'Captured':
      if (update.reasonCode !== null)
        throw invalidParameter('statusDetails.reasonCode', 'state Captured has no reason code.');
      // The PSP settled the full authorized amount (partial captures go through Capture Charge).
      return captureCharge(
        charge,
        { captureAmount: charge.chargeAmount, softDescriptor: null },
        { kind: 'Approved', captureAsync: false },
        now,
      );
    case 'Canceled': {
      const reason: CancelReason = reasonFor(update, CANCEL_REASONS, null);
      return cancelCharge(charge, reason, update.reasonDescription, now);
    }
    case 'Declined': {
      const reason: DeclineReason = reasonFor(update, DECLINE_REASONS, null);
      if (charge.state === 'Captured' || charge.state === 'Canceled' || charge.state === 'Declined')
        throw new DomainError(
          'InvalidChargeStatus',
          `The Charge ${charge.id} is ${charge.state}; a declined outcome can only be reported while it is open.`,
        );
      return declineCharge(charge, reason, now, update.reasonDescription ?? undefined);
    }
  }
}
