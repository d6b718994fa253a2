import { apiError, withIdempotencyKey, type AmazonPayV2 } from './amazon-pay-clients.js';
import {
  serialized,
  type Charge,
  type ChargePermission,
  type Subscription,
  type SubscriptionStore,
} from './subscriptions.js';

/**
 * Seed 004, "Managing charges and handling declines", as code: charge a Saved Wallet with Create
 * Charge and act on the answer.
 *
 * - 201: paid.
 * - 202 (EU/UK, customer-initiated): the buyer must pass a challenge; send them to
 *   amazonPayRedirectUrl, then confirm with Complete Checkout Session when they come back.
 * - SoftDeclined or ProcessingFailure: Get Charge Permission, and if it is Chargeable, Create
 *   Charge again.
 * - HardDeclined: ask the buyer to update the payment method on Amazon Pay, wait for the IPN
 *   that says it changed (onChargePermission below), check Chargeable, and Create Charge again.
 */
export type ChargeOutcome =
  | { readonly kind: 'Paid'; readonly charge: Charge }
  | { readonly kind: 'BuyerActionRequired'; readonly amazonPayRedirectUrl: string }
  | { readonly kind: 'PaymentMethodUpdateNeeded' }
  | { readonly kind: 'Declined'; readonly reasonCode: string };

export interface ChargeRequest {
  /** CITR: the buyer is here, signing up (first of a series). MITR: a renewal, buyer absent. */
  readonly initiator: 'CITR' | 'MITR';
  /** Customer-initiated charges may need a challenge: where Amazon Pay sends the buyer back. */
  readonly checkoutResultReturnUrl?: string;
  /** Sandbox only: x-amz-pay-simulation-code, to see each decline without a real card. */
  readonly simulationCode?: string;
}

export interface SavedWalletBilling {
  charge(subscription: Subscription, request: ChargeRequest): Promise<ChargeOutcome>;
  /** IPN: a Charge Permission changed (Chargeable again, NonChargeable, Closed). */
  onChargePermission(permission: ChargePermission): Promise<void>;
  /** IPN: a Charge changed (its final state, a decline the shop has not seen yet). */
  onCharge(charge: Charge): Promise<void>;
  cancel(subscription: Subscription, reason: string): Promise<void>;
}

/** Retry a soft decline at most this often per billing run (production: back off for hours). */
const SOFT_RETRIES = 1;

