import type { Charge } from '../../domain/charge/charge.js';
import type { ConversionTable } from '../../domain/charge/currency-conversion.js';
import type { ChargePermission } from '../../domain/charge-permission/charge-permission.js';
import type { CheckoutSession } from '../../domain/checkout-session/checkout-session.js';
import type { Refund } from '../../domain/refund/refund.js';
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import type { V1Authorization, V1Capture, V1Refund } from '../../domain/v1-payments/v1-payments.js';
import {
  authorizationDetails,
  billingAgreementDetails,
  captureDetails,
  orderReferenceDetails,
  refundDetails,
} from '../../app/v1/v1-details.js';
import {
  providerCreditDetails,
  providerCreditReversalDetails,
} from '../../app/v1/provider-credit-details.js';
import type {
  ProviderCredit,
  ProviderCreditReversal,
} from '../../domain/provider-credit/provider-credit.js';
import type { BuyerLinks } from '../buyer-links.js';
import { renderResponse } from '../v1/mws-xml.js';
import { serializeCharge } from '../v2/serializers/charge-serializer.js';
import { serializeChargePermission } from '../v2/serializers/charge-permission-serializer.js';
import { serializeCheckoutSession } from '../v2/serializers/checkout-session-serializer.js';
import { serializeRefund } from '../v2/serializers/refund-serializer.js';
import type { Dispute } from '../../domain/dispute/dispute.js';
import type { Report } from '../../domain/report/report.js';
import type { DeliveryTrackerObject } from '../../app/inspection/delivery-tracker-objects.js';
import { serializeDispute, serializeReport } from '../v2/serializers/back-office-serializers.js';
import { serializeDeliveryTrackers } from '../v2/serializers/delivery-tracker-serializer.js';

/**
 * An object exactly as the API's GET answers it (issue 14 point 2): the v2 serializers' JSON, or
 * the v1 Get…Details response XML (the billing agreement's limits are left out: they need the
 * month's authorizations, which the GetBillingAgreementDetails action reads).
 */
/** What rendering an object as the API would needs besides the object. */
export interface WireContext {
  readonly links: BuyerLinks;
  readonly storeName: string;
  /** The rates the API fills charges' convertedAmount with (LOCALPAY_CONVERSION_RATES). */
  readonly rates: ConversionTable;
}

const WIRE: Readonly<Record<string, (object: never, context: WireContext) => string>> = {
  'checkout-sessions': (o: CheckoutSession, { links }) => json(serializeCheckoutSession(o, links)),
  'charge-permissions': (o: ChargePermission) => json(serializeChargePermission(o)),
  charges: (o: Charge, { links, rates }) => json(serializeCharge(o, links, rates)),
  refunds: (o: Refund) => json(serializeRefund(o)),
  disputes: (o: Dispute) => json(serializeDispute(o)),
  reports: (o: Report) => json(serializeReport(o)),
  // As Create Delivery Tracker answered it when the order was named by its own field.
  'delivery-trackers': (o: DeliveryTrackerObject) =>
    json(
      serializeDeliveryTrackers(
        o.objectType === 'ChargePermission' ? 'chargePermissionId' : 'amazonOrderReferenceId',
        o.objectId,
        [o],
      ),
    ),
  'order-references': (o: OrderReference) =>
    xml('GetOrderReferenceDetails', {
      OrderReferenceDetails: orderReferenceDetails(o, { reveal: false }),
    }),
  'billing-agreements': (o: BillingAgreement) =>
    xml('GetBillingAgreementDetails', {
      BillingAgreementDetails: billingAgreementDetails(o, null, { reveal: false }),
    }),
  authorizations: (o: V1Authorization, { storeName: store }) =>
    xml('GetAuthorizationDetails', { AuthorizationDetails: authorizationDetails(o, store) }),
  captures: (o: V1Capture, { storeName: store }) =>
    xml('GetCaptureDetails', { CaptureDetails: captureDetails(o, store) }),
  'v1-refunds': (o: V1Refund, { storeName: store }) =>
    xml('GetRefundDetails', { RefundDetails: refundDetails(o, store) }),
  'provider-credits': (o: ProviderCredit) =>
    xml('GetProviderCreditDetails', { ProviderCreditDetails: providerCreditDetails(o, 'api') }),
  'provider-credit-reversals': (o: ProviderCreditReversal) =>
    xml('GetProviderCreditReversalDetails', {
      ProviderCreditReversalDetails: providerCreditReversalDetails(o, 'api'),
    }),
};

const json = (body: unknown): string => JSON.stringify(body, null, 2);
const xml = (action: string, result: Parameters<typeof renderResponse>[1]): string =>
  renderResponse(action, result, 'console').replace(/></g, '>\n<');

export function wireForm(slug: string, object: unknown, context: WireContext): string {
  const render = Object.hasOwn(WIRE, slug) ? WIRE[slug] : undefined;
  return render === undefined ? json(object) : render(object as never, context);
}
