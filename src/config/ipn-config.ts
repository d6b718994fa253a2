import { parseDuration } from './duration.js';
import {
  DEFAULT_RETRY_SCHEDULE_TEXT,
  parseRetrySchedule,
  type RetrySchedule,
} from './retry-schedule-config.js';

/** How localpay delivers IPNs (docs/ipn.md). */
export interface IpnConfig {
  /** Off leaves notifications in the outbox (another process, or a later start, delivers them). */
  readonly dispatch: boolean;
  /** Waits between attempts on the merchant's clock (LOCALPAY_IPN_RETRY_SCHEDULE). */
  readonly retrySchedule: RetrySchedule;
  /** How long one POST may take before it counts as a timeout. */
  readonly timeoutMs: number;
  /** POSTs in flight at once, per process. */
  readonly concurrency: number;
  /** How often the dispatcher looks for due notifications besides being woken by commits. */
  readonly pollMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function milliseconds(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = parseDuration(raw);
  if (value === null || value < min)
    throw new Error(
      `${name} must be a duration of at least ${min} ms (e.g. 5s, 500), got '${raw}'.`,
    );
  return value;
}

export function loadIpnConfig(env: Env): IpnConfig {
  const scheduleText = env.LOCALPAY_IPN_RETRY_SCHEDULE ?? DEFAULT_RETRY_SCHEDULE_TEXT;
  const retrySchedule = parseRetrySchedule(scheduleText);
  if (retrySchedule === null)
    throw new Error(
      `LOCALPAY_IPN_RETRY_SCHEDULE must list waits such as '1h*336' or '30s,5m,1h*24', got '${scheduleText}'.`,
    );
  const dispatch = (env.LOCALPAY_IPN_DISPATCH ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(dispatch))
    throw new Error(`LOCALPAY_IPN_DISPATCH must be on or off, got '${dispatch}'.`);
  const concurrency = Number(env.LOCALPAY_IPN_CONCURRENCY ?? '16');
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 1024)
    throw new Error(
      `LOCALPAY_IPN_CONCURRENCY must be 1 to 1024, got '${env.LOCALPAY_IPN_CONCURRENCY}'.`,
    );
  return {
    dispatch: dispatch === 'on',
    retrySchedule,
    timeoutMs: milliseconds(env, 'LOCALPAY_IPN_TIMEOUT', 5_000, 1),
    concurrency,
    pollMs: milliseconds(env, 'LOCALPAY_IPN_POLL', 1_000, 1),
  };
}
