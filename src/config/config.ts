import path from 'node:path';
import { isRegion, type Region } from '../domain/shared/environment.js';
import { MINUTE } from '../domain/shared/time.js';
import { loadIpnConfig, type IpnConfig } from './ipn-config.js';
import { parseMwsThrottle, type MwsThrottleConfig } from './mws-throttle-config.js';

/**
 * Everything localpay can be told, parsed once from the environment (and CLI flags layered on top)
 * into a frozen, typed object. Defaults live here and nowhere else.
 */
export interface Config {
  /** Folder holding the embedded database, the generated CA and certificates, and default keys. */
  readonly dataDir: string;
  /** PostgreSQL connection string; when null the embedded SQLite store in dataDir is used. */
  readonly databaseUrl: string | null;
  /** SQLite durability: FULL survives an OS crash; NORMAL only a killed process (DESIGN.md §7). */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly host: string;
  /** HTTPS listener for the SDKs (`overrideServiceUrl`). 0 picks a free port. */
  readonly httpsPort: number;
  /** Plain HTTP listener for browsers and local tools. 0 picks a free port. */
  readonly httpPort: number;
  /** Base of buyer-facing links such as amazonPayRedirectUrl; derived from the HTTP listener if unset. */
  readonly publicBaseUrl: string | null;
  /** Extra names the server certificate must cover besides localhost, 127.0.0.1 and ::1. */
  readonly tlsHostnames: readonly string[];
  /** When set, the admin API requires `Authorization: Bearer <token>`; otherwise it is loopback-only. */
  readonly adminToken: string | null;
  /** Largest accepted distance between x-amz-pay-date and real time. */
  readonly signatureSkewMs: number;
  /** Region of the merchant created on first start. */
  readonly defaultRegion: Region;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** How often due timers (expiries, async outcomes) are swept in the background. */
  readonly timerSweepMs: number;
  /** IPN delivery: retry schedule, timeout, concurrency, polling (ipn-config.ts). */
  readonly ipn: IpnConfig;
  /** v1 MWS throttling (LOCALPAY_MWS_THROTTLE): off, amazon, or BURST/PER_SECOND. */
  readonly mwsThrottle: MwsThrottleConfig;
  /** Rows the console's request log keeps (LOCALPAY_REQUEST_LOG_ROWS); older calls are trimmed. */
  readonly requestLogRetention: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got '${raw}'.`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = allowed.find((value) => value.toLowerCase() === raw.toLowerCase());
  if (match === undefined)
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got '${raw}'.`);
  return match;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const region = (env.LOCALPAY_DEFAULT_REGION ?? 'EU').toUpperCase();
  if (!isRegion(region))
    throw new Error(`LOCALPAY_DEFAULT_REGION must be NA, EU, UK or JP, got '${region}'.`);
  const config: Config = {
    dataDir: path.resolve(env.LOCALPAY_DATA_DIR ?? '.localpay'),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : null,
    sqliteSynchronous: oneOf(
      env,
      'LOCALPAY_SQLITE_SYNCHRONOUS',
      ['FULL', 'NORMAL'] as const,
      'FULL',
    ),
    host: env.LOCALPAY_HOST ?? '127.0.0.1',
    httpsPort: integer(env, 'LOCALPAY_HTTPS_PORT', 8443),
    httpPort: integer(env, 'LOCALPAY_HTTP_PORT', 8080),
    publicBaseUrl: env.LOCALPAY_PUBLIC_URL ? env.LOCALPAY_PUBLIC_URL.replace(/\/+$/, '') : null,
    tlsHostnames: (env.LOCALPAY_TLS_HOSTNAMES ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    adminToken:
      env.LOCALPAY_ADMIN_TOKEN && env.LOCALPAY_ADMIN_TOKEN !== '' ? env.LOCALPAY_ADMIN_TOKEN : null,
    signatureSkewMs: integer(env, 'LOCALPAY_SIGNATURE_SKEW_SECONDS', 15 * 60) * 1000,
    defaultRegion: region,
    logLevel: oneOf(
      env,
      'LOCALPAY_LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const,
      'warn',
    ),
    timerSweepMs: integer(env, 'LOCALPAY_TIMER_SWEEP_MS', MINUTE / 60),
    ipn: loadIpnConfig(env),
    mwsThrottle: parseMwsThrottle(env.LOCALPAY_MWS_THROTTLE),
    requestLogRetention: integer(env, 'LOCALPAY_REQUEST_LOG_ROWS', 10_000),
  };
  return Object.freeze({ ...config, ...overrides });
}
