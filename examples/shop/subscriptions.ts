import { randomBytes } from 'node:crypto';

/**
 * The shop's subscriptions and the Amazon Pay objects they point at. In memory here; a real shop
 * keeps them in its database. Only the fields of the v2 responses the shop reads are typed.
 */
export interface Money {
  readonly amount: string;
  readonly currencyCode: string;
}

export interface Charge {
  readonly chargeId: string;
  readonly chargePermissionId: string;
  readonly chargeAmount: Money;
  readonly statusDetails: { readonly state: string; readonly reasonCode: string | null };
  readonly webCheckoutDetails?: { readonly amazonPayRedirectUrl?: string | null } | null;
  readonly creationTimestamp: string;
}

export interface ChargePermission {
  readonly chargePermissionId: string;
  readonly statusDetails: {
    readonly state: 'Chargeable' | 'NonChargeable' | 'Closed';
    readonly reasons: readonly { readonly reasonCode: string }[] | null;
  };
  readonly paymentPreferences?: readonly { readonly paymentDescriptor?: string | null }[] | null;
}

export interface CheckoutSession {
  readonly checkoutSessionId: string;
  readonly chargePermissionId: string | null;
  readonly chargeId: string | null;
}

export type SubscriptionStatus =
  /** The buyer is setting up the Saved Wallet or paying the first month. */
  | 'CheckingOut'
  | 'Active'
  /** HardDeclined: waiting for the buyer to update the payment method (seed 004). */
  | 'PaymentMethodUpdateNeeded'
  /** Declined otherwise: the next billing run tries again. */
  | 'PaymentRetryLater'
  | 'Canceled'
  /** The checkout did not succeed; the buyer starts again. */
  | 'Failed';

export interface ChargeRecord {
  readonly chargeId: string;
  /** Amazon Pay's basic-format time (20261123T170305Z), which sorts as text. */
  readonly createdAt: string;
  readonly amount: string;
  state: string;
  reasonCode: string | null;
}

export interface Subscription {
  readonly id: string;
  readonly planId: string;
  readonly amount: string;
  readonly currency: string;
  status: SubscriptionStatus;
  /** The Saved Wallet set-up checkout. */
  checkoutSessionId: string | null;
  chargePermissionId: string | null;
  paymentDescriptor: string | null;
  /** A month that is owed and waits for the buyer (HardDeclined) to be charged again. */
  amountDue: string | null;
  readonly charges: ChargeRecord[];
}

export class SubscriptionStore {
  private readonly byId = new Map<string, Subscription>();

  create(planId: string, amount: string, currency: string): Subscription {
    const subscription: Subscription = {
      id: `SUB-${randomBytes(5).toString('hex').toUpperCase()}`,
      planId,
      amount,
      currency,
      status: 'CheckingOut',
      checkoutSessionId: null,
      chargePermissionId: null,
      paymentDescriptor: null,
      amountDue: null,
      charges: [],
    };
    this.byId.set(subscription.id, subscription);
    return subscription;
  }

  get(id: string): Subscription | undefined {
    return this.byId.get(id);
  }

  byChargePermission(chargePermissionId: string): Subscription | undefined {
    return [...this.byId.values()].find((s) => s.chargePermissionId === chargePermissionId);
  }

  /** Adds the charge, or updates what the shop knew of it (IPNs may arrive in any order). */
  recordCharge(subscription: Subscription, charge: Charge): void {
    const known = subscription.charges.find((c) => c.chargeId === charge.chargeId);
    if (known) {
      known.state = charge.statusDetails.state;
      known.reasonCode = charge.statusDetails.reasonCode;
      return;
    }
    subscription.charges.push({
      chargeId: charge.chargeId,
      createdAt: charge.creationTimestamp,
      amount: charge.chargeAmount.amount,
      state: charge.statusDetails.state,
      reasonCode: charge.statusDetails.reasonCode,
    });
    // Oldest first; an IPN about an earlier (declined) charge may arrive after a later one.
    subscription.charges.sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.chargeId.localeCompare(b.chargeId),
    );
  }
}

/** Runs one billing action per subscription at a time (a renewal, an IPN-triggered retry). */
export function serialized(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    tails.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  };
}
