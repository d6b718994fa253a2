/**
 * The v1 objects as XML element content (spec v1 §2.2–§2.5, Appendix A): one shape per object,
 * used both by the MWS responses (http/v1) and by the IPNs' NotificationData (spec v1 §6.2), so
 * the two can never disagree. Elements the wire leaves out are null.
 */
import { AUTHENTICATION_WIRE_STATE } from '../../domain/order-reference/payment-authentication.js';
import {
  constraintDescription,
  constraintsOf,
} from '../../domain/order-reference/order-reference-operations.js';
import type { OrderReference } from '../../domain/order-reference/order-reference.js';
import {
  baConstraintDescription,
  constraintsOf as baConstraintsOf,
} from '../../domain/billing-agreement/billing-agreement-operations.js';
import type { BillingAgreement } from '../../domain/billing-agreement/billing-agreement.js';
import type { Address, BuyerDetails, PaymentInstrument } from '../../domain/shared/buyer.js';
import type { Region } from '../../domain/shared/environment.js';
import { formatAmount, zero, type Money } from '../../domain/shared/money.js';
import type { Instant } from '../../domain/shared/time.js';
import type { V1Authorization, V1Capture, V1Refund } from '../../domain/v1-payments/v1-payments.js';
import type { XmlContent } from '../ports.js';
import { summaryList } from './provider-credit-summary.js';

export const timestamp = (at: Instant): string => new Date(at).toISOString();

export const price = (value: Money | null): XmlContent | null =>
  value === null ? null : { Amount: formatAmount(value), CurrencyCode: value.currency };

const ORDER_LANGUAGE = {
  NA: 'en-US',
  EU: 'de-DE',
  UK: 'en-GB',
  JP: 'ja-JP',
} as const satisfies Record<Region, string>;

/** Before confirmation (or without the buyer's token) only the coarse location is shown (spec v1 §2.3). */
function physicalAddress(address: Address, full: boolean): XmlContent {
  return full
    ? {
        Name: address.name,
        AddressLine1: address.addressLine1,
        AddressLine2: address.addressLine2,
        AddressLine3: address.addressLine3,
        City: address.city,
        County: address.county,
        District: address.district,
        StateOrRegion: address.stateOrRegion,
        PostalCode: address.postalCode,
        CountryCode: address.countryCode,
        Phone: address.phoneNumber,
      }
    : {
        City: address.city,
        StateOrRegion: address.stateOrRegion,
        PostalCode: address.postalCode,
        CountryCode: address.countryCode,
      };
}

const destination = (address: Address | null, full: boolean): XmlContent | null =>
  address === null
    ? null
    : { DestinationType: 'Physical', PhysicalDestination: physicalAddress(address, full) };

const billingAddress = (address: Address | null): XmlContent | null =>
  address === null
    ? null
    : { AddressType: 'Physical', PhysicalAddress: physicalAddress(address, true) };

const buyer = (details: BuyerDetails | null): XmlContent | null =>
  details === null
    ? null
    : { Name: details.name, Email: details.email, Phone: details.phoneNumber };

const paymentDescriptor = (instrument: PaymentInstrument | null): XmlContent | null =>
  instrument === null
    ? null
    : {
        Name: instrument.brand,
        AccountNumberTail: instrument.cardEnding.slice(-2),
        FullDescriptor: `Amazon Pay (${instrument.brand} **${instrument.cardEnding.slice(-2)})`,
        UseAmazonBalanceFirst: false,
      };

const idList = (ids: readonly string[]): XmlContent =>
  ids.length === 0 ? {} : { member: [...ids] };

const status = (
  state: string,
  lastUpdate: Instant,
  reasonCode: string | null,
  reasonDescription: string | null,
  timestampElement = 'LastUpdateTimestamp',
): XmlContent => ({
  [timestampElement]: timestamp(lastUpdate),
  State: state,
  ReasonCode: reasonCode,
  ReasonDescription: reasonDescription,
});

export interface RevealOptions {
  /** A valid AccessToken/AddressConsentToken of the buyer: the full address and payment descriptor. */
  readonly reveal: boolean;
}

