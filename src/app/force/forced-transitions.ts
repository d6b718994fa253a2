import { DECLINE_REASONS, type Charge, type DeclineReason } from '../../domain/charge/charge.js';
import {
  closeBillingAgreement,
  suspendBillingAgreement,
} from '../../domain/billing-agreement/billing-agreement-operations.js';
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import type { ChargePermission } from '../../domain/charge-permission/charge-permission.js';
import type { CheckoutSession } from '../../domain/checkout-session/checkout-session.js';
import { closeOrderReference } from '../../domain/order-reference/order-reference-operations.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import type { ErrorCode } from '../../domain/shared/errors.js';
import { V1_DECLINE_OF } from '../../domain/v1-payments/authorization-decision.js';
import {
  AUTHORIZATION_DECLINE_REASONS,
  type AuthorizationDeclineReason,
  type AuthorizationFinal,
  type CaptureFinal,
  type V1Authorization,
  type V1Capture,
} from '../../domain/v1-payments/v1-payments.js';
import { openDispute } from '../back-office/open-dispute.js';
import { closeChargePermission } from '../charge-permission-operations.js';
import { chargePermissions, charges, checkoutSessions, type Loader } from '../load-aggregates.js';
import type { Unit } from '../unit-of-work.js';
import {
  billingAgreements,
  orderReferences,
  saveBillingAgreement,
  saveOrderReference,
  v1Authorizations,
  v1Captures,
} from '../v1/v1-loaders.js';

/**
 * The states an operator may force an object into (issue 14 point 6), per kind of object, from the
 * state it is in. Each force runs the code the natural path runs, so the object, its timeline, its
 * ledger and its IPNs come out as they would:
 * - a timer (an asynchronous outcome, an expiry) is made due now, with the chosen outcome, and the
 *   loader's own `settle` and `onChange` fire it, exactly as the sweep in run-due-timers.ts does;
 * - an Amazon decision (AmazonClosed, a suspension, a dispute) runs the operation its simulation
 *   code runs (Close Charge Permission with AmazonClosed, CloseOrderReference with a ClosureReason
 *   simulation, ValidateBillingAgreement declined, the admin API's dispute).
 * Only transitions Amazon can make from the current state are listed; nothing else is accepted.
 */
export interface ForcedTransition<T> {
  /** The state (and reason) the object ends in, as the console and the admin API name it. */
  readonly target: string;
  readonly from: (object: T) => boolean;
  readonly run: (unit: Unit, object: T) => Promise<void>;
}

export interface ForceableKind<T> {
  /** The console's slug of the kind (app/inspection/object-kinds.ts). */
  readonly slug: string;
  readonly loader: Loader<T>;
  /** The error code (and so the HTTP status) of a transition the object cannot take. */
  readonly refusal: ErrorCode;
  readonly transitions: readonly ForcedTransition<T>[];
}

/**
 * Fires a timer now: `primed` is the object with that timer due at `unit.now` (and the chosen
 * outcome); the loader's settle applies it and its onChange writes the IPNs and the effects on
 * other objects, as when the sweep finds the object due (aggregate-loader.ts loadWith).
 */
async function fireNow<T>(loader: Loader<T>, unit: Unit, before: T, primed: T): Promise<void> {
  const after = loader.settle(primed, unit.now);
  if (after === primed) throw new Error(`the primed ${loader.name} timer did not fire`);
  await loader.repository(unit).update(after);
  await loader.onChange(unit, before, after);
}

const timer =
  <T>(loader: Loader<T>, prime: (object: T, now: number) => T) =>
  (unit: Unit, object: T): Promise<void> =>
    fireNow(loader, unit, object, prime(object, unit.now));

// v2 -------------------------------------------------------------------------------------------

const checkoutSessionKind: ForceableKind<CheckoutSession> = {
  slug: 'checkout-sessions',
  loader: checkoutSessions,
  refusal: 'InvalidCheckoutSessionStatus',
  transitions: [
    {
      target: 'Canceled/Expired',
      from: (session) => session.state === 'Open',
      run: timer(checkoutSessions, (session, now) => ({ ...session, expiresAt: now })),
    },
  ],
};

