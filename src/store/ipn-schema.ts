/**
 * Row types of the IPN delivery tables and of the outbox columns migration 0004 adds
 * (ipn-migration.ts); schema.ts names them in the Database interface.
 */
import type { Generated } from 'kysely';

/** Outbox columns for delivery: API generation, retry schedule, lease and last outcome. */
export interface OutboxDeliveryColumns {
  /** 'v2' (JSON message) or 'v1' (NotificationData XML rendered from payload). */
  api_version: Generated<string>;
  /** v1 only: `{ eventType?, details }` as JSON, captured with the change. */
  payload: string | null;
  /** 'pending' | 'delivered' | 'failed' | 'skipped'. */
  status: Generated<string>;
  /** Merchant time the retry offsets count from; null only on rows older than migration 0004. */
  schedule_from: number | null;
  schedule_step: Generated<number>;
  /** The dispatcher holding the row, and until when (real time). */
  lease_owner: string | null;
  lease_until: number | null;
  last_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
}

/** The delivery log: one row per POST, never updated. */
export interface IpnAttemptsTable {
  id: string;
  notification_id: string;
  merchant_id: string;
  environment: string;
  attempt: number;
  chaos: string | null;
  url: string;
  scheduled_at: number;
  attempted_at: number;
  latency_ms: number;
  outcome: string;
  status_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  dispatcher: string;
}

export interface IpnEndpointsTable {
  merchant_id: string;
  environment: string;
  url: string;
  subscription_id: string;
  created_at: number;
  /** Comma-wrapped v1 event types (v1-event-types.ts), null for all. */
  event_types: string | null;
}

export interface IpnSettingsTable {
  merchant_id: string;
  signing_cert_url: string | null;
  /** IpnChaos as JSON. */
  chaos: string;
  updated_at: number;
}
