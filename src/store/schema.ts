/**
 * Row types of every table, as Kysely sees them (created by migrations.ts). Column names are
 * snake_case in the database and no case-converting plugin is used: it would cost work on every
 * query of the hot path. Instants are `bigint` columns read back as JS numbers (dialects.ts makes
 * PostgreSQL's int8 parse to number; milliseconds since 1970 stay far below 2^53).
 */
import type { Generated } from 'kysely';
import type {
  IpnAttemptsTable,
  IpnEndpointsTable,
  IpnSettingsTable,
  OutboxDeliveryColumns,
} from './ipn-schema.js';
import type { PartnerTables } from './partner-schema.js';
import type { InspectionTables } from './inspection-schema.js';
import type { V1AggregateTableName, V1Tables } from './v1-schema.js';
import type { BackOfficeAggregateTableName, BackOfficeTables } from './back-office-schema.js';

export interface MerchantsTable {
  merchant_id: string;
  name: string;
  region: string;
  clock_offset_ms: number;
  created_at: number;
  /** Null until set: no transaction-risk-analysis exemption (migration 0003). */
  sca_tra_class: string | null;
}

export interface PublicKeysTable {
  public_key_id: string;
  merchant_id: string;
  /** Null for legacy keys, whose requests name the environment in the path. */
  environment: string | null;
  public_key_pem: string;
  created_at: number;
}

export interface MerchantStoresTable {
  store_id: string;
  merchant_id: string;
  name: string;
  /** JSON string arrays (migration 0008); null: the loopback defaults (allowed-destinations.ts). */
  allowed_return_urls: string | null;
  allowed_js_origins: string | null;
}

export interface TestBuyersTable {
  buyer_id: string;
  merchant_id: string;
  /** The TestBuyer as JSON. */
  data: string;
  /** When it was added (migration 0007): the list's order. */
  created_at: Generated<number>;
}

/**
 * One aggregate per row: the key columns every lookup and timer needs, the rest as a JSON
 * document, so that a new field on an aggregate needs no migration.
 */
export interface AggregateTable {
  id: string;
  merchant_id: string;
  environment: string;
  state: string;
  /** The next instant a timer changes the object, or null when none is pending (scheduler index). */
  due_at: number | null;
  created_at: number;
  data: string;
}

export interface ChargesTable extends AggregateTable {
  charge_permission_id: string;
  /** The charge amount in minor units and its currency, for the monthly-limit sum. */
  amount_minor: number | null;
  currency: string | null;
}

export interface RefundsTable extends AggregateTable {
  charge_id: string;
}

export interface IdempotencyRecordsTable {
  merchant_id: string;
  idempotency_key: string;
  fingerprint: string;
  status_code: number;
  response_body: string;
  created_at: number;
}

export interface OutboxTable extends OutboxDeliveryColumns {
  id: string;
  merchant_id: string;
  environment: string;
  object_type: string;
  object_id: string;
  charge_permission_id: string | null;
  notification_type: string;
  created_at: number;
  attempts: Generated<number>;
  next_attempt_at: number;
  delivered_at: number | null;
}

/** Amazon Sign-in's buyer tokens (migration 0009); scopes as a JSON array. */
export interface BuyerTokensTable {
  token: string;
  merchant_id: string;
  environment: string;
  store_id: string;
  buyer_id: string;
  scopes: string;
  created_at: number;
  expires_at: number;
}

/** Delivery trackers (migration 0010). */
export interface DeliveryTrackersTable {
  merchant_id: string;
  environment: string;
  carrier_code: string;
  tracking_number: string;
  object_type: string;
  object_id: string;
  created_at: number;
}

export interface Database extends V1Tables, BackOfficeTables, PartnerTables, InspectionTables {
  buyer_tokens: BuyerTokensTable;
  delivery_trackers: DeliveryTrackersTable;
  merchants: MerchantsTable;
  public_keys: PublicKeysTable;
  merchant_stores: MerchantStoresTable;
  test_buyers: TestBuyersTable;
  checkout_sessions: AggregateTable;
  charge_permissions: AggregateTable;
  charges: ChargesTable;
  refunds: RefundsTable;
  idempotency_records: IdempotencyRecordsTable;
  outbox: OutboxTable;
  ipn_attempts: IpnAttemptsTable;
  ipn_endpoints: IpnEndpointsTable;
  ipn_settings: IpnSettingsTable;
}

/** The tables AggregateRepository serves; they share AggregateTable's columns. */
export type AggregateTableName =
  | 'checkout_sessions'
  | 'charge_permissions'
  | 'charges'
  | 'refunds'
  | V1AggregateTableName
  | BackOfficeAggregateTableName;
