import type { FastifyRequest } from 'fastify';

/**
 * Refuses requests a web page on another origin makes the developer's browser send to localpay's
 * control surfaces (admin API, console). Loopback is not a boundary: any page open in the browser
 * reaches 127.0.0.1 (issue 10 point 5: a cross-site form POST created a merchant and moved a clock
 * ten years). Tools (curl, the SDKs, Node's fetch) send neither `Origin` nor `Sec-Fetch-Site`, so
 * they pass; browsers send `Origin` on every non-GET request and `Sec-Fetch-Site` on every request
 * (Fetch Metadata, https://www.w3.org/TR/fetch-metadata/), so a page elsewhere is recognised.
 */
export interface CrossSitePolicy {
  /**
   * Bodies of state-changing requests must be `application/json`: a page elsewhere can send the
   * three "simple" types (form, multipart, text/plain) without a CORS preflight, never JSON.
   * The console's own forms are urlencoded and carry a CSRF token instead.
   */
  readonly jsonBodiesOnly: boolean;
  /**
   * Only loopback host names in `Host` (when the surface is served to loopback callers without a
   * token): a DNS-rebinding page whose own name resolves to 127.0.0.1 is same-origin to the
   * browser, but its `Host` header still carries its name.
   */
  readonly loopbackHostOnly: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SAME_ORIGIN_SITES = new Set(['same-origin', 'none']);
const LOOPBACK_HOST = /^(localhost|[^:]+\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined ||
  Number(request.headers['content-length'] ?? 0) > 0;

/** Why the request is refused, or null when it may go on. */
export function crossSiteRefusal(request: FastifyRequest, policy: CrossSitePolicy): string | null {
  const host = request.headers.host ?? '';
  if (policy.loopbackHostOnly && !LOOPBACK_HOST.test(host))
    return `Host "${host}" is not a loopback name; open localpay by 127.0.0.1 or localhost.`;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && !SAME_ORIGIN_SITES.has(site))
    return `A ${site} request (Sec-Fetch-Site) is refused: only localpay's own pages and tools may call it.`;
  const origin = request.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, host))
    return `Origin ${origin} is not localpay's own origin.`;
  if (policy.jsonBodiesOnly && !SAFE_METHODS.has(request.method) && hasBody(request)) {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      return `Send the body as application/json (got ${type || 'no content type'}).`;
  }
  return null;
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase()
    );
  } catch {
    // `Origin: null` (sandboxed frames, file: pages, redirects across origins) is never ours.
    return false;
  }
}
