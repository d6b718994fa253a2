import { DomainError } from '../shared/errors.js';
import type { Instant } from '../shared/time.js';

/**
 * What a partner may do besides selling (issue 13): a payment service provider may report the
 * status of charges it processed (Update Charge, Node SDK README "supported only for PSPs"); a
 * solution provider may onboard merchants (JP merchant onboarding guide: "can only be invoked by
 * authorised Solution Provider"). Amazon grants these roles by contract; localpay's operator grants
 * them through the admin API.
 */
export const PARTNER_ROLES = ['PaymentServiceProvider', 'SolutionProvider'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

const ROLE_NAMES = {
  PaymentServiceProvider: 'payment service providers',
  SolutionProvider: 'authorised solution providers',
} as const satisfies Record<PartnerRole, string>;

export function requireRole(
  roles: readonly PartnerRole[],
  role: PartnerRole,
  merchantId: string,
  operation: string,
): void {
  if (!roles.includes(role))
    throw new DomainError(
      'UnauthorizedAccess',
      `${operation} is only available to ${ROLE_NAMES[role]}; the merchant ${merchantId} is not one.`,
    );
}

/**
 * A merchant's delegation to a solution provider (Amazon's hosted registration returns it to the
 * provider as `MWSAuthToken`, "a unique shared secret token … to enable making calls on behalf of
 * the merchant with the SP keys", DOC amazon-pay-registration/hostedcredentials). The v1 API takes
 * the MWSAuthToken itself; v2 exchanges it for an authorization token (Get Authorization Token)
 * sent as `x-amz-pay-authtoken`. Revoking it ends both.
 */
export interface Delegation {
  /** `amzn.mws.<uuid>`, the form MWS auth tokens have. */
  readonly mwsAuthToken: string;
  /** The merchant that granted it. */
  readonly merchantId: string;
  /** The provider (itself a merchant account with its own keys) that may act for it. */
  readonly providerId: string;
  /** What Get Authorization Token answers, for `x-amz-pay-authtoken`. */
  readonly authorizationToken: string;
  readonly createdAt: Instant;
  readonly revokedAt: Instant | null;
}

export function newDelegation(
  grant: { readonly merchantId: string; readonly providerId: string },
  tokens: { readonly mwsAuthToken: string; readonly authorizationToken: string },
  now: Instant,
): Delegation {
  if (grant.merchantId === grant.providerId)
    throw new DomainError(
      'InvalidParameterValue',
      'A merchant cannot delegate to itself: its own keys already act for it.',
    );
  return { ...grant, ...tokens, createdAt: now, revokedAt: null };
}

export const isActive = (delegation: Delegation): boolean => delegation.revokedAt === null;

export const revokeDelegation = (delegation: Delegation, now: Instant): Delegation =>
  isActive(delegation) ? { ...delegation, revokedAt: now } : delegation;

/**
 * Whether `providerId` may act for `merchantId` with this delegation: it must exist, be the one
 * that merchant granted to that provider, and not be revoked. Anything else is refused alike, so
 * a caller learns nothing about other merchants' grants.
 */
export function permits(
  delegation: Delegation | undefined,
  merchantId: string,
  providerId: string,
): delegation is Delegation {
  return (
    delegation !== undefined &&
    isActive(delegation) &&
    delegation.merchantId === merchantId &&
    delegation.providerId === providerId
  );
}
