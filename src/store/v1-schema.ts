/**
 * Row types of the v1 (MWS) tables created by v1-migration.ts: the v1 aggregates share the
 * aggregate-table shape (schema.ts AggregateTable) with the key columns their lookups need.
 */
import type { AggregateTable } from './schema.js';

export interface MwsCredentialsTable {
  access_key_id: string;
  merchant_id: string;
  secret_key: string;
  created_at: number;
}

export interface V1AccessTokensTable {
  token: string;
  merchant_id: string;
  buyer_id: string;
  client_id: string;
  scope: string;
  created_at: number;
  expires_at: number;
}

export interface V1AuthorizationsTable extends AggregateTable {
  order_reference_id: string;
  billing_agreement_id: string | null;
}

export interface V1CapturesTable extends AggregateTable {
  authorization_id: string;
}

export interface V1RefundsTable extends AggregateTable {
  capture_id: string;
}

export interface V1ProviderCreditsTable extends AggregateTable {
  capture_id: string;
}

export interface V1ProviderCreditReversalsTable extends AggregateTable {
  provider_credit_id: string;
}

/** Merchant reference ids (AuthorizationReferenceId, …): unique per seller, environment and kind. */
export interface V1ReferencesTable {
  merchant_id: string;
  environment: string;
  kind: string;
  reference_id: string;
  object_id: string;
  created_at: number;
}

export interface V1Tables {
  mws_credentials: MwsCredentialsTable;
  v1_access_tokens: V1AccessTokensTable;
  order_references: AggregateTable;
  billing_agreements: AggregateTable;
  v1_authorizations: V1AuthorizationsTable;
  v1_captures: V1CapturesTable;
  v1_refunds: V1RefundsTable;
  v1_references: V1ReferencesTable;
  v1_provider_credits: V1ProviderCreditsTable;
  v1_provider_credit_reversals: V1ProviderCreditReversalsTable;
}

export type V1AggregateTableName =
  | 'order_references'
  | 'billing_agreements'
  | 'v1_authorizations'
  | 'v1_captures'
  | 'v1_refunds'
  | 'v1_provider_credits'
  | 'v1_provider_credit_reversals';
