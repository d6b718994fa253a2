import type { ChargePermission } from '../charge-permission/charge-permission.js';
import type { CheckoutSession } from '../checkout-session/checkout-session.js';
import { DAY, type Instant } from './time.js';

/**
 * What Amazon keeps, on the merchant's clock, so a merchant whose code re-reads old objects finds
 * out here:
 * - "Amazon Pay permanently deletes Checkout Session objects and any associated information after
 *   30 days" (Amazon Checkout Session page): afterwards the session is not found.
 * - One-time Charge Permissions serve buyer details "in the first 30 days after the time the
 *   Charge Permission was created"; recurring ones "while the Charge Permission is in an Open State
 *   or for up to 30 days after" it is closed (Amazon Charge Permission page). Saved Wallet
 *   permissions follow the recurring rule (docs silent: our choice).
 */
export const RETENTION = 30 * DAY;

export const checkoutSessionDeleted = (session: CheckoutSession, now: Instant): boolean =>
  now >= session.createdAt + RETENTION;

export function buyerDetailsRetained(permission: ChargePermission, now: Instant): boolean {
  if (permission.type === 'OneTime') return now < permission.createdAt + RETENTION;
  // A closed Recurring or Saved Wallet permission cannot be modified, so lastUpdatedAt is its close.
  return permission.state !== 'Closed' || now < permission.lastUpdatedAt + RETENTION;
}

/** The permission as the API shows it: without buyer details once they are no longer served. */
export const asServed = (permission: ChargePermission, now: Instant): ChargePermission =>
  buyerDetailsRetained(permission, now)
    ? permission
    : { ...permission, buyer: null, shippingAddress: null, billingAddress: null };
