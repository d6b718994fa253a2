import { createHmac, timingSafeEqual } from 'node:crypto';
import { compareText } from '../../domain/shared/compare-text.js';

/**
 * MWS Signature Version 2 (spec v1 §1.4): POST, the host, the path as received, and every
 * parameter but Signature sorted by name in byte order, RFC 3986-encoded (upper-case hex), each
 * `name=value`, joined with `&`; Base64(HMAC(secret, string)).
 */
export const rfc3986 = (value: string): string =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export function canonicalQuery(params: ReadonlyMap<string, string>): string {
  return [...params.keys()]
    .filter((name) => name !== 'Signature')
    .sort(compareText)
    .map((name) => `${rfc3986(name)}=${rfc3986(params.get(name) ?? '')}`)
    .join('&');
}

export const stringToSign = (
  host: string,
  path: string,
  params: ReadonlyMap<string, string>,
): string => ['POST', host.toLowerCase(), path, canonicalQuery(params)].join('\n');

export function sign(secret: string, text: string, method: 'HmacSHA256' | 'HmacSHA1'): string {
  return createHmac(method === 'HmacSHA1' ? 'sha1' : 'sha256', secret)
    .update(text)
    .digest('base64');
}

/** The official SDKs' real hosts: a client redirected by DNS signs these (spec v1 §1.1). */
const CANONICAL_HOSTS = [
  'mws.amazonservices.com',
  'mws-eu.amazonservices.com',
  'mws.amazonservices.jp',
];

/**
 * The host lines the clients sign (spec v1 §1.4): the Host header as sent, without its port
 * (amazon-payments), the SDKs' canonical hosts, and Java's `http://host:port` quirk.
 */
export function hostCandidates(hostHeader: string | undefined): string[] {
  const host = (hostHeader ?? '').trim();
  const withoutPort = host.replace(/:\d+$/, '');
  return [
    ...new Set([host, withoutPort, ...CANONICAL_HOSTS, `http://${host}`].filter((h) => h !== '')),
  ];
}

/** Does any candidate host reproduce the signature? Compared in constant time per candidate. */
export function signatureMatches(
  secret: string,
  method: 'HmacSHA256' | 'HmacSHA1',
  hostHeader: string | undefined,
  path: string,
  params: ReadonlyMap<string, string>,
  given: string,
): boolean {
  const sent = Buffer.from(given);
  return hostCandidates(hostHeader).some((host) => {
    const expected = Buffer.from(sign(secret, stringToSign(host, path, params), method));
    return expected.length === sent.length && timingSafeEqual(expected, sent);
  });
}
