/**
 * Per-merchant IPN endpoints (one per environment) and settings (IpnSettingsRepository).
 */
import type { Kysely } from 'kysely';
import type { IpnChaos, IpnEndpoint, IpnMerchantSettings } from '../app/ports.js';
import type { ReleaseEnvironment } from '../domain/shared/environment.js';
import type { Instant } from '../domain/shared/time.js';
import { documentColumn, environmentColumn } from './row-values.js';
import type { Database } from './schema.js';

export async function listEndpoints(
  db: Kysely<Database>,
  merchantId?: string,
): Promise<IpnEndpoint[]> {
  let query = db.selectFrom('ipn_endpoints').selectAll();
  if (merchantId !== undefined) query = query.where('merchant_id', '=', merchantId);
  const rows = await query.orderBy('merchant_id').orderBy('environment').execute();
  return rows.map((row) => ({
    merchantId: row.merchant_id,
    environment: environmentColumn(row.environment),
    url: row.url,
    subscriptionId: row.subscription_id,
    createdAt: row.created_at,
    eventTypes: row.event_types,
  }));
}

export async function findEndpointBySubscription(
  db: Kysely<Database>,
  subscriptionId: string,
): Promise<IpnEndpoint | undefined> {
  const row = await db
    .selectFrom('ipn_endpoints')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        merchantId: row.merchant_id,
        environment: environmentColumn(row.environment),
        url: row.url,
        subscriptionId: row.subscription_id,
        createdAt: row.created_at,
        eventTypes: row.event_types,
      };
}

/** One endpoint per merchant and environment: a new URL replaces the old one. */
export async function putEndpoint(db: Kysely<Database>, endpoint: IpnEndpoint): Promise<void> {
  await db
    .insertInto('ipn_endpoints')
    .values({
      merchant_id: endpoint.merchantId,
      environment: endpoint.environment,
      url: endpoint.url,
      subscription_id: endpoint.subscriptionId,
      created_at: endpoint.createdAt,
      event_types: endpoint.eventTypes ?? null,
    })
    .onConflict((conflict) =>
      conflict.columns(['merchant_id', 'environment']).doUpdateSet({
        url: endpoint.url,
        subscription_id: endpoint.subscriptionId,
        created_at: endpoint.createdAt,
        event_types: endpoint.eventTypes ?? null,
      }),
    )
    .execute();
}

export async function removeEndpoint(
  db: Kysely<Database>,
  merchantId: string,
  environment: ReleaseEnvironment,
): Promise<boolean> {
  const result = await db
    .deleteFrom('ipn_endpoints')
    .where('merchant_id', '=', merchantId)
    .where('environment', '=', environment)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function skipPending(
  db: Kysely<Database>,
  merchantId: string,
  environment: ReleaseEnvironment,
  before: Instant,
): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'skipped', lease_owner: null, lease_until: null })
    .where('merchant_id', '=', merchantId)
    .where('environment', '=', environment)
    .where('status', '=', 'pending')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const CHAOS_OFF: IpnChaos = {
  duplicateRate: 0,
  badSignatureRate: 0,
  outOfOrderWindowMs: 0,
  delayMs: 0,
};

export async function findSettings(
  db: Kysely<Database>,
  merchantIds: readonly string[],
): Promise<IpnMerchantSettings[]> {
  if (merchantIds.length === 0) return [];
  const rows = await db
    .selectFrom('ipn_settings')
    .selectAll()
    .where('merchant_id', 'in', [...merchantIds])
    .execute();
  return rows.map((row) => ({
    merchantId: row.merchant_id,
    signingCertUrl: row.signing_cert_url,
    chaos: { ...CHAOS_OFF, ...documentColumn<Partial<IpnChaos>>(row.chaos) },
  }));
}

export async function putSettings(
  db: Kysely<Database>,
  settings: IpnMerchantSettings,
  now: Instant,
): Promise<void> {
  const values = {
    signing_cert_url: settings.signingCertUrl,
    chaos: JSON.stringify(settings.chaos),
    updated_at: now,
  };
  await db
    .insertInto('ipn_settings')
    .values({ merchant_id: settings.merchantId, ...values })
    .onConflict((conflict) => conflict.column('merchant_id').doUpdateSet(values))
    .execute();
}
