import type { ChargePermission } from '../charge-permission/charge-permission.js';
import type { ScaDecision } from '../sca/sca-policy.js';
import { DomainError, invalidParameter } from '../shared/errors.js';
import { assertTransition } from '../shared/lifecycle.js';
import { EMPTY_MERCHANT_METADATA, type MerchantMetadata } from '../shared/merchant-metadata.js';
import { add, zero, type Money } from '../shared/money.js';
import { DAY, HOUR, SECOND, type Instant } from '../shared/time.js';
import { withAdded } from '../shared/with-added.js';
import {
  CHALLENGE_WINDOW,
  SIMULATED_DISPUTE_DELAY,
  type AuthorizationOutcome,
  type Channel,
  type Charge,
  type ChargeInitiator,
  type ChargeReasonCode,
  type ChargeState,
  type DeclineReason,
} from './charge.js';
import { CHARGE_TRANSITIONS } from './charge-lifecycle.js';

/** Authorizations lapse 30 days after creation (spec §7.1). */
export const AUTHORIZATION_LIFETIME = 30 * DAY;
/** Pending sandbox authorizations resolve after 30 seconds (spec §9.1). */
export const PENDING_AUTHORIZATION_DELAY = 30 * SECOND;
/** Captures more than 7 days after authorization complete asynchronously (spec §7.1). */
export const SYNCHRONOUS_CAPTURE_WINDOW = 7 * DAY;
/** How long an asynchronous capture takes to complete in localpay. */
export const ASYNCHRONOUS_CAPTURE_DELAY = HOUR;

const DECLINE_DESCRIPTIONS = {
  SoftDeclined: 'The payment was declined; a retry may succeed.',
  HardDeclined: 'The payment was declined; the buyer must update the payment method.',
  AmazonRejected: 'Amazon Pay rejected the payment.',
  ProcessingFailure:
    'Amazon Pay could not process the payment; retry if the Charge Permission is Chargeable.',
  TransactionTimedOut: 'The payment could not be authorized in time.',
} as const satisfies Record<DeclineReason, string>;

export const declineDescription = (reason: DeclineReason): string => DECLINE_DESCRIPTIONS[reason];

export interface NewChargeInput {
  readonly id: string;
  readonly chargeAmount: Money;
  readonly captureNow: boolean;
  readonly softDescriptor: string | null;
  readonly canHandlePendingAuthorization: boolean;
  readonly merchantMetadata?: MerchantMetadata | undefined;
  readonly providerReferenceId?: string | null | undefined;
  readonly platformId?: string | null | undefined;
  readonly chargeInitiator?: ChargeInitiator | null | undefined;
  readonly channel?: Channel | null | undefined;
  readonly checkoutResultReturnUrl?: string | null | undefined;
  readonly scaDecision?: ScaDecision | null | undefined;
}

/** softDescriptor: at most 16 characters, and only when capturing at once (seed 004). */
export function checkSoftDescriptor(
  softDescriptor: string | null,
  captureNow: boolean,
  field = 'softDescriptor',
): void {
  if (softDescriptor === null) return;
  if (softDescriptor.length > 16) throw invalidParameter(field, 'it is longer than 16 characters.');
  if (!captureNow)
    throw new DomainError(
      'InvalidParameterCombination',
      `${field} can only be used when captureNow is true.`,
    );
}

/** The fields every new charge starts with; the state is set by what happens next. */
function base(
  permission: ChargePermission,
  input: NewChargeInput,
  state: ChargeState,
  now: Instant,
): Charge {
  return {
    id: input.id,
    chargePermissionId: permission.id,
    merchantId: permission.merchantId,
    environment: permission.environment,
    region: permission.region,
    chargeAmount: input.chargeAmount,
    captureAmount: null,
    refundedAmount: null,
    softDescriptor: input.softDescriptor,
    captureNow: input.captureNow,
    canHandlePendingAuthorization: input.canHandlePendingAuthorization,
    merchantMetadata: input.merchantMetadata ?? EMPTY_MERCHANT_METADATA,
    providerReferenceId: input.providerReferenceId ?? null,
    platformId: input.platformId ?? null,
    chargeInitiator: input.chargeInitiator ?? null,
    channel: input.channel ?? null,
    webCheckoutDetails:
      input.checkoutResultReturnUrl == null
        ? null
        : { checkoutResultReturnUrl: input.checkoutResultReturnUrl, checkoutSessionId: null },
    state,
    reasonCode: null,
    reasonDescription: null,
    lastUpdatedAt: now,
    createdAt: now,
    expiresAt: now + AUTHORIZATION_LIFETIME,
    authorizedAt: null,
    pending: null,
    afterChallenge: null,
    scaDecision: input.scaDecision ?? null,
  };
}

