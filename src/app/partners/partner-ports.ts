import type { Delegation, PartnerRole } from '../../domain/partners/delegation.js';
import type { MerchantAccount } from '../../domain/partners/merchant-account.js';

/**
 * What partner operations (issue 13) need from the store: roles, delegations, and the merchant
 * accounts and stores solution providers registered. Implemented by store/partner-repositories.ts.
 */
export interface PartnerRoleRepository {
  list(merchantId: string): Promise<PartnerRole[]>;
  /** Replaces the merchant's roles. */
  set(merchantId: string, roles: readonly PartnerRole[]): Promise<void>;
}

export interface DelegationRepository {
  findByMwsAuthToken(mwsAuthToken: string): Promise<Delegation | undefined>;
  findByAuthorizationToken(authorizationToken: string): Promise<Delegation | undefined>;
  /** Grants made by this merchant, oldest first. */
  listByMerchant(merchantId: string): Promise<Delegation[]>;
  insert(delegation: Delegation): Promise<void>;
  update(delegation: Delegation): Promise<void>;
}

export interface MerchantAccountRepository {
  find(merchantAccountId: string): Promise<MerchantAccount | undefined>;
  findByReference(
    providerId: string,
    uniqueReferenceId: string,
  ): Promise<MerchantAccount | undefined>;
  findByClaimToken(claimToken: string): Promise<MerchantAccount | undefined>;
  insert(account: MerchantAccount): Promise<void>;
  update(account: MerchantAccount): Promise<void>;
}

/** What Create Store / Update Store were sent (PHP SDK 2.7.2), beside the localpay store it made. */
export interface PartnerStore {
  readonly storeId: string;
  readonly merchantAccountId: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface PartnerStoreRepository {
  find(storeId: string): Promise<PartnerStore | undefined>;
  listByAccount(merchantAccountId: string): Promise<PartnerStore[]>;
  insert(store: PartnerStore): Promise<void>;
  update(store: PartnerStore): Promise<void>;
}

export interface PartnerRepositories {
  readonly partnerRoles: PartnerRoleRepository;
  readonly delegations: DelegationRepository;
  readonly merchantAccounts: MerchantAccountRepository;
  readonly partnerStores: PartnerStoreRepository;
}