export function orderReferenceDetails(oro: OrderReference, options: RevealOptions): XmlContent {
  const confirmed = oro.state !== 'Draft';
  const constraints = constraintsOf(oro);
  const attrs = oro.sellerOrderAttributes;
  const hasAttrs = Object.values(attrs).some(
    (v) => v !== null && (!Array.isArray(v) || v.length > 0),
  );
  const authState =
    oro.authentication === null ? null : AUTHENTICATION_WIRE_STATE[oro.authentication.status];
  return {
    AmazonOrderReferenceId: oro.id,
    OrderReferenceStatus: status(
      oro.state,
      oro.lastUpdatedAt,
      oro.reasonCode,
      oro.reasonDescription,
    ),
    CreationTimestamp: timestamp(oro.createdAt),
    ExpirationTimestamp: timestamp(oro.expiresAt),
    OrderTotal: price(oro.orderTotal),
    SellerNote: oro.sellerNote,
    PlatformId: oro.platformId,
    SellerOrderAttributes: hasAttrs
      ? {
          SellerOrderId: attrs.sellerOrderId,
          StoreName: attrs.storeName,
          CustomInformation: attrs.customInformation,
          SupplementaryData: attrs.supplementaryData,
          OrderItemCategories:
            attrs.orderItemCategories.length === 0
              ? null
              : { OrderItemCategory: [...attrs.orderItemCategories] },
        }
      : null,
    Destination: destination(oro.selection.destination, confirmed || options.reveal),
    BillingAddress: options.reveal ? billingAddress(oro.selection.billingAddress) : null,
    Buyer: confirmed ? buyer(oro.selection.buyer) : null,
    PaymentDescriptor: options.reveal ? paymentDescriptor(oro.selection.instrument) : null,
    ReleaseEnvironment: oro.environment,
    Constraints:
      constraints.length === 0
        ? null
        : {
            Constraint: constraints.map((id) => ({
              ConstraintID: id,
              Description: constraintDescription(id),
            })),
          },
    IdList: oro.authorizationIds.length === 0 ? null : idList(oro.authorizationIds),
    ParentDetails:
      oro.parentBillingAgreementId === null
        ? null
        : { Id: oro.parentBillingAgreementId, Type: 'BillingAgreement' },
    OrderLanguage: ORDER_LANGUAGE[oro.region],
    RequestPaymentAuthorization: oro.requestPaymentAuthorization,
    PaymentServiceProviderAttributes:
      oro.paymentServiceProvider === null
        ? null
        : {
            PaymentServiceProviderId: oro.paymentServiceProvider.id,
            PaymentServiceProviderOrderId: oro.paymentServiceProvider.orderId,
          },
    PaymentAuthenticationStatus: authState === null ? null : { State: authState },
  };
}

/** The monthly limit of a billing agreement as shown in BillingAgreementLimits (spec v1 §2.2). */
export interface BillingAgreementLimitsView {
  readonly limit: Money;
  readonly remaining: Money;
  readonly periodStart: Instant;
  readonly periodEnd: Instant;
}

