import path from 'node:path';
import { SANDBOX_HTTP_HOSTS, type SandboxHttpHosts } from '../domain/shared/urls.js';
import { isRegion, type Region } from '../domain/shared/environment.js';
import { MINUTE } from '../domain/shared/time.js';
import { DEFAULT_CACHE_MAX_MIB } from '../store/sqlite-page-cache.js';
import { AMAZON_HOSTNAMES } from './amazon-hosts.js';
import { loadIpnConfig, type IpnConfig } from './ipn-config.js';
import { parseMwsThrottle, type MwsThrottleConfig } from './mws-throttle-config.js';
import { parseConversionRates } from './conversion-config.js';
import type { ConversionTable } from '../domain/charge/currency-conversion.js';

/**
 * Everything localpay can be told, parsed once from the environment (and CLI flags layered on top)
 * into a frozen, typed object. Defaults live here and nowhere else.
 */
export interface Config {
  /** Folder holding the embedded database, the generated CA and certificates, and default keys. */
  readonly dataDir: string;
  /** PostgreSQL connection string; when null the embedded SQLite store in dataDir is used. */
  readonly databaseUrl: string | null;
  /**
   * PostgreSQL: run the compiled statements as named, server-side prepared statements
   * (LOCALPAY_POSTGRES_PREPARED, on by default; off for a pooler that does not keep them per
   * session).
   */
  readonly postgresPreparedStatements: boolean;
  /** SQLite durability: FULL survives an OS crash; NORMAL only a killed process (DESIGN.md §7). */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /**
   * Most MiB of page cache the SQLite store's connection may keep (LOCALPAY_SQLITE_CACHE_MIB); the
   * cache follows the database's size up to this (src/store/sqlite-page-cache.ts).
   */
  readonly sqliteCacheMaxMib: number;
  readonly host: string;
  /** HTTPS listener for the SDKs (`overrideServiceUrl`). 0 picks a free port. */
  readonly httpsPort: number;
  /** Plain HTTP listener for browsers and local tools. 0 picks a free port. */
  readonly httpPort: number;
  /** Base of buyer-facing links such as amazonPayRedirectUrl; derived from the HTTP listener if unset. */
  readonly publicBaseUrl: string | null;
  /** Extra names the server certificate must cover besides localhost, 127.0.0.1 and ::1. */
  readonly tlsHostnames: readonly string[];
  /**
   * LOCALPAY_AMAZON_HOSTS: answer as Amazon's own hosts (amazon-hosts.ts): their names in the
   * certificate, HTTPS on 443 by default, IPN certificates under `sns.us-east-1.amazonaws.com`.
   */
  readonly amazonHosts: boolean;
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
  /** EUR per unit of each currency, for charges' convertedAmount (LOCALPAY_CONVERSION_RATES). */
  readonly conversionRates: ConversionTable;
  /** Plain http return URLs in Sandbox: `localhost` only (seed 004, default) or `any` host. */
  readonly sandboxHttpReturnUrls: SandboxHttpHosts;
  /**
   * `localpay start` processes serving the same ports (LOCALPAY_WORKERS, --workers); more than one
   * needs PostgreSQL (docs/operating.md, "Several workers").
   */
  readonly workers: number;
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

function flag(env: Env, name: string, fallback = false): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  if (raw === '') return fallback;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  throw new Error(`${name} must be 1 or 0 (true/false, on/off), got '${env[name] ?? ''}'.`);
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
  const amazonHosts = flag(env, 'LOCALPAY_AMAZON_HOSTS');
  const config: Config = {
    dataDir: path.resolve(env.LOCALPAY_DATA_DIR ?? '.localpay'),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : null,
    postgresPreparedStatements: flag(env, 'LOCALPAY_POSTGRES_PREPARED', true),
    sqliteSynchronous: oneOf(
      env,
      'LOCALPAY_SQLITE_SYNCHRONOUS',
      ['FULL', 'NORMAL'] as const,
      'FULL',
    ),
    sqliteCacheMaxMib: integer(env, 'LOCALPAY_SQLITE_CACHE_MIB', DEFAULT_CACHE_MAX_MIB),
    host: env.LOCALPAY_HOST ?? '127.0.0.1',
    // The SDKs' URLs carry no port: as Amazon, HTTPS is on 443 unless told otherwise.
    httpsPort: integer(env, 'LOCALPAY_HTTPS_PORT', amazonHosts ? 443 : 8443),
    httpPort: integer(env, 'LOCALPAY_HTTP_PORT', 8080),
    publicBaseUrl: env.LOCALPAY_PUBLIC_URL ? env.LOCALPAY_PUBLIC_URL.replace(/\/+$/, '') : null,
    tlsHostnames: [
      ...(env.LOCALPAY_TLS_HOSTNAMES ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      ...(amazonHosts ? AMAZON_HOSTNAMES : []),
    ],
    amazonHosts,
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
    conversionRates: parseConversionRates(env.LOCALPAY_CONVERSION_RATES),
    sandboxHttpReturnUrls: oneOf(
      env,
      'LOCALPAY_SANDBOX_HTTP_RETURN_URLS',
      SANDBOX_HTTP_HOSTS,
      'localhost',
    ),
    workers: integer(env, 'LOCALPAY_WORKERS', 1),
    requestLogRetention: integer(env, 'LOCALPAY_REQUEST_LOG_ROWS', 10_000),
  };
  if (config.sqliteCacheMaxMib < 2)
    throw new Error(
      `LOCALPAY_SQLITE_CACHE_MIB must be at least 2 (SQLite's default), got '${env.LOCALPAY_SQLITE_CACHE_MIB}'.`,
    );
  if (config.workers < 1)
    throw new Error(`LOCALPAY_WORKERS must be at least 1, got '${env.LOCALPAY_WORKERS}'.`);
  return Object.freeze({ ...config, ...overrides });
}
