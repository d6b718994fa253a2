import type { Kysely } from 'kysely';
import type { MerchantDataRepository } from '../app/back-office/reset-ports.js';
import type { Database } from './schema.js';

/** Every table of a merchant's traffic (not its configuration); all have a merchant_id column. */
const TRAFFIC_TABLES = [
  'checkout_sessions',
  'charge_permissions',
  'charges',
  'refunds',
  'order_references',
  'billing_agreements',
  'v1_authorizations',
  'v1_captures',
  'v1_refunds',
  'v1_provider_credits',
  'v1_provider_credit_reversals',
  'v1_references',
  'v1_access_tokens',
  'idempotency_records',
  'outbox',
  'ipn_attempts',
  'state_transitions',
  'request_log',
  'buyer_tokens',
  'delivery_trackers',
  'ledger_entries',
  'reports',
  'report_schedules',
  'report_documents',
  'disputes',
  'evidence_files',
] as const satisfies readonly (keyof Database)[];

export class SqlMerchantDataRepository implements MerchantDataRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async erase(merchantId: string): Promise<void> {
    for (const table of TRAFFIC_TABLES)
      await this.db.deleteFrom(table).where('merchant_id', '=', merchantId).execute();
  }
}
