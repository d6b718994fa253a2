import type { Address } from '../shared/buyer.js';
import { DomainError, invalidParameter, missingParameter } from '../shared/errors.js';
import { equals, formatAmount, type Money } from '../shared/money.js';
import type { CheckoutSession } from './checkout-session.js';

export interface FinalizeRequest {
  readonly chargeAmount: Money;
  readonly totalOrderAmount?: Money | undefined;
  readonly supplementaryData?: string | null | undefined;
  readonly shippingAddress?: Address | undefined;
  readonly billingAddress?: Address | undefined;
}

const ADDRESS_FIELDS = [
  'name',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'city',
  'county',
  'district',
  'stateOrRegion',
  'postalCode',
  'countryCode',
  'phoneNumber',
] as const satisfies readonly (keyof Address)[];

/** The fields a returned address must carry to be compared at all (our choice; docs silent). */
const REQUIRED_ADDRESS_FIELDS = ['name', 'addressLine1', 'postalCode', 'countryCode'] as const;

const normalised = (value: string | null): string => (value ?? '').trim();

/** Every field the request sends must equal the address Amazon shared; the key fields must be sent. */
function checkAddress(field: string, sent: Address | undefined, shared: Address | null): void {
  if (shared === null) return;
  if (sent === undefined) throw missingParameter(field);
  for (const key of REQUIRED_ADDRESS_FIELDS)
    if (normalised(sent[key]) === '') throw missingParameter(`${field}.${key}`);
  for (const key of ADDRESS_FIELDS) {
    const value = normalised(sent[key]);
    if (value !== '' && value !== normalised(shared[key]))
      throw invalidParameter(
        `${field}.${key}`,
        `it does not match the ${field} Amazon shared for this Checkout Session.`,
      );
  }
}

/**
 * Finalize Checkout Session validates "payment critical attributes" (Amazon "Verify & complete
 * checkout", amazon-pay-buy-now-checkout/verify-and-complete-checkout.html): chargeAmount must
 * match the session's paymentDetails.chargeAmount; totalOrderAmount and supplementaryData must be
 * sent when the session has them; for PayAndShip the shippingAddress is required and must match
 * the address Amazon shared, for PayOnly the same holds for the billingAddress. Nothing is
 * overwritten: a mismatch is refused. A session without a chargeAmount yet takes the request's
 * (docs silent: our choice, so Finalize also serves sessions created without payment details).
 */
export function checkFinalization(session: CheckoutSession, request: FinalizeRequest): void {
  const held = session.paymentDetails.chargeAmount;
  if (held !== null && !equals(held, request.chargeAmount))
    throw new DomainError(
      'AmountMismatch',
      `chargeAmount ${formatAmount(request.chargeAmount)} ${request.chargeAmount.currency} does not match the Checkout Session's ${formatAmount(held)} ${held.currency}.`,
    );
  const total = session.paymentDetails.totalOrderAmount;
  if (total !== null) {
    if (request.totalOrderAmount === undefined) throw missingParameter('totalOrderAmount');
    if (!equals(total, request.totalOrderAmount))
      throw new DomainError(
        'AmountMismatch',
        `totalOrderAmount ${formatAmount(request.totalOrderAmount)} ${request.totalOrderAmount.currency} does not match the Checkout Session's ${formatAmount(total)} ${total.currency}.`,
      );
  }
  if (session.supplementaryData !== null) {
    if (request.supplementaryData === undefined || request.supplementaryData === null)
      throw missingParameter('supplementaryData');
    if (request.supplementaryData !== session.supplementaryData)
      throw invalidParameter('supplementaryData', 'it does not match the Checkout Session.');
  }
  if (session.productType === 'PayOnly')
    checkAddress('billingAddress', request.billingAddress, session.billingAddress);
  else checkAddress('shippingAddress', request.shippingAddress, session.shippingAddress);
}
