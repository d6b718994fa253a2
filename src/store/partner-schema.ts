/** Row types of the partner tables (migration 0008, partner-migration.ts). */
export interface PartnerRolesTable {
  merchant_id: string;
  role: string;
}

export interface DelegationsTable {
  mws_auth_token: string;
  authorization_token: string;
  merchant_id: string;
  provider_id: string;
  created_at: number;
  revoked_at: number | null;
}

export interface MerchantAccountsTable {
  merchant_account_id: string;
  provider_id: string;
  unique_reference_id: string;
  state: string;
  claim_token: string | null;
  created_at: number;
  /** The MerchantAccount as JSON. */
  data: string;
}

export interface PartnerStoresTable {
  store_id: string;
  merchant_account_id: string;
  /** What the provider sent for the store, as JSON. */
  data: string;
}

export interface PartnerTables {
  partner_roles: PartnerRolesTable;
  delegations: DelegationsTable;
  merchant_accounts: MerchantAccountsTable;
  partner_stores: PartnerStoresTable;
}
