import { DomainError, invalidParameter } from '../shared/errors.js';
import { assertTransition, type TransitionTable } from '../shared/lifecycle.js';
import type { Instant } from '../shared/time.js';

/**
 * A merchant account a solution provider registered through the Account Management API (JP
 * merchant onboarding guide; SDK methods createMerchantAccount / registerAmazonPayAccount). It is a
 * real localpay merchant (merchantAccountId is its merchant id); this record keeps what the provider
 * sent and where the account stands: the provider may update it until the merchant claims it
 * (Node SDK 2.3.4 README: "only able to update fields … till the account is claimed"), and may
 * delete it ("Partners can close the merchant accounts created for their merchant partners").
 */
export const MERCHANT_ACCOUNT_STATES = [
  'Registered',
  'ClaimInitiated',
  'Claimed',
  'Deleted',
] as const;
export type MerchantAccountState = (typeof MERCHANT_ACCOUNT_STATES)[number];

export const MERCHANT_ACCOUNT_TRANSITIONS = {
  Registered: ['ClaimInitiated', 'Deleted'],
  // A claim link can be asked for again (a new link replaces the old one) until it is used.
  ClaimInitiated: ['ClaimInitiated', 'Claimed', 'Deleted'],
  Claimed: ['Deleted'],
  Deleted: [],
} as const satisfies TransitionTable<MerchantAccountState>;

/** The request's documents, kept as sent (they are echoed to the admin API, never interpreted). */
export type AccountDocument = Readonly<Record<string, unknown>>;

export interface MerchantAccount {
  readonly merchantAccountId: string;
  readonly providerId: string;
  readonly uniqueReferenceId: string;
  readonly ledgerCurrency: string;
  readonly state: MerchantAccountState;
  /** businessInfo, primaryContactPerson, beneficiaryOwners, integrationInfo, merchantStatus. */
  readonly details: AccountDocument;
  /** The secret in the claim link while a claim is pending. */
  readonly claimToken: string | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

/** businessInfo fields that name the legal entity: an update may repeat them, not change them. */
export const LEGAL_ENTITY_FIELDS = [
  'businessType',
  'businessLegalName',
  'countryOfEstablishment',
] as const;

function move(
  account: MerchantAccount,
  to: MerchantAccountState,
  now: Instant,
  changes: Partial<MerchantAccount> = {},
): MerchantAccount {
  assertTransition(
    MERCHANT_ACCOUNT_TRANSITIONS,
    'merchant account',
    account.merchantAccountId,
    account.state,
    to,
    'InvalidAccountStatus',
  );
  return { ...account, ...changes, state: to, updatedAt: now };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Update Merchant Account: merges the sent documents into the stored ones, field by field. Only
 * before the merchant claims the account, and never changing the legal entity.
 */
export function updateMerchantAccount(
  account: MerchantAccount,
  patch: AccountDocument,
  now: Instant,
): MerchantAccount {
  if (account.state === 'Claimed' || account.state === 'Deleted')
    throw new DomainError(
      'InvalidAccountStatus',
      `The merchant account ${account.merchantAccountId} is ${account.state}; the solution provider can no longer update it.`,
    );
  const stored = isObject(account.details.businessInfo) ? account.details.businessInfo : {};
  const sent = isObject(patch.businessInfo) ? patch.businessInfo : {};
  for (const field of LEGAL_ENTITY_FIELDS)
    if (sent[field] !== undefined && stored[field] !== undefined && sent[field] !== stored[field])
      throw invalidParameter(
        `businessInfo.${field}`,
        'it names the legal business entity, which an update cannot change.',
      );
  const details: Record<string, unknown> = { ...account.details };
  for (const [key, value] of Object.entries(patch))
    details[key] =
      isObject(value) && isObject(details[key]) ? { ...details[key], ...value } : value;
  return { ...account, details, updatedAt: now };
}

/**
 * Merchant Account Claim: the provider proves it knows the account by its uniqueReferenceId and
 * gets a link the merchant follows to take the account over (PHP SDK README: 303 or 200).
 */
export function initiateClaim(
  account: MerchantAccount,
  uniqueReferenceId: string,
  claimToken: string,
  now: Instant,
): MerchantAccount {
  if (uniqueReferenceId !== account.uniqueReferenceId)
    throw invalidParameter(
      'uniqueReferenceId',
      `it is not the reference the merchant account ${account.merchantAccountId} was registered with.`,
    );
  return move(account, 'ClaimInitiated', now, { claimToken });
}

/** The merchant followed the claim link: the account is theirs, the link is spent. */
export function completeClaim(account: MerchantAccount, now: Instant): MerchantAccount {
  return move(account, 'Claimed', now, { claimToken: null });
}

export function deleteMerchantAccount(account: MerchantAccount, now: Instant): MerchantAccount {
  return move(account, 'Deleted', now, { claimToken: null });
}