function move(
  charge: Charge,
  to: ChargeState,
  now: Instant,
  changes: Partial<Charge> = {},
): Charge {
  assertTransition(
    CHARGE_TRANSITIONS,
    'Charge',
    charge.id,
    charge.state,
    to,
    'InvalidChargeStatus',
  );
  return {
    ...charge,
    reasonCode: null,
    reasonDescription: null,
    ...changes,
    state: to,
    lastUpdatedAt: now,
  };
}

/** The authorization succeeded: Authorized, or Captured at once with captureNow (spec §8.9). */
function approve(charge: Charge, captureAsync: boolean, now: Instant): Charge {
  // A charge that waited on a challenge showed the 24-hour window; authorized, it lapses 30 days
  // after creation like any other.
  const authorized = {
    authorizedAt: now,
    pending: null,
    afterChallenge: null,
    expiresAt: charge.createdAt + AUTHORIZATION_LIFETIME,
  };
  if (!charge.captureNow) return move(charge, 'Authorized', now, authorized);
  if (captureAsync)
    return move(charge, 'CaptureInitiated', now, {
      ...authorized,
      pending: { at: now + ASYNCHRONOUS_CAPTURE_DELAY, resolution: 'Succeeded' },
    });
  return move(
    charge,
    'Captured',
    now,
    withAdded(authorized, {
      captureAmount: charge.chargeAmount,
      refundedAmount: zero(charge.chargeAmount.currency),
    }),
  );
}

/** Applies an authorization outcome to a charge that is waiting for one. */
export function applyAuthorization(
  charge: Charge,
  outcome: AuthorizationOutcome,
  now: Instant,
): Charge {
  // Only a charge still in authorization takes an outcome; captures have their own path.
  if (charge.state !== 'ActionRequired' && charge.state !== 'AuthorizationInitiated')
    throw new DomainError(
      'InvalidChargeStatus',
      `The Charge ${charge.id} is ${charge.state}; it is not waiting for an authorization.`,
    );
  switch (outcome.kind) {
    case 'Approved':
      return approve(charge, outcome.captureAsync, now);
    case 'Declined':
      return declineCharge(charge, outcome.reason, now);
    case 'Pending':
      return move(charge, 'AuthorizationInitiated', now, {
        pending: { at: now + PENDING_AUTHORIZATION_DELAY, resolution: outcome.resolution },
        afterChallenge: null,
      });
  }
}

/** Creates a charge and applies its authorization outcome at once (no challenge needed). */
export function authorizeNewCharge(
  permission: ChargePermission,
  input: NewChargeInput,
  outcome: AuthorizationOutcome,
  now: Instant,
): Charge {
  // A charge is born "in authorization"; ActionRequired is the one state every outcome leaves from.
  const fresh = base(permission, input, 'ActionRequired', now);
  return applyAuthorization(fresh, outcome, now);
}

/** A charge that waits for its buyer's MFA challenge (seed 004: 202, ActionRequired/BuyerActionRequired). */
export function chargeAwaitingChallenge(
  permission: ChargePermission,
  input: NewChargeInput,
  afterChallenge: AuthorizationOutcome,
  checkoutSessionId: string,
  now: Instant,
): Charge {
  const charge = base(permission, input, 'ActionRequired', now);
  return {
    ...charge,
    reasonCode: 'BuyerActionRequired',
    reasonDescription: 'Charge requires buyer action to proceed.',
    // Seed 004's 202 example: expirationTimestamp is creation + 24 hours, when it is canceled.
    expiresAt: now + CHALLENGE_WINDOW,
    webCheckoutDetails: {
      checkoutResultReturnUrl: input.checkoutResultReturnUrl ?? null,
      checkoutSessionId,
    },
    afterChallenge,
  };
}