export function savedWalletBilling(
  client: AmazonPayV2,
  store: SubscriptionStore,
  log: (message: string) => void,
): SavedWalletBilling {
  const oneAtATime = serialized();

  async function createCharge(
    subscription: Subscription,
    request: ChargeRequest,
    simulationCode: string | undefined,
  ): Promise<{ status: number; charge: Charge } | { status: number; reasonCode: string }> {
    const payload = {
      chargePermissionId: subscription.chargePermissionId,
      chargeAmount: { amount: subscription.amount, currencyCode: subscription.currency },
      chargeInitiator: request.initiator,
      channel: 'Web',
      captureNow: true,
      softDescriptor: 'Localpay Coffee',
      canHandlePendingAuthorization: false,
      merchantMetadata: { merchantReferenceId: subscription.id },
      ...(request.checkoutResultReturnUrl
        ? { webCheckoutDetails: { checkoutResultReturnUrl: request.checkoutResultReturnUrl } }
        : {}),
    };
    // A fresh idempotency key per attempt: a replayed key would answer the same decline again.
    const headers = withIdempotencyKey(
      undefined,
      simulationCode ? { 'x-amz-pay-simulation-code': simulationCode } : {},
    );
    try {
      const response = await client.createCharge(payload, headers);
      return { status: response.status, charge: response.data as unknown as Charge };
    } catch (error) {
      const failure = apiError(error);
      if (!failure) throw error;
      return { status: failure.status, reasonCode: failure.reasonCode };
    }
  }

  async function chargeable(chargePermissionId: string): Promise<boolean> {
    const permission = (await client.getChargePermission(chargePermissionId))
      .data as unknown as ChargePermission;
    return permission.statusDetails.state === 'Chargeable';
  }

  async function charge(
    subscription: Subscription,
    request: ChargeRequest,
  ): Promise<ChargeOutcome> {
    let simulation = request.simulationCode;
    for (let attempt = 0; ; attempt += 1) {
      const answer = await createCharge(subscription, request, simulation);
      simulation = undefined; // a simulation applies to the first attempt only
      if ('charge' in answer) {
        store.recordCharge(subscription, answer.charge);
        if (answer.status === 202) {
          const url = answer.charge.webCheckoutDetails?.amazonPayRedirectUrl;
          if (!url)
            throw new Error(`Charge ${answer.charge.chargeId} needs the buyer but has no URL.`);
          return { kind: 'BuyerActionRequired', amazonPayRedirectUrl: url };
        }
        subscription.status = 'Active';
        subscription.amountDue = null;
        return { kind: 'Paid', charge: answer.charge };
      }
      const { reasonCode } = answer;
      log(`Create Charge for ${subscription.id} declined: ${reasonCode}`);
      if (reasonCode === 'SoftDeclined' || reasonCode === 'ProcessingFailure') {
        // Seed 004: confirm the permission is still Chargeable, then charge again.
        if (attempt < SOFT_RETRIES && (await chargeable(subscription.chargePermissionId ?? '')))
          continue;
        subscription.status = 'PaymentRetryLater';
        return { kind: 'Declined', reasonCode };
      }
      if (reasonCode === 'HardDeclined') {
        // Seed 004: the buyer must update the payment method; the IPN tells us when.
        subscription.status = 'PaymentMethodUpdateNeeded';
        subscription.amountDue = subscription.amount;
        return { kind: 'PaymentMethodUpdateNeeded' };
      }
      if (request.initiator === 'MITR') subscription.status = 'PaymentRetryLater';
      return { kind: 'Declined', reasonCode };
    }
  }

  return {
    charge: (subscription, request) =>
      oneAtATime(subscription.id, () => charge(subscription, request)),

    async onChargePermission(permission) {
      const subscription = store.byChargePermission(permission.chargePermissionId);
      if (!subscription) return;
      await oneAtATime(subscription.id, async () => {
        const descriptor = permission.paymentPreferences?.[0]?.paymentDescriptor;
        if (descriptor) subscription.paymentDescriptor = descriptor;
        const state = permission.statusDetails.state;
        if (state === 'Closed') {
          // Closed by us, by the buyer on Amazon Pay, or by Amazon: no more charges.
          if (subscription.status !== 'Failed') subscription.status = 'Canceled';
          return;
        }
        if (state === 'NonChargeable' && subscription.status === 'Active') {
          subscription.status = 'PaymentMethodUpdateNeeded';
          return;
        }
        // Chargeable again after a hard decline: charge what is owed (IPNs may repeat; the
        // serialization and amountDue make the retry happen once).
        if (state === 'Chargeable' && subscription.amountDue !== null) {
          log(`${subscription.id}: payment method updated, charging the amount due again`);
          await charge(subscription, { initiator: 'MITR' });
        }
      });
    },

    async onCharge(charge) {
      const subscription = store.byChargePermission(charge.chargePermissionId);
      if (subscription) store.recordCharge(subscription, charge);
      return Promise.resolve();
    },

    cancel: (subscription, reason) =>
      oneAtATime(subscription.id, async () => {
        try {
          await client.closeChargePermission(subscription.chargePermissionId ?? '', {
            closureReason: reason,
            cancelPendingCharges: true,
          });
        } catch (error) {
          // Already Closed (the buyer removed the Saved Wallet on Amazon Pay): same outcome.
          if (apiError(error)?.reasonCode !== 'InvalidChargePermissionStatus') throw error;
        }
        subscription.status = 'Canceled';
      }),
  };
}
