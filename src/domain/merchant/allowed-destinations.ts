import { invalidParameter } from '../shared/errors.js';

/**
 * Where a store lets Amazon send its buyers with credentials (Login with Amazon's "Allowed Return
 * URLs" and "Allowed JavaScript Origins"; Amazon Pay's "Add domains to Seller Central" for the
 * button and `signInReturnUrl`). Pure rules: what an entry may look like and what it matches.
 *
 * Matching (docs/decisions.md, "Allowed return URLs and JavaScript origins"): scheme, host and
 * port must be equal, and the path equal to the registered path, or below it when the registered
 * path ends with `/`. The query string is the merchant's (state, language). A registered loopback
 * entry (127.0.0.1, localhost, [::1]) matches any port, as OAuth's native-app rule requires for
 * loopback redirects (RFC 8252 §7.3): local servers run on ports chosen at start.
 */
export interface AllowedDestinations {
  readonly allowedReturnUrls: readonly string[];
  readonly allowedJavaScriptOrigins: readonly string[];
}

/** What a new store allows until the merchant registers its own: loopback, any port and path. */
export const LOOPBACK_DESTINATIONS: AllowedDestinations = {
  allowedReturnUrls: ['http://127.0.0.1/', 'http://localhost/', 'http://[::1]/'],
  allowedJavaScriptOrigins: ['http://127.0.0.1', 'http://localhost', 'http://[::1]'],
};

/** Seller Central keeps a short list; a bound keeps stored rows and checks small. */
export const MAX_DESTINATIONS = 50;
const MAX_ENTRY_LENGTH = 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parseHttpUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter(field, `'${value}' is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalidParameter(field, `'${value}' must use https or http.`);
  if (url.username !== '' || url.password !== '')
    throw invalidParameter(field, `'${value}' must not carry a user name or password.`);
  return url;
}

/** A registered return URL in canonical form (no fragment, no query). */
export function normaliseReturnUrl(value: string, field = 'allowedReturnUrls'): string {
  if (value.length > MAX_ENTRY_LENGTH)
    throw invalidParameter(field, `entries are at most ${MAX_ENTRY_LENGTH} characters.`);
  const url = parseHttpUrl(value.trim(), field);
  if (url.search !== '' || url.hash !== '')
    throw invalidParameter(field, `'${value}' must not have a query string or fragment.`);
  return url.toString();
}

/** A registered JavaScript origin: scheme://host[:port], nothing else. */
export function normaliseOrigin(value: string, field = 'allowedJavaScriptOrigins'): string {
  if (value.length > MAX_ENTRY_LENGTH)
    throw invalidParameter(field, `entries are at most ${MAX_ENTRY_LENGTH} characters.`);
  const url = parseHttpUrl(value.trim(), field);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '')
    throw invalidParameter(field, `'${value}' must be an origin (scheme://host[:port]) only.`);
  return url.origin;
}

export function normaliseList(
  values: readonly string[],
  normalise: (value: string, field: string) => string,
  field: string,
): string[] {
  if (values.length > MAX_DESTINATIONS)
    throw invalidParameter(field, `register at most ${MAX_DESTINATIONS} entries.`);
  return [...new Set(values.map((value) => normalise(value, field)))];
}

function sameServer(registered: URL, candidate: URL): boolean {
  if (registered.protocol !== candidate.protocol || registered.hostname !== candidate.hostname)
    return false;
  return LOOPBACK_HOSTS.has(registered.hostname) || registered.port === candidate.port;
}

const tryUrl = (value: string): URL | null => {
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

/** Whether the buyer (and a token) may be sent to `candidate`. */
export function isAllowedReturnUrl(allowed: AllowedDestinations, candidate: string): boolean {
  const url = tryUrl(candidate);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  if (url.username !== '' || url.password !== '') return false;
  return allowed.allowedReturnUrls.some((entry) => {
    const registered = tryUrl(entry);
    if (registered === null || !sameServer(registered, url)) return false;
    return registered.pathname.endsWith('/')
      ? url.pathname.startsWith(registered.pathname)
      : url.pathname === registered.pathname;
  });
}

/** Whether a page of `origin` may receive a token by postMessage (or render the button). */
export function isAllowedOrigin(allowed: AllowedDestinations, origin: string): boolean {
  const url = tryUrl(origin);
  if (url === null || url.origin !== origin) return false;
  return allowed.allowedJavaScriptOrigins.some((entry) => {
    const registered = tryUrl(entry);
    return registered !== null && sameServer(registered, url);
  });
}
