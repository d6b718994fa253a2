import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import type { Money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import type { ContractSimulation } from '../simulation/v1-simulations.js';
import type { PaymentAuthentication } from './payment-authentication.js';
import type { BuyerSelection } from './v1-contract.js';

/** Order reference states and reason codes exactly as on the wire (spec v1 §3.1). */
export const ORDER_REFERENCE_STATES = ['Draft', 'Open', 'Suspended', 'Canceled', 'Closed'] as const;
export type OrderReferenceState = (typeof ORDER_REFERENCE_STATES)[number];

export const ORDER_REFERENCE_REASON_CODES = [
  'InvalidPaymentMethod',
  'SellerCanceled',
  'Stale',
  'AmazonCanceled',
  'Expired',
  'MaxAmountCharged',
  'MaxAuthorizationsCaptured',
  'AmazonClosed',
  'SellerClosed',
] as const;
export type OrderReferenceReasonCode = (typeof ORDER_REFERENCE_REASON_CODES)[number];

/** Constraints that keep a Draft order reference from being confirmed (spec v1 §2.3). */
export const ORDER_REFERENCE_CONSTRAINTS = {
  AmountNotSet: 'The seller has not set the amount for the Order Reference.',
  ShippingAddressNotSet:
    'The buyer has not selected a shipping address from the Amazon AddressBook widget.',
  PaymentPlanNotSet:
    'The buyer has not been able to select a Payment method for the given Order Reference.',
  PaymentMethodNotAllowed:
    'The payment method selected by the buyer is not allowed for this Order Reference.',
} as const;
export type OrderReferenceConstraint = keyof typeof ORDER_REFERENCE_CONSTRAINTS;

export interface SellerOrderAttributes {
  readonly sellerOrderId: string | null;
  readonly storeName: string | null;
  readonly customInformation: string | null;
  readonly supplementaryData: string | null;
  readonly orderItemCategories: readonly string[];
}

export const EMPTY_SELLER_ORDER_ATTRIBUTES: SellerOrderAttributes = {
  sellerOrderId: null,
  storeName: null,
  customInformation: null,
  supplementaryData: null,
  orderItemCategories: [],
};

export interface OrderReferenceConfirmation {
  /** Null when confirmed without the Confirmation Flow (no SuccessUrl). */
  readonly successUrl: string | null;
  readonly failureUrl: string | null;
  readonly authorizationAmount: Money | null;
  readonly expectImmediateAuthorization: boolean;
  readonly confirmedAt: Instant;
}

export interface OrderReference {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly state: OrderReferenceState;
  readonly reasonCode: OrderReferenceReasonCode | null;
  readonly reasonDescription: string | null;
  readonly createdAt: Instant;
  readonly lastUpdatedAt: Instant;
  /** 180 days after creation (spec v1 §2.3). */
  readonly expiresAt: Instant;
  readonly orderTotal: Money | null;
  readonly sellerNote: string | null;
  readonly platformId: string | null;
  readonly sellerOrderAttributes: SellerOrderAttributes;
  readonly requestPaymentAuthorization: boolean | null;
  readonly paymentServiceProvider: {
    readonly id: string | null;
    readonly orderId: string | null;
  } | null;
  readonly selection: BuyerSelection;
  /** The simulation the SellerNote carries (parsed when the note is set). */
  readonly simulation: ContractSimulation | null;
  /** Created from a billing agreement (CreateOrderReferenceForId, AuthorizeOnBillingAgreement). */
  readonly parentBillingAgreementId: string | null;
  readonly confirmation: OrderReferenceConfirmation | null;
  readonly authentication: PaymentAuthentication | null;
  /** AmazonAuthorizationIds in creation order (IdList). */
  readonly authorizationIds: readonly string[];
  /** Captured so far, and how many authorizations have been captured (MaxAuthorizationsCaptured). */
  readonly capturedTotal: Money | null;
  readonly capturedAuthorizations: number;
  /** Suspended by a simulated decline: the buyer "updates the payment method" at this instant. */
  readonly resumesAt: Instant | null;
  /** When it was last suspended: a re-confirm needs a payment method chosen since then. */
  readonly suspendedAt: Instant | null;
}

/** Stale: not confirmed within 3 hours; ExpectImmediateAuthorization: 60 minutes (spec v1 §3.1). */
export const DRAFT_LIFETIME = 3 * 60 * 60 * 1000;
export const IMMEDIATE_AUTHORIZATION_WINDOW = 60 * 60 * 1000;

/** The next instant a timer changes this order reference, for the scheduler's index. */
export function orderReferenceDueAt(oro: OrderReference): Instant | null {
  switch (oro.state) {
    case 'Draft':
      return oro.createdAt + DRAFT_LIFETIME;
    case 'Open': {
      const immediate =
        oro.confirmation?.expectImmediateAuthorization === true && oro.authorizationIds.length === 0
          ? oro.confirmation.confirmedAt + IMMEDIATE_AUTHORIZATION_WINDOW
          : null;
      return immediate === null ? oro.expiresAt : Math.min(immediate, oro.expiresAt);
    }
    case 'Suspended':
      return oro.resumesAt === null ? oro.expiresAt : Math.min(oro.resumesAt, oro.expiresAt);
    case 'Canceled':
    case 'Closed':
      return null;
  }
}