const chargePermissionKind: ForceableKind<ChargePermission> = {
  slug: 'charge-permissions',
  loader: chargePermissions,
  refusal: 'InvalidChargePermissionStatus',
  transitions: [
    {
      // PaymentMethodOnFile permissions have no expiry (spec §7.1): nothing to fire.
      target: 'Closed/Expired',
      from: (permission) => permission.state !== 'Closed' && permission.expiresAt !== null,
      run: timer(chargePermissions, (permission, now) => ({ ...permission, expiresAt: now })),
    },
    {
      // The AmazonClosed simulation of Close Charge Permission (spec §9.2); Amazon cancels no charge.
      target: 'Closed/AmazonClosed',
      from: (permission) => permission.state !== 'Closed',
      run: async (unit, permission) => {
        await closeChargePermission(unit, permission.id, {
          closureReason: null,
          cancelPendingCharges: false,
          simulateAmazonClosed: true,
        });
      },
    },
  ],
};

const pendingCharge = (resolution: 'Succeeded' | DeclineReason) =>
  timer(charges, (charge: Charge, now) => ({ ...charge, pending: { at: now, resolution } }));

/** Capture declines are the captureCharge simulation codes' (simulation-codes.ts). */
const CAPTURE_DECLINES = ['SoftDeclined', 'HardDeclined', 'AmazonRejected', 'ProcessingFailure'];

const chargeKind: ForceableKind<Charge> = {
  slug: 'charges',
  loader: charges,
  refusal: 'InvalidChargeStatus',
  transitions: [
    // The asynchronous authorization resolves (spec §9.1, the Pending<Code> simulations).
    {
      target: 'Authorized',
      from: (charge) => charge.state === 'AuthorizationInitiated' && !charge.captureNow,
      run: pendingCharge('Succeeded'),
    },
    {
      target: 'Captured',
      from: (charge) =>
        (charge.state === 'AuthorizationInitiated' && charge.captureNow) ||
        charge.state === 'CaptureInitiated',
      run: pendingCharge('Succeeded'),
    },
    ...DECLINE_REASONS.map((reason): ForcedTransition<Charge> => ({
      target: `Declined/${reason}`,
      from: (charge) =>
        charge.state === 'AuthorizationInitiated' ||
        (charge.state === 'CaptureInitiated' && CAPTURE_DECLINES.includes(reason)),
      run: pendingCharge(reason),
    })),
    {
      // 30 days after creation an unused authorization lapses (spec §7.1).
      target: 'Canceled/ExpiredUnused',
      from: (charge) => charge.state === 'Authorized',
      run: timer(charges, (charge, now) => ({ ...charge, expiresAt: now })),
    },
    {
      target: 'Dispute',
      from: (charge) => charge.state === 'Captured',
      run: async (unit, charge) => {
        await openDispute(unit, {
          chargeId: charge.id,
          amount: null,
          filingReason: 'Fraudulent',
          resolutionAuthority: 'AmazonPay',
          providerDisputeId: null,
        });
      },
    },
  ],
};

// v1 -------------------------------------------------------------------------------------------

const orderReferenceKind: ForceableKind<OrderReference> = {
  slug: 'order-references',
  loader: orderReferences,
  refusal: 'InvalidOrderReferenceStatus',
  transitions: [
    {
      target: 'Closed/Expired',
      from: (oro) => oro.state === 'Open' || oro.state === 'Suspended',
      run: timer(orderReferences, (oro, now) => ({ ...oro, expiresAt: now })),
    },
    {
      // CloseOrderReference with a ClosureReason simulation (spec v1 §5).
      target: 'Closed/AmazonClosed',
      from: (oro) => oro.state === 'Open' || oro.state === 'Suspended',
      run: (unit, oro) => saveOrderReference(unit, oro, closeOrderReference(oro, true, unit.now)),
    },
  ],
};

const billingAgreementKind: ForceableKind<BillingAgreement> = {
  slug: 'billing-agreements',
  loader: billingAgreements,
  refusal: 'InvalidBillingAgreementStatus',
  transitions: [
    {
      // ValidateBillingAgreement finding the payment method unusable (spec v1 §3.5).
      target: 'Suspended/InvalidPaymentMethod',
      from: (ba) => ba.state === 'Open',
      run: (unit, ba) => saveBillingAgreement(unit, ba, suspendBillingAgreement(ba, unit.now)),
    },
    {
      target: 'Closed/AmazonClosed',
      from: (ba) => ba.state === 'Draft' || ba.state === 'Open' || ba.state === 'Suspended',
      run: (unit, ba) => saveBillingAgreement(unit, ba, closeBillingAgreement(ba, true, unit.now)),
    },
  ],
};

