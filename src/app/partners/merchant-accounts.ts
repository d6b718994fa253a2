import { requireRole } from '../../domain/partners/delegation.js';
import {
  completeClaim,
  deleteMerchantAccount as closeAccount,
  initiateClaim,
  updateMerchantAccount as mergeAccount,
  type AccountDocument,
  type MerchantAccount,
} from '../../domain/partners/merchant-account.js';
import { LEDGER_CURRENCY } from '../../domain/checkout-session/checkout-currency.js';
import { DomainError, invalidParameter, notFound } from '../../domain/shared/errors.js';
import { revokeDelegation } from '../../domain/partners/delegation.js';
import type { AppDependencies } from '../ports.js';
import type { Unit } from '../unit-of-work.js';
import { insertMerchant } from '../merchant-administration.js';
import { insertDelegation } from './delegations.js';
import { createAccountStore, type StoreInput } from './partner-stores.js';
import { providerAccount } from './provider-account.js';

/**
 * The Account Management API for solution providers (JP merchant onboarding guide; Node SDK
 * createMerchantAccount / updateMerchantAccount / merchantAccountClaim / register-, update-,
 * deleteAmazonPayAccount; PHP SDK createStore / updateStore). The signed caller is the provider:
 * `callerId` is the owner of the key, whichever merchant an x-amz-pay-authtoken acts for.
 */
export interface RegisterAccountInput {
  readonly uniqueReferenceId: string;
  readonly ledgerCurrency: string;
  /** businessInfo, primaryContactPerson, beneficiaryOwners, integrationInfo, merchantStatus. */
  readonly details: AccountDocument;
  readonly stores: readonly StoreInput[];
}

export interface AccountReference {
  readonly merchantAccountId: string;
  readonly uniqueReferenceId: string;
}

const reference = (account: MerchantAccount): AccountReference => ({
  merchantAccountId: account.merchantAccountId,
  uniqueReferenceId: account.uniqueReferenceId,
});

