import type { MwsKeyDirectory } from '../../app/v1/mws-credentials.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError } from '../../domain/shared/errors.js';
import { MwsTransportError } from './mws-errors.js';
import { canonicalQuery, signatureMatches, stringToSign } from './mws-signature.js';
import { withDiagnosis } from '../signature-diagnosis.js';

/** Whether `providerId` may act for `sellerId` with this MWSAuthToken (app/partners/delegations.ts). */
export type MwsDelegationCheck = (
  mwsAuthToken: string,
  sellerId: string,
  providerId: string,
) => Promise<boolean>;

/** Who a verified MWS request acts for. */
export interface MwsCaller {
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly accessKeyId: string;
  readonly action: string;
}

export interface MwsRequest {
  readonly params: ReadonlyMap<string, string>;
  readonly path: string;
  readonly host: string | undefined;
  readonly environment: ReleaseEnvironment;
  /** The section's API version: 2013-01-01 (OffAmazonPayments, default) or 2009-01-01 (Reports). */
  readonly section?: { readonly name: string; readonly version: string };
}

const OFF_AMAZON_PAYMENTS = { name: 'OffAmazonPayments', version: '2013-01-01' } as const;

const missing = (name: string): MwsTransportError =>
  new MwsTransportError('MissingParameter', `The request must contain the parameter ${name}.`);

const required = (params: ReadonlyMap<string, string>, name: string): string => {
  const value = params.get(name);
  if (value === undefined || value === '') throw missing(name);
  return value;
};

/** Every client's timestamp form: `…Z`, `….000Z`, and amazon-payments' lower-case `…z` (spec v1 §1.3). */
export function parseTimestamp(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([zZ]|[+-]\d{2}:?\d{2})$/.test(value))
    return null;
  const at = Date.parse(value.replace(/z$/, 'Z'));
  return Number.isNaN(at) ? null : at;
}

const SELLERLESS_ACTIONS = new Set(['GetServiceStatus', 'GetMerchantAccountStatus']);

/**
 * Checks a request in the order of spec v1 §9 item 3: access key, signature method and version,
 * signature (host with or without port), Timestamp window (or Expires), Version, SellerId owned
 * by the key, or by a merchant that delegated to the key's owner with the MWSAuthToken sent
 * (Amazon's hosted registration: the token "enable[s] making calls on behalf of the merchant with
 * the SP keys", issue 13); MWSAuthToken, when sent, must be well formed.
 */
export async function authenticateMws(
  request: MwsRequest,
  keys: MwsKeyDirectory,
  now: number,
  skewMs: number,
  delegated: MwsDelegationCheck = () => Promise.resolve(false),
): Promise<MwsCaller> {
  const { params } = request;
  const accessKeyId = required(params, 'AWSAccessKeyId');
  const credential = await keys.lookup(accessKeyId);
  if (credential === undefined)
    throw new MwsTransportError(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  if (required(params, 'SignatureVersion') !== '2')
    throw new DomainError('InvalidParameterValue', 'SignatureVersion must be 2.');
  const method = required(params, 'SignatureMethod');
  if (method !== 'HmacSHA256' && method !== 'HmacSHA1')
    throw new DomainError(
      'InvalidParameterValue',
      'SignatureMethod must be HmacSHA256 or HmacSHA1.',
    );
  const signature = required(params, 'Signature');
  if (
    !signatureMatches(credential.secretKey, method, request.host, request.path, params, signature)
  )
    throw withDiagnosis(
      new MwsTransportError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      ),
      {
        merchantId: credential.merchantId,
        diagnosis: {
          canonicalRequest: canonicalQuery(params),
          stringToSign: stringToSign(request.host ?? '', request.path, params),
          signedHeaders: [...params]
            .filter(([name]) => name !== 'Signature')
            .map(([name, value]) => ({ name, value })),
        },
      },
    );
  const timestamp = params.get('Timestamp');
  const expires = params.get('Expires');
  if (timestamp === undefined && expires === undefined) throw missing('Timestamp');
  if (timestamp !== undefined) {
    const at = parseTimestamp(timestamp);
    if (at === null)
      throw new DomainError(
        'InvalidParameterValue',
        `Timestamp ${timestamp} must be in ISO 8601 format.`,
      );
    // Real MWS answers RequestExpired with the AWS wording (issue 17; the same code AWS uses for a
    // date stamp more than 15 minutes away in either direction).
    if (Math.abs(now - at) > skewMs)
      throw new MwsTransportError(
        'RequestExpired',
        `Request has expired. Timestamp date is ${timestamp}. It must be within ${Math.round(skewMs / 60000)} minutes of the time on the server (${new Date(now).toISOString()}).`,
      );
  } else if (expires !== undefined) {
    const at = parseTimestamp(expires);
    if (at === null)
      throw new DomainError(
        'InvalidParameterValue',
        `Expires ${expires} must be in ISO 8601 format.`,
      );
    if (at < now)
      throw new MwsTransportError(
        'RequestExpired',
        `Request has expired. Expires date is ${expires}.`,
      );
  }
  const version = required(params, 'Version');
  const section = request.section ?? OFF_AMAZON_PAYMENTS;
  if (version !== section.version)
    throw new MwsTransportError(
      'InvalidAddress',
      `Version ${version} is not a version of the ${section.name} section; use ${section.version}.`,
    );
  const action = required(params, 'Action');
  const sellerId = params.get('SellerId') ?? '';
  if (sellerId === '' && !SELLERLESS_ACTIONS.has(action)) throw missing('SellerId');
  const token = params.get('MWSAuthToken');
  if (token !== undefined && token !== '' && !/^amzn\.mws\.[0-9a-fA-F-]{36}$/.test(token))
    throw new DomainError(
      'InvalidParameterValue',
      'MWSAuthToken is not a valid token (amzn.mws.<uuid>).',
    );
  const actsFor = sellerId === '' ? credential.merchantId : sellerId;
  if (
    actsFor !== credential.merchantId &&
    (token === undefined ||
      token === '' ||
      !(await delegated(token, actsFor, credential.merchantId)))
  )
    throw new MwsTransportError(
      'AccessDenied',
      `The access key ${accessKeyId} is not authorized to act for seller ${sellerId}.`,
    );
  return {
    merchantId: actsFor,
    environment: request.environment,
    accessKeyId,
    action,
  };
}