/** A declined v1 authorization's SoftDecline, as the v2 decline it stands for (authorization-decision.ts). */
const SOFT_DECLINE = {
  InvalidPaymentMethod: V1_DECLINE_OF.HardDeclined.softDecline,
  AmazonRejected: V1_DECLINE_OF.AmazonRejected.softDecline,
  ProcessingFailure: V1_DECLINE_OF.ProcessingFailure.softDecline,
  TransactionTimedOut: V1_DECLINE_OF.TransactionTimedOut.softDecline,
} as const satisfies Record<AuthorizationDeclineReason, boolean>;

const pendingAuthorization = (final: AuthorizationFinal) =>
  timer(v1Authorizations, (auth: V1Authorization, now) => ({
    ...auth,
    pending: { at: now, final },
  }));

const authorizationKind: ForceableKind<V1Authorization> = {
  slug: 'authorizations',
  loader: v1Authorizations,
  refusal: 'InvalidAuthorizationStatus',
  transitions: [
    {
      target: 'Open',
      from: (auth) => auth.state === 'Pending',
      run: pendingAuthorization({ kind: 'Open' }),
    },
    ...AUTHORIZATION_DECLINE_REASONS.map((reason): ForcedTransition<V1Authorization> => ({
      target: `Declined/${reason}`,
      from: (auth) => auth.state === 'Pending',
      run: pendingAuthorization({ kind: 'Declined', reason, softDecline: SOFT_DECLINE[reason] }),
    })),
    {
      target: 'Closed/AmazonClosed',
      from: (auth) => auth.state === 'Pending',
      run: pendingAuthorization({ kind: 'AmazonClosed' }),
    },
    {
      // The authorization's expiry (30 days, two in Sandbox), as the ExpiredUnused simulation fires it.
      target: 'Closed/ExpiredUnused',
      from: (auth) => auth.state === 'Open',
      run: timer(v1Authorizations, (auth, now) => ({ ...auth, closesUnusedAt: now })),
    },
  ],
};

const pendingCapture = (final: CaptureFinal) =>
  timer(v1Captures, (capture: V1Capture, now) => ({ ...capture, pending: { at: now, final } }));

const captureKind: ForceableKind<V1Capture> = {
  slug: 'captures',
  loader: v1Captures,
  refusal: 'InvalidRequest',
  transitions: [
    {
      target: 'Completed',
      from: (capture) => capture.state === 'Pending',
      run: pendingCapture({ kind: 'Completed' }),
    },
    ...(['AmazonRejected', 'ProcessingFailure'] as const).map(
      (reason): ForcedTransition<V1Capture> => ({
        target: `Declined/${reason}`,
        from: (capture) => capture.state === 'Pending',
        run: pendingCapture({ kind: 'Declined', reason }),
      }),
    ),
    {
      target: 'Closed/AmazonClosed',
      from: (capture) => capture.state === 'Pending',
      run: pendingCapture({ kind: 'AmazonClosed' }),
    },
  ],
};

const erase = <T>(kind: ForceableKind<T>): ForceableKind<unknown> =>
  kind as unknown as ForceableKind<unknown>;

export const FORCEABLE_KINDS: ReadonlyMap<string, ForceableKind<unknown>> = new Map(
  [
    erase(checkoutSessionKind),
    erase(chargePermissionKind),
    erase(chargeKind),
    erase(orderReferenceKind),
    erase(billingAgreementKind),
    erase(authorizationKind),
    erase(captureKind),
  ].map((kind) => [kind.slug, kind]),
);

/** The targets an object can be forced to from its current state, in the table's order. */
export const forceTargets = (slug: string, object: unknown): string[] =>
  (FORCEABLE_KINDS.get(slug)?.transitions ?? [])
    .filter((transition) => transition.from(object))
    .map((transition) => transition.target);