export function billingAgreementDetails(
  ba: BillingAgreement,
  limits: BillingAgreementLimitsView | null,
  options: RevealOptions,
): XmlContent {
  const confirmed = ba.state !== 'Draft';
  const constraints = baConstraintsOf(ba);
  const attrs = ba.sellerAttributes;
  return {
    AmazonBillingAgreementId: ba.id,
    BillingAgreementLimits:
      limits === null
        ? null
        : {
            AmountLimitPerTimePeriod: price(limits.limit),
            TimePeriodStartDate: timestamp(limits.periodStart),
            TimePeriodEndDate: timestamp(limits.periodEnd),
            CurrentRemainingBalance: price(limits.remaining),
          },
    Buyer: confirmed ? buyer(ba.selection.buyer) : null,
    SellerNote: ba.sellerNote,
    PlatformId: ba.platformId,
    Destination: destination(ba.selection.destination, confirmed || options.reveal),
    BillingAddress: options.reveal ? billingAddress(ba.selection.billingAddress) : null,
    ReleaseEnvironment: ba.environment,
    SellerBillingAgreementAttributes: Object.values(attrs).some((v) => v !== null)
      ? {
          SellerBillingAgreementId: attrs.sellerBillingAgreementId,
          StoreName: attrs.storeName,
          CustomInformation: attrs.customInformation,
        }
      : null,
    BillingAgreementStatus: status(
      ba.state,
      ba.lastUpdatedAt,
      ba.reasonCode,
      ba.reasonDescription,
      'LastUpdatedTimestamp',
    ),
    Constraints:
      constraints.length === 0
        ? null
        : {
            Constraint: constraints.map((id) => ({
              ConstraintID: id,
              Description: baConstraintDescription(id),
            })),
          },
    CreationTimestamp: timestamp(ba.createdAt),
    BillingAgreementConsent: ba.consent,
    OrderLanguage: ORDER_LANGUAGE[ba.region],
    BillingAgreementType: ba.billingAgreementType,
    SubscriptionAmount: price(ba.subscriptionAmount),
  };
}

/** `AMZ*` and the seller's descriptor, or the store name cut to 16 characters (spec v1 §2.5). */
export const softDescriptor = (own: string | null, storeName: string): string =>
  `AMZ*${(own ?? storeName).slice(0, 16)}`;

export function authorizationDetails(auth: V1Authorization, storeName: string): XmlContent {
  return {
    AuthorizationAmount: price(auth.amount),
    CapturedAmount: price(auth.capturedAmount),
    SoftDescriptor: softDescriptor(auth.softDescriptor, storeName),
    ExpirationTimestamp: timestamp(auth.expiresAt),
    IdList: idList(auth.captureIds),
    AuthorizationStatus: status(
      auth.state,
      auth.lastUpdatedAt,
      auth.reasonCode,
      auth.reasonDescription,
    ),
    AuthorizationFee: price(zero(auth.amount.currency)),
    CaptureNow: auth.captureNow,
    SellerAuthorizationNote: auth.sellerNote ?? '',
    CreationTimestamp: timestamp(auth.createdAt),
    AmazonAuthorizationId: auth.id,
    AuthorizationReferenceId: auth.referenceId,
    SoftDecline: auth.state === 'Declined' ? auth.softDecline === true : null,
    AuthorizationBillingAddress:
      auth.billingAddress === null ? null : physicalAddress(auth.billingAddress, true),
  };
}

export function captureDetails(capture: V1Capture, storeName: string): XmlContent {
  return {
    CaptureReferenceId: capture.referenceId,
    CaptureFee: price(zero(capture.amount.currency)),
    AmazonCaptureId: capture.id,
    CreationTimestamp: timestamp(capture.createdAt),
    SoftDescriptor: softDescriptor(capture.softDescriptor, storeName),
    IdList: idList(capture.refundIds),
    CaptureStatus: status(
      capture.state,
      capture.lastUpdatedAt,
      capture.reasonCode,
      capture.reasonDescription,
    ),
    SellerCaptureNote: capture.sellerNote ?? '',
    RefundedAmount: price(capture.refundedAmount),
    CaptureAmount: price(capture.amount),
    ProviderCreditSummaryList: summaryList(capture.providerCredits, 'ProviderCreditId'),
  };
}

export function refundDetails(refund: V1Refund, storeName: string): XmlContent {
  return {
    RefundReferenceId: refund.referenceId,
    RefundType: refund.refundType,
    SellerRefundNote: refund.sellerNote ?? '',
    CreationTimestamp: timestamp(refund.createdAt),
    SoftDescriptor: softDescriptor(refund.softDescriptor, storeName),
    RefundStatus: status(
      refund.state,
      refund.lastUpdatedAt,
      refund.reasonCode,
      refund.reasonDescription,
    ),
    FeeRefunded: price(zero(refund.amount.currency)),
    RefundAmount: price(refund.amount),
    AmazonRefundId: refund.id,
    ProviderCreditReversalSummaryList: summaryList(
      refund.providerCreditReversals,
      'ProviderCreditReversalId',
    ),
  };
}
