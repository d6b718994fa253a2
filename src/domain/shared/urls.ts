import type { ReleaseEnvironment } from './environment.js';
import { invalidParameter } from './errors.js';

const encoder = new TextEncoder();
const utf8Length = (value: string): number => encoder.encode(value).length;

/** Seed 004: return URLs are at most 1024 bytes (the spec's older 512 is superseded by the seed). */
export const MAX_RETURN_URL_BYTES = 1024;

/**
 * A merchant return URL: absolute http(s), HTTPS in Live; plain http is allowed in Sandbox so
 * merchants can test on localhost (seed 004, "checkoutResultReturnUrl").
 */
export function validateReturnUrl(
  value: string,
  field: string,
  environment: ReleaseEnvironment,
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
  return value;
}