const text = (document: unknown, key: string): string | undefined => {
  if (document === null || typeof document !== 'object') return undefined;
  const value = (document as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Shown in the admin API and on the claim page: the display name, else the legal name. */
const accountName = (details: AccountDocument): string | undefined =>
  text(details.businessInfo, 'businessDisplayName') ??
  text(details.businessInfo, 'businessLegalName');

export async function registerMerchantAccount(
  unit: Unit,
  callerId: string,
  input: RegisterAccountInput,
): Promise<AccountReference> {
  const { tx } = unit;
  requireRole(
    await tx.partnerRoles.list(callerId),
    'SolutionProvider',
    callerId,
    'Create Merchant Account',
  );
  const provider = await tx.merchants.find(callerId);
  if (provider === undefined) throw notFound('merchant', callerId);
  const ledger = LEDGER_CURRENCY[provider.region];
  if (input.ledgerCurrency !== ledger)
    throw invalidParameter(
      'ledgerCurrency',
      `accounts registered in the ${provider.region} region keep their ledger in ${ledger}.`,
    );
  if (text(input.details.businessInfo, 'businessLegalName') === undefined)
    throw new DomainError(
      'MissingParameterValue',
      "The parameter 'businessInfo.businessLegalName' is required but was not provided.",
    );
  const existing = await tx.merchantAccounts.findByReference(callerId, input.uniqueReferenceId);
  if (existing !== undefined)
    throw new DomainError(
      'InvalidRequest',
      `The uniqueReferenceId ${input.uniqueReferenceId} is already registered as merchant account ${existing.merchantAccountId}.`,
    );
  const name = (accountName(input.details) ?? '').slice(0, 100);
  const overview = await insertMerchant(
    tx,
    unit.random,
    { name, region: provider.region },
    unit.now,
  );
  const merchantAccountId = overview.merchant.merchantId;
  const account: MerchantAccount = {
    merchantAccountId,
    providerId: callerId,
    uniqueReferenceId: input.uniqueReferenceId,
    ledgerCurrency: input.ledgerCurrency,
    state: 'Registered',
    details: input.details,
    claimToken: null,
    createdAt: unit.now,
    updatedAt: unit.now,
  };
  await tx.merchantAccounts.insert(account);
  // The provider acts for the merchants it onboards: the delegation is there from the start.
  await insertDelegation(
    tx,
    unit.random,
    { merchantId: merchantAccountId, providerId: callerId },
    unit.now,
  );
  const [defaultStore] = overview.stores;
  for (const [index, store] of input.stores.entries())
    await createAccountStore(
      tx,
      unit.random,
      account,
      store,
      index === 0 ? defaultStore : undefined,
    );
  return reference(account);
}

export async function updateMerchantAccount(
  unit: Unit,
  callerId: string,
  merchantAccountId: string,
  patch: AccountDocument,
): Promise<AccountReference> {
  const before = await providerAccount(unit, callerId, merchantAccountId);
  const after = mergeAccount(before, patch, unit.now);
  await unit.tx.merchantAccounts.update(after);
  const name = accountName(after.details);
  const merchant = await unit.tx.merchants.find(merchantAccountId);
  if (merchant !== undefined && name !== undefined && name !== merchant.name)
    await unit.tx.merchants.update({ ...merchant, name: name.slice(0, 100) });
  return reference(after);
}

/** Closing the account also ends the provider's delegation from it. */
export async function deleteMerchantAccount(
  unit: Unit,
  callerId: string,
  merchantAccountId: string,
): Promise<AccountReference> {
  const before = await providerAccount(unit, callerId, merchantAccountId);
  await unit.tx.merchantAccounts.update(closeAccount(before, unit.now));
  for (const delegation of await unit.tx.delegations.listByMerchant(merchantAccountId)) {
    const revoked = revokeDelegation(delegation, unit.now);
    if (delegation.providerId === callerId && revoked !== delegation)
      await unit.tx.delegations.update(revoked);
  }
  return reference(before);
}

/** Answers the claim token the merchant's link carries. */
export async function claimMerchantAccount(
  unit: Unit,
  callerId: string,
  merchantAccountId: string,
  uniqueReferenceId: string,
): Promise<string> {
  const before = await providerAccount(unit, callerId, merchantAccountId);
  const token = unit.random.hex(40);
  await unit.tx.merchantAccounts.update(initiateClaim(before, uniqueReferenceId, token, unit.now));
  return token;
}

export interface ClaimView {
  readonly merchantAccountId: string;
  readonly name: string;
  readonly state: MerchantAccount['state'];
}

const claimed = (token: string): DomainError => notFound('claim link', token.slice(0, 8));

/** What the claim page shows; an unknown or spent link reads as not found. */
export function viewClaim(deps: AppDependencies, token: string): Promise<ClaimView> {
  return deps.store.transaction(async (tx) => {
    const account = await tx.merchantAccounts.findByClaimToken(token);
    if (account === undefined) throw claimed(token);
    return {
      merchantAccountId: account.merchantAccountId,
      name: accountName(account.details) ?? account.merchantAccountId,
      state: account.state,
    };
  });
}

/** The merchant took the account over: the provider can no longer update it. */
export function acceptClaim(deps: AppDependencies, token: string): Promise<ClaimView> {
  return deps.store.transaction(async (tx) => {
    const account = await tx.merchantAccounts.findByClaimToken(token);
    if (account === undefined) throw claimed(token);
    const merchant = await tx.merchants.find(account.merchantAccountId);
    const now = deps.clock.now() + (merchant?.clockOffsetMs ?? 0);
    const after = completeClaim(account, now);
    await tx.merchantAccounts.update(after);
    return {
      merchantAccountId: after.merchantAccountId,
      name: accountName(after.details) ?? after.merchantAccountId,
      state: after.state,
    };
  });
}

/** For the admin API: the account record as stored (the provider's documents included). */
export function getMerchantAccount(
  deps: AppDependencies,
  merchantAccountId: string,
): Promise<MerchantAccount> {
  return deps.store.transaction(async (tx) => {
    const account = await tx.merchantAccounts.find(merchantAccountId);
    if (account === undefined) throw notFound('merchant account', merchantAccountId);
    return account;
  });
}
