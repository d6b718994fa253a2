import { createHmac } from 'node:crypto';

/**
 * A raw Signature Version 2 POST (spec v1 §1.4), for tests that need the exact bytes on the wire
 * (golden files, transport errors) rather than a client's parsed view.
 */
export const rfc3986 = (value: string): string =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export interface SignedPostOptions {
  readonly httpUrl: string;
  readonly accessKeyId: string;
  readonly secretKey: string;
  readonly sellerId: string;
  readonly path?: string;
  /** The host line to sign (default: the URL's hostname, as amazon-payments does). */
  readonly signedHost?: string;
  readonly timestamp?: string;
  /** The API version sent (default 2013-01-01; the Reports section's is 2009-01-01). */
  readonly version?: string;
  readonly tamper?: (params: Record<string, string>) => void;
}

export interface RawResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
  /** The Content-MD5 header (GetReport sends the report's MD5). */
  readonly contentMd5: string | null;
}

export function signParams(
  params: Record<string, string>,
  secret: string,
  host: string,
  path: string,
): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k] ?? '')}`)
    .join('&');
  return createHmac('sha256', secret)
    .update(`POST\n${host}\n${path}\n${canonical}`)
    .digest('base64');
}

export async function signedPost(
  options: SignedPostOptions,
  action: string,
  fields: Record<string, string> = {},
): Promise<RawResponse> {
  const path = options.path ?? '/OffAmazonPayments_Sandbox/2013-01-01';
  const url = new URL(path, options.httpUrl);
  const params: Record<string, string> = {
    ...fields,
    AWSAccessKeyId: options.accessKeyId,
    Action: action,
    SellerId: options.sellerId,
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: options.timestamp ?? new Date().toISOString(),
    Version: options.version ?? '2013-01-01',
  };
  params.Signature = signParams(
    params,
    options.secretKey,
    options.signedHost ?? url.hostname,
    url.pathname,
  );
  options.tamper?.(params);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Object.entries(params)
      .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
      .join('&'),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
    contentMd5: response.headers.get('content-md5'),
  };
}

/** Replaces what changes between runs (ids, times, request ids, keys) with fixed placeholders. */
export function normaliseXml(xml: string): string {
  return xml
    .replace(/-([ACR])\d{6}\b/g, '-$1000000')
    .replace(/\b[PS]\d{2}-\d{7}-\d{7}/g, 'S00-ORDER-REFERENCE')
    .replace(/\b[BC]\d{2}-\d{7}-\d{7}/g, 'C00-BILLING-AGREEMENT')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, 'TIMESTAMP')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'REQUEST-ID')
    .replace(/\bAKIA[A-Z0-9]{16}\b/g, 'AKIA-ACCESS-KEY')
    .replace(/\bA[A-Z0-9]{13}\b/g, 'MERCHANT-ID');
}
