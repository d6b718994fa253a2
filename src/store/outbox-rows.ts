/**
 * Reading outbox and delivery-log rows back into the records of the IPN ports (src/app/ports.ts),
 * narrowing the enumerated text columns the store wrote.
 */
import type { Selectable } from 'kysely';
import type {
  AttemptOutcome,
  ChaosCopy,
  DeliveryAttempt,
  NotificationRecord,
  NotificationStatus,
} from '../app/ports.js';
import type { IpnAttemptsTable } from './ipn-schema.js';
import { CorruptRowError, environmentColumn } from './row-values.js';
import type { OutboxTable } from './schema.js';

const STATUSES: readonly NotificationStatus[] = ['pending', 'delivered', 'failed', 'skipped'];
const OUTCOMES: readonly AttemptOutcome[] = [
  'delivered',
  'rejected',
  'httpError',
  'timeout',
  'networkError',
];
const CHAOS: readonly ChaosCopy[] = ['duplicate', 'badSignature'];

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new CorruptRowError(`Unknown ${what} '${value}' in the database.`);
  return found;
}

export type OutboxRow = Selectable<OutboxTable>;

export function notificationFromRow(row: OutboxRow): NotificationRecord {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    environment: environmentColumn(row.environment),
    apiVersion: oneOf(['v2', 'v1'] as const, row.api_version, 'API version'),
    objectType: row.object_type,
    objectId: row.object_id,
    chargePermissionId: row.charge_permission_id,
    notificationType: row.notification_type,
    payload: row.payload,
    createdAt: row.created_at,
    status: oneOf(STATUSES, row.status, 'notification status'),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    scheduleFrom: row.schedule_from ?? row.created_at,
    scheduleStep: row.schedule_step,
    lastAttemptAt: row.last_attempt_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
  };
}

export function attemptFromRow(row: Selectable<IpnAttemptsTable>): DeliveryAttempt {
  return {
    id: row.id,
    notificationId: row.notification_id,
    merchantId: row.merchant_id,
    environment: environmentColumn(row.environment),
    attempt: row.attempt,
    chaos: row.chaos === null ? null : oneOf(CHAOS, row.chaos, 'chaos copy'),
    url: row.url,
    scheduledAt: row.scheduled_at,
    attemptedAt: row.attempted_at,
    latencyMs: row.latency_ms,
    outcome: oneOf(OUTCOMES, row.outcome, 'attempt outcome'),
    statusCode: row.status_code,
    responseExcerpt: row.response_excerpt,
    error: row.error,
    dispatcher: row.dispatcher,
  };
}

export function attemptToRow(attempt: DeliveryAttempt): IpnAttemptsTable {
  return {
    id: attempt.id,
    notification_id: attempt.notificationId,
    merchant_id: attempt.merchantId,
    environment: attempt.environment,
    attempt: attempt.attempt,
    chaos: attempt.chaos,
    url: attempt.url,
    scheduled_at: attempt.scheduledAt,
    attempted_at: attempt.attemptedAt,
    latency_ms: Math.round(attempt.latencyMs),
    outcome: attempt.outcome,
    status_code: attempt.statusCode,
    response_excerpt: attempt.responseExcerpt,
    error: attempt.error,
    dispatcher: attempt.dispatcher,
  };
}
