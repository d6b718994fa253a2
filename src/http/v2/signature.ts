import { constants, hash, verify, type KeyObject } from 'node:crypto';
import { compareText } from '../../domain/shared/compare-text.js';

/**
 * The AMZN-PAY-RSASSA-PSS request signature (spec §2.2, real-clients.md): the canonical request,
 * the string to sign, and the PSS check. Pure functions; authenticate.ts decides what to do.
 */
export const ALGORITHMS = {
  'AMZN-PAY-RSASSA-PSS': 20,
  'AMZN-PAY-RSASSA-PSS-V2': 32,
} as const;
export type Algorithm = keyof typeof ALGORITHMS;

export const isAlgorithm = (value: string): value is Algorithm => Object.hasOwn(ALGORITHMS, value);

export interface AuthorizationHeader {
  readonly algorithm: string;
  readonly publicKeyId: string;
  /** Exactly as sent: names keep the caller's case and order (real-clients.md). */
  readonly signedHeaders: string;
  readonly signature: string;
}

const AUTHORIZATION = /^(\S+) PublicKeyId=([^,\s]+), ?SignedHeaders=([^,\s]+), ?Signature=(\S+)$/;

export function parseAuthorization(value: string): AuthorizationHeader | null {
  const match = AUTHORIZATION.exec(value.trim());
  if (!match) return null;
  const [, algorithm = '', publicKeyId = '', signedHeaders = '', signature = ''] = match;
  return { algorithm, publicKeyId, signedHeaders, signature };
}

export interface SignedRequest {
  readonly method: string;
  /** The path as sent, trailing slash included. */
  readonly path: string;
  /** The query string as sent, without `?`. */
  readonly query: string;
  /** Header values looked up by lower-case name. */
  readonly header: (lowerName: string) => string | undefined;
  readonly body: Buffer | undefined;
}

// One-shot: about half the CPU of createHash().update().digest(), three times per signed request.
export const sha256Hex = (data: string | Buffer): string => hash('sha256', data, 'hex');

/** How a header value is canonicalised: Node and PHP sign raw values, Java and .NET fold whitespace. */
export type HeaderValueForm = 'raw' | 'folded';

export function canonicalRequest(
  request: SignedRequest,
  signedHeaders: string,
  form: HeaderValueForm,
  query = request.query,
): string {
  const names = signedHeaders.split(';');
  const headerLines = names
    .map((name) => {
      const value = request.header(name.toLowerCase()) ?? '';
      return `${name.toLowerCase()}:${form === 'raw' ? value : value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  return [
    request.method.toUpperCase(),
    request.path,
    query,
    headerLines,
    signedHeaders,
    sha256Hex(request.body ?? ''),
  ].join('\n');
}

export const stringToSign = (algorithm: Algorithm, canonical: string): string =>
  `${algorithm}\n${sha256Hex(canonical)}`;

export function verifySignature(
  algorithm: Algorithm,
  toSign: string,
  signatureBase64: string,
  key: KeyObject,
): boolean {
  return verify(
    'sha256',
    Buffer.from(toSign),
    { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: ALGORITHMS[algorithm] },
    Buffer.from(signatureBase64, 'base64'),
  );
}

/** The query re-canonicalised (keys sorted, values encodeURIComponent), for SDKs that encode differently. */
export function canonicalQuery(query: string): string {
  if (query === '') return '';
  const params = new URLSearchParams(query);
  return [...params.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
}

/** Both x-amz-pay-date forms: ISO `2026-11-23T13:17:45Z` (Node) and basic `20261123T131745Z` (the rest). */
export function parseAmzDate(value: string): number | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/i.exec(value);
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/i.exec(value);
  const parts = iso ?? basic;
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const at = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(at);
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? at : null;
}