/** The authorization (or capture) was declined. */
export function declineCharge(
  charge: Charge,
  reason: DeclineReason | 'HardDeclined',
  now: Instant,
  description?: string,
): Charge {
  return move(charge, 'Declined', now, {
    reasonCode: reason,
    reasonDescription: description ?? declineDescription(reason),
    pending: null,
    afterChallenge: null,
  });
}

/** A successful authorization kept by compatibility with the checkout completion path. */
export function authorizedCharge(
  permission: ChargePermission,
  input: NewChargeInput,
  now: Instant,
): Charge {
  return authorizeNewCharge(permission, input, { kind: 'Approved', captureAsync: false }, now);
}

export interface CaptureInput {
  readonly captureAmount: Money;
  readonly softDescriptor: string | null;
}

/**
 * Capture Charge (spec §8.11): only from Authorized, at most the authorized amount, in its
 * currency. More than 7 days after authorization the capture completes asynchronously.
 */
export function captureCharge(
  charge: Charge,
  input: CaptureInput,
  outcome: AuthorizationOutcome,
  now: Instant,
): Charge {
  if (charge.state !== 'Authorized')
    throw new DomainError(
      'InvalidChargeStatus',
      `The Charge ${charge.id} is ${charge.state}; only Authorized charges can be captured.`,
    );
  if (input.captureAmount.currency !== charge.chargeAmount.currency)
    throw new DomainError(
      'CurrencyMismatch',
      `captureAmount must be in ${charge.chargeAmount.currency}, the charge's currency.`,
    );
  if (input.captureAmount.minor <= 0)
    throw invalidParameter('captureAmount.amount', 'it must be greater than zero.');
  if (input.captureAmount.minor > charge.chargeAmount.minor)
    throw new DomainError(
      'TransactionAmountExceeded',
      'captureAmount is larger than the authorized chargeAmount.',
    );
  if (input.softDescriptor !== null && input.softDescriptor.length > 16)
    throw invalidParameter('softDescriptor', 'it is longer than 16 characters.');
  const captured = {
    captureAmount: input.captureAmount,
    softDescriptor: input.softDescriptor ?? charge.softDescriptor,
  };
  switch (outcome.kind) {
    case 'Declined':
      return declineCharge({ ...charge, ...captured }, outcome.reason, now);
    case 'Pending':
      return move(
        charge,
        'CaptureInitiated',
        now,
        withAdded(captured, {
          pending: { at: now + PENDING_AUTHORIZATION_DELAY, resolution: outcome.resolution },
        }),
      );
    case 'Approved': {
      const late =
        charge.authorizedAt !== null && now - charge.authorizedAt > SYNCHRONOUS_CAPTURE_WINDOW;
      if (late || outcome.captureAsync)
        return move(
          charge,
          'CaptureInitiated',
          now,
          withAdded(captured, {
            pending: { at: now + ASYNCHRONOUS_CAPTURE_DELAY, resolution: 'Succeeded' },
          }),
        );
      return move(
        charge,
        'Captured',
        now,
        withAdded(captured, { refundedAmount: zero(charge.chargeAmount.currency) }),
      );
    }
  }
}

/**
 * The timers of a charge (spec §7.1, §10.1, seed 004): a challenge not completed within 24 h is
 * canceled; a pending authorization or capture resolves; an authorization lapses after 30 days.
 */
export function settleChargeTimers(charge: Charge, now: Instant): Charge {
  // One timer can lead to the next (a pending authorization resolves, then lapses 30 days later):
  // apply them until none is due.
  let current = charge;
  for (;;) {
    const next = settleOneTimer(current, now);
    if (next === current) return current;
    current = next;
  }
}

