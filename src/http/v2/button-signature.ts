import type { PublicKeyDirectory } from '../../app/public-key-directory.js';
import { environmentOfKeyId } from '../../domain/merchant/merchant.js';
import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import { DomainError } from '../../domain/shared/errors.js';
import { isAlgorithm, stringToSign, verifySignature } from './signature.js';

/**
 * The signed button payload of checkout.js (spec §2.4; the official SDKs' generateButtonSignature,
 * e.g. the Node SDK's clientHelper.signPayload): `ALG + "\n" + hex(sha256(payloadJSON))` signed
 * with RSASSA-PSS, salt 20 (AMZN-PAY-RSASSA-PSS, the default) or 32 (-V2). Verified with the same
 * functions as API requests (signature.ts) and the same key directory.
 */
export interface SignedButtonPayload {
  readonly merchantId: string;
  readonly publicKeyId: string;
  readonly payloadJSON: string;
  readonly signature: string;
  /** Absent means AMZN-PAY-RSASSA-PSS, as in the SDKs. */
  readonly algorithm: string | undefined;
  /**
   * The button's `sandbox` option, null when absent: environment-specific keys name their own
   * environment; a legacy key (no prefix) acts in the one this option names (Live when absent).
   */
  readonly sandbox: boolean | null;
}

export interface VerifiedButton {
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly publicKeyId: string;
}

/**
 * Checks key, merchant, environment and signature. In Sandbox a mismatch tells the developer what
 * localpay verified (the string to sign and the key), like the API's InvalidRequestSignature; the
 * wording follows the hosted page's "InvalidSignatureError … does not match signedString … for
 * merchant …" (spec §2.4).
 */
export async function verifyButtonPayload(
  input: SignedButtonPayload,
  keys: PublicKeyDirectory,
): Promise<VerifiedButton> {
  const algorithm =
    input.algorithm === undefined || input.algorithm === ''
      ? 'AMZN-PAY-RSASSA-PSS'
      : input.algorithm;
  if (!isAlgorithm(algorithm))
    throw new DomainError(
      'InvalidParameterValue',
      `The algorithm '${algorithm}' is not supported; use AMZN-PAY-RSASSA-PSS or AMZN-PAY-RSASSA-PSS-V2.`,
    );
  if (input.publicKeyId === '')
    throw new DomainError('MissingParameterValue', 'The button has no publicKeyId.');
  if (input.signature === '')
    throw new DomainError('MissingParameterValue', 'The button payload has no signature.');
  const resolved = await keys.lookup(input.publicKeyId);
  if (!resolved)
    throw new DomainError(
      'InvalidAuthentication',
      `The public key id ${input.publicKeyId} is not registered.`,
    );
  if (resolved.key.merchantId !== input.merchantId)
    throw new DomainError(
      'UnauthorizedAccess',
      `The public key ${input.publicKeyId} does not belong to merchant ${input.merchantId}.`,
    );
  const optionEnvironment: ReleaseEnvironment | null =
    input.sandbox === null ? null : input.sandbox ? 'Sandbox' : 'Live';
  const keyEnvironment = resolved.key.environment ?? environmentOfKeyId(input.publicKeyId);
  if (keyEnvironment !== null && optionEnvironment !== null && keyEnvironment !== optionEnvironment)
    throw new DomainError(
      'UnauthorizedAccess',
      `The public key ${input.publicKeyId} is a ${keyEnvironment} key, but the button was rendered with sandbox: ${String(input.sandbox)}.`,
    );
  const buttonEnvironment = keyEnvironment ?? optionEnvironment ?? 'Live';
  const toSign = stringToSign(algorithm, input.payloadJSON);
  if (!verifySignature(algorithm, toSign, input.signature, resolved.keyObject)) {
    const shown =
      input.payloadJSON.length > 300 ? `${input.payloadJSON.slice(0, 300)}…` : input.payloadJSON;
    const detail =
      buttonEnvironment === 'Sandbox'
        ? ` Verified with public key ${input.publicKeyId} over payloadJSON exactly as the button passed it (${Buffer.byteLength(input.payloadJSON)} bytes): ${shown}`
        : '';
    throw new DomainError(
      'InvalidRequestSignature',
      `InvalidSignatureError: the signature does not match signedString ${toSign.replace('\n', ' ')} for merchant ${input.merchantId}.${detail}`,
    );
  }
  return {
    merchantId: input.merchantId,
    environment: buttonEnvironment,
    publicKeyId: input.publicKeyId,
  };
}
