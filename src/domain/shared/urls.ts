import type { ReleaseEnvironment } from './environment.js';
import { invalidParameter } from './errors.js';

const encoder = new TextEncoder();
const utf8Length = (value: string): number => encoder.encode(value).length;

/** Seed 004: return URLs are at most 1024 bytes (the spec's older 512 is superseded by the seed). */
export const MAX_RETURN_URL_BYTES = 1024;

/**
 * Which hosts may use plain http in Sandbox: seed 004 allows it "if you're testing on localhost
 * (http://localhost)", so by default only localhost and its loopback addresses 127.0.0.1 and ::1;
 * `any` (LOCALPAY_SANDBOX_HTTP_RETURN_URLS=any) is a documented localpay leniency for test set-ups
 * whose shop runs under another name.
 */
export const SANDBOX_HTTP_HOSTS = ['localhost', 'any'] as const;
export type SandboxHttpHosts = (typeof SANDBOX_HTTP_HOSTS)[number];

const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * A merchant return URL: absolute http(s), HTTPS in Live; plain http only in Sandbox, and only for
 * localhost unless the wider leniency is configured (seed 004, "checkoutResultReturnUrl").
 */
export function validateReturnUrl(
  value: string,
  field: string,
  environment: ReleaseEnvironment,
  sandboxHttp: SandboxHttpHosts = 'localhost',
): string {
  if (utf8Length(value) > MAX_RETURN_URL_BYTES)
    throw invalidParameter(field, `it is longer than ${MAX_RETURN_URL_BYTES} bytes.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter(field, 'it is not an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalidParameter(field, 'it must use https (or http in Sandbox).');
  if (environment === 'Live' && url.protocol !== 'https:')
    throw invalidParameter(field, 'URLs must use HTTPS in the Live environment.');
  if (
    url.protocol === 'http:' &&
    sandboxHttp === 'localhost' &&
    !LOOPBACK_NAMES.includes(url.hostname)
  )
    throw invalidParameter(
      field,
      `plain http is only allowed for localhost in Sandbox (seed 004), not for ${url.hostname}; use https, or start localpay with LOCALPAY_SANDBOX_HTTP_RETURN_URLS=any.`,
    );
  return value;
}