function settleOneTimer(charge: Charge, now: Instant): Charge {
  switch (charge.state) {
    case 'Captured': {
      // The DisputeOpened simulation fires: the app opens the dispute (open-dispute.ts).
      const at = charge.simulatedDisputeAt;
      if (at === undefined || at === null || now < at) return charge;
      return { ...charge, simulatedDisputeAt: null };
    }
    case 'ActionRequired': {
      const deadline = charge.createdAt + CHALLENGE_WINDOW;
      if (now < deadline) return charge;
      return move(charge, 'Canceled', deadline, {
        reasonCode: 'ExpiredUnused',
        reasonDescription:
          'The buyer challenge was not completed with Complete Checkout Session within 24 hours.',
        afterChallenge: null,
      });
    }
    case 'AuthorizationInitiated': {
      const pending = charge.pending;
      if (pending === null || now < pending.at) return charge;
      if (pending.resolution === 'Succeeded') return approve(charge, false, pending.at);
      return declineCharge(charge, pending.resolution, pending.at);
    }
    case 'CaptureInitiated': {
      const pending = charge.pending;
      if (pending === null || now < pending.at) return charge;
      if (pending.resolution !== 'Succeeded')
        return declineCharge(charge, pending.resolution, pending.at);
      return move(charge, 'Captured', pending.at, {
        pending: null,
        captureAmount: charge.captureAmount ?? charge.chargeAmount,
        refundedAmount: zero(charge.chargeAmount.currency),
      });
    }
    case 'Authorized':
      if (now < charge.expiresAt) return charge;
      return move(charge, 'Canceled', charge.expiresAt, {
        reasonCode: 'ExpiredUnused',
        reasonDescription: 'The authorization expired unused after 30 days.',
      });
    case 'Canceled':
    case 'Declined':
      return charge;
  }
}

/**
 * The `DisputeOpened` capture simulation: a capture that succeeds (now or once CaptureInitiated
 * resolves) gets its dispute SIMULATED_DISPUTE_DELAY after it is Captured; a declined one none.
 */
export function scheduleSimulatedDispute(charge: Charge): Charge {
  if (charge.state === 'Captured')
    return { ...charge, simulatedDisputeAt: charge.lastUpdatedAt + SIMULATED_DISPUTE_DELAY };
  if (charge.state === 'CaptureInitiated' && charge.pending !== null)
    return { ...charge, simulatedDisputeAt: charge.pending.at + SIMULATED_DISPUTE_DELAY };
  return charge;
}

/** Kept for the loaders: every timer of a charge. */
export const expireCharge = settleChargeTimers;

/** Which cancellations a charge can still take (spec §8.12: until capture is initiated). */
export const isCancelable = (charge: Charge): boolean =>
  charge.state === 'ActionRequired' ||
  charge.state === 'AuthorizationInitiated' ||
  charge.state === 'Authorized';

export function cancelCharge(
  charge: Charge,
  reasonCode: Extract<
    ChargeReasonCode,
    // ExpiredUnused: a payment service provider reports a lapsed authorization (Update Charge).
    | 'MerchantCanceled'
    | 'ChargePermissionCanceled'
    | 'BuyerCanceled'
    | 'AmazonCanceled'
    | 'ExpiredUnused'
  >,
  reasonDescription: string | null,
  now: Instant,
): Charge {
  if (!isCancelable(charge))
    throw new DomainError(
      'InvalidChargeStatus',
      `The Charge ${charge.id} is ${charge.state}; only ActionRequired, AuthorizationInitiated or Authorized charges can be canceled.`,
    );
  return move(charge, 'Canceled', now, {
    reasonCode,
    reasonDescription,
    pending: null,
    afterChallenge: null,
  });
}

/** A refund of this charge completed: the refunded total grows (spec §8.14). */
export function recordRefunded(charge: Charge, amount: Money, now: Instant): Charge {
  const refunded = charge.refundedAmount ?? zero(charge.chargeAmount.currency);
  return { ...charge, refundedAmount: add(refunded, amount), lastUpdatedAt: now };
}
