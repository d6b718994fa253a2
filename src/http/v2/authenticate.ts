import type { PublicKeyDirectory } from '../../app/public-key-directory.js';
import { environmentOfKeyId } from '../../domain/merchant/merchant.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError } from '../../domain/shared/errors.js';
import { withDiagnosis } from '../signature-diagnosis.js';
import {
  canonicalQuery,
  canonicalRequest,
  isAlgorithm,
  parseAmzDate,
  parseAuthorization,
  stringToSign,
  verifySignature,
  type Algorithm,
  type SignedRequest,
} from './signature.js';

/** Who a verified v2 request acts for. */
export interface V2Caller {
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly publicKeyId: string;
}

/** Headers every SDK signs; requiring them keeps the date and target host under the signature. */
const REQUIRED_SIGNED = ['x-amz-pay-date', 'x-amz-pay-host', 'x-amz-pay-region'] as const;

export interface AuthenticationInput extends SignedRequest {
  /** `sandbox`, `live`, or null for `/v2/…` paths (spec §1.2). */
  readonly pathEnvironment: ReleaseEnvironment | null;
  /** False only for the v1 client's delivery tracker path, which signs no x-amz-pay-region. */
  readonly regionSigned?: boolean;
}

function headerOrThrow(request: SignedRequest, name: string): string {
  const value = request.header(name);
  if (value === undefined)
    throw new DomainError('MissingHeader', `The required header ${name} is missing.`);
  if (value.trim() === '')
    throw new DomainError('MissingHeaderValue', `The header ${name} has no value.`);
  return value;
}

function checkDate(request: SignedRequest, now: number, skewMs: number): void {
  const raw = headerOrThrow(request, 'x-amz-pay-date');
  const at = parseAmzDate(raw);
  if (at === null)
    throw new DomainError(
      'InvalidHeaderValue',
      `x-amz-pay-date '${raw}' is not a UTC timestamp like 20261123T131745Z or 2026-11-23T13:17:45Z.`,
    );
  if (Math.abs(now - at) > skewMs)
    throw new DomainError(
      'InvalidHeaderValue',
      `x-amz-pay-date ${raw} is more than ${Math.round(skewMs / 60000)} minutes away from the server's time ${new Date(now).toISOString()}; check the client's clock.`,
    );
}

function resolveEnvironment(
  keyEnvironment: ReleaseEnvironment | null,
  pathEnvironment: ReleaseEnvironment | null,
  publicKeyId: string,
): ReleaseEnvironment {
  if (keyEnvironment !== null && pathEnvironment !== null && keyEnvironment !== pathEnvironment)
    throw new DomainError(
      'UnauthorizedAccess',
      `The public key ${publicKeyId} is a ${keyEnvironment} key and cannot call the ${pathEnvironment} environment.`,
    );
  const environment = keyEnvironment ?? pathEnvironment;
  if (environment === null)
    throw new DomainError(
      'InvalidRequest',
      `The legacy public key ${publicKeyId} has no environment of its own: call /sandbox/v2/… or /live/v2/….`,
    );
  return environment;
}

/** Tries the canonical forms the official SDKs produce (spec §2.3); the first is the Node SDK's. */
function verifies(
  request: SignedRequest,
  algorithm: Algorithm,
  signedHeaders: string,
  signature: string,
  key: Parameters<typeof verifySignature>[3],
): { ok: boolean; canonical: string; toSign: string } {
  const canonical = canonicalRequest(request, signedHeaders, 'raw');
  const toSign = stringToSign(algorithm, canonical);
  if (verifySignature(algorithm, toSign, signature, key)) return { ok: true, canonical, toSign };
  const alternatives = [
    canonicalRequest(request, signedHeaders, 'folded'),
    canonicalRequest(request, signedHeaders, 'raw', canonicalQuery(request.query)),
  ];
  for (const alternative of alternatives)
    if (
      alternative !== canonical &&
      verifySignature(algorithm, stringToSign(algorithm, alternative), signature, key)
    )
      return { ok: true, canonical: alternative, toSign: stringToSign(algorithm, alternative) };
  return { ok: false, canonical, toSign };
}

/**
 * Verifies a v2 request (spec §2.3 "verification recipe"). Failures are DomainErrors with the
 * codes of spec §5.1; in Sandbox a signature mismatch also shows the canonical request and the
 * string to sign localpay computed, so an integrator can diff them against their own.
 */
export async function authenticate(
  request: AuthenticationInput,
  keys: PublicKeyDirectory,
  now: number,
  skewMs: number,
): Promise<V2Caller> {
  const authorization = headerOrThrow(request, 'authorization');
  const parsed = parseAuthorization(authorization);
  if (!parsed)
    throw new DomainError(
      'InvalidHeaderValue',
      'The authorization header must look like "AMZN-PAY-RSASSA-PSS PublicKeyId=…, SignedHeaders=…, Signature=…".',
    );
  if (!isAlgorithm(parsed.algorithm))
    throw new DomainError(
      'InvalidHeaderValue',
      `The signing algorithm ${parsed.algorithm} is not supported; use AMZN-PAY-RSASSA-PSS or AMZN-PAY-RSASSA-PSS-V2.`,
    );
  const signed = parsed.signedHeaders.split(';').map((name) => name.toLowerCase());
  for (const name of REQUIRED_SIGNED) {
    if (name === 'x-amz-pay-region' && request.regionSigned === false) continue;
    headerOrThrow(request, name);
    if (!signed.includes(name))
      throw new DomainError(
        'InvalidHeaderValue',
        `The header ${name} must be listed in SignedHeaders.`,
      );
  }
  checkDate(request, now, skewMs);
  const resolved = await keys.lookup(parsed.publicKeyId);
  if (!resolved)
    throw new DomainError(
      'InvalidAuthentication',
      `The public key id ${parsed.publicKeyId} is not registered.`,
    );
  const keyEnvironment = resolved.key.environment ?? environmentOfKeyId(parsed.publicKeyId);
  const environment = resolveEnvironment(
    keyEnvironment,
    request.pathEnvironment,
    parsed.publicKeyId,
  );
  const result = verifies(
    request,
    parsed.algorithm,
    parsed.signedHeaders,
    parsed.signature,
    resolved.keyObject,
  );
  if (!result.ok) {
    const detail = environment === 'Sandbox' ? `, canonical request [${result.canonical}]` : '';
    throw withDiagnosis(
      new DomainError(
        'InvalidRequestSignature',
        `Unable to verify signature, signing String [${result.toSign}]${detail}`,
      ),
      {
        merchantId: resolved.key.merchantId,
        diagnosis: {
          canonicalRequest: result.canonical,
          stringToSign: result.toSign,
          signedHeaders: signed.map((name) => ({ name, value: request.header(name) ?? '' })),
        },
      },
    );
  }
  return { merchantId: resolved.key.merchantId, environment, publicKeyId: parsed.publicKeyId };
}
