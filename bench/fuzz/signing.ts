import { constants, sign } from 'node:crypto';
import {
  rfc3986,
  sign as mwsSign,
  stringToSign as mwsStringToSign,
} from '../../src/http/v1/mws-signature.js';
import { canonicalRequest, stringToSign, type SignedRequest } from '../../src/http/v2/signature.js';
import type { FuzzMerchant } from './fuzz-target.js';

/**
 * Signs fuzzed requests with the merchant's real keys, so they get past authentication and reach
 * the handlers. The canonical forms are localpay's own (the official SDKs agree with them, as the
 * e2e suites prove); the fuzzer only needs its requests to verify.
 */

const amzDate = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export interface V2Unsigned {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Lower-case names; the x-amz-pay-* ones the SDKs sign are added. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** Extra names put into SignedHeaders (hostile ones included). */
  readonly extraSignedNames: readonly string[];
}

/** AMZN-PAY-RSASSA-PSS-V2 headers for the request (spec §2.2). */
export function signV2(
  merchant: FuzzMerchant,
  host: string,
  request: V2Unsigned,
  now: Date,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    'x-amz-pay-date': amzDate(now),
    'x-amz-pay-host': host,
    'x-amz-pay-region': merchant.apiRegion,
    ...request.headers,
  };
  const names = [
    ...new Set([
      ...Object.keys(headers).filter(
        (name) => name === 'accept' || name.startsWith('x-amz-pay-') || name === 'content-type',
      ),
      ...request.extraSignedNames,
    ]),
  ].sort();
  const signedHeaders = names.join(';');
  const view: SignedRequest = {
    method: request.method,
    path: request.path,
    query: request.query,
    header: (name) => (Object.hasOwn(headers, name) ? headers[name] : undefined),
    body: request.body === undefined ? undefined : Buffer.from(request.body),
  };
  const algorithm = 'AMZN-PAY-RSASSA-PSS-V2';
  const toSign = stringToSign(algorithm, canonicalRequest(view, signedHeaders, 'raw'));
  const signature = sign('sha256', Buffer.from(toSign), {
    key: merchant.privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  }).toString('base64');
  return {
    ...headers,
    authorization: `${algorithm} PublicKeyId=${merchant.publicKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/**
 * An MWS Signature Version 2 form body (spec v1 §1.4) from name/value pairs sent in this order; a
 * repeated name is signed with its last value, as the server reads it.
 */
export function signMws(
  merchant: FuzzMerchant,
  host: string,
  path: string,
  fields: readonly (readonly [string, string])[],
  now: Date,
): string {
  // A lone surrogate cannot be percent-encoded; a client sends it as U+FFFD, and so does this.
  const wellFormed = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');
  const pairs: (readonly [string, string])[] = [
    ...fields.map(([name, value]) => [wellFormed(name), wellFormed(value)] as const),
    ['AWSAccessKeyId', merchant.mwsAccessKeyId],
    ['SignatureMethod', 'HmacSHA256'],
    ['SignatureVersion', '2'],
    ['Timestamp', now.toISOString()],
    ['Version', '2013-01-01'],
  ];
  if (!fields.some(([name]) => name === 'SellerId')) pairs.push(['SellerId', merchant.merchantId]);
  const values = new Map(pairs);
  values.delete('Signature');
  const signature = mwsSign(
    merchant.mwsSecretKey,
    mwsStringToSign(host, path, values),
    'HmacSHA256',
  );
  return [...pairs, ['Signature', signature] as const]
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .join('&');
}
