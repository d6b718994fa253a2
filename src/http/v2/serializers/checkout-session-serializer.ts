import {
  constraintsOf,
  type CheckoutSession,
} from '../../../domain/checkout-session/checkout-session.js';
import {
  address,
  buyer,
  merchantMetadata,
  paymentPreferences,
  price,
  timestamp,
} from '../wire-format.js';
import type { BuyerLinks } from '../../buyer-links.js';

/**
 * The full Checkout Session as the real API returns it: every field present, null when unset
 * (spec §3.4, §4.1). Buyer details are only shown while the session is Open.
 */
export function serializeCheckoutSession(
  session: CheckoutSession,
  links: BuyerLinks,
): Record<string, unknown> {
  const open = session.state === 'Open';
  const constraints = constraintsOf(session);
  const web = session.webCheckoutDetails;
  const payment = session.paymentDetails;
  const redirectReady = open && constraints.length === 0 && session.buyerProgress !== 'Processed';
  return {
    checkoutSessionId: session.id,
    webCheckoutDetails: {
      checkoutReviewReturnUrl: web.checkoutReviewReturnUrl,
      checkoutResultReturnUrl: web.checkoutResultReturnUrl,
      checkoutCancelUrl: web.checkoutCancelUrl,
      amazonPayRedirectUrl: redirectReady ? links.checkoutProcessing(session.id) : null,
      checkoutMode: web.checkoutMode,
    },
    productType: session.productType,
    paymentDetails: {
      paymentIntent: payment.paymentIntent,
      canHandlePendingAuthorization: payment.canHandlePendingAuthorization,
      chargeAmount: price(payment.chargeAmount),
      totalOrderAmount: price(payment.totalOrderAmount),
      softDescriptor: payment.softDescriptor,
      presentmentCurrency: payment.presentmentCurrency ?? payment.chargeAmount?.currency ?? null,
      allowOvercharge: payment.allowOvercharge,
      extendExpiration: payment.extendExpiration,
    },
    chargePermissionType: session.chargePermissionType,
    recurringMetadata:
      session.recurringMetadata === null
        ? null
        : {
            frequency: session.recurringMetadata.frequency,
            amount: price(session.recurringMetadata.amount),
          },
    paymentMethodOnFileMetadata: session.paymentMethodOnFileMetadata,
    merchantMetadata: merchantMetadata(session.merchantMetadata),
    supplementaryData: session.supplementaryData,
    buyer: open ? buyer(session.buyer) : null,
    billingAddress: open ? address(session.billingAddress) : null,
    shippingAddress: open ? address(session.shippingAddress) : null,
    shippingAddressList: null,
    multiAddressesCheckoutMetadata: null,
    paymentPreferences: open ? paymentPreferences(session.paymentInstrument) : null,
    statusDetails: {
      state: session.state,
      reasonCode: session.reasonCode,
      reasonDescription: session.reasonDescription,
      lastUpdatedTimestamp: timestamp(session.lastUpdatedAt),
    },
    constraints: constraints.map((c) => ({
      constraintId: c.constraintId,
      description: c.description,
    })),
    creationTimestamp: timestamp(session.createdAt),
    expirationTimestamp: timestamp(session.expiresAt),
    chargePermissionId: session.chargePermissionId,
    chargeId: session.chargeId,
    storeId: session.storeId,
    platformId: session.platformId,
    providerMetadata: { providerReferenceId: session.providerReferenceId },
    deliverySpecifications: session.deliverySpecifications ?? null,
    checkoutButtonText: null,
    releaseEnvironment: session.environment,
  };
}
