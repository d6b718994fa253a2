import { randomUUID } from 'node:crypto';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import amazonPayments from 'amazon-payments';
import type { AmazonPayAccount } from './shop-config.js';

/**
 * The two official clients, configured only through their own options (no patching):
 * `@amazonpay/amazon-pay-api-sdk-nodejs` for the v2 Checkout API and `amazon-payments` for the
 * v1 MWS API. Neither package ships types; the slices used here are declared in
 * test/support/amazon-pay-sdk.d.ts and test/support/amazon-payments.d.ts.
 */
export type AmazonPayV2 = InstanceType<typeof sdk.WebStoreClient>;

export function connectV2(account: AmazonPayAccount, sandbox: boolean): AmazonPayV2 {
  return new sdk.WebStoreClient({
    publicKeyId: account.v2.publicKeyId,
    privateKey: account.v2.privateKey,
    region: account.v2.region,
    sandbox,
    algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    // Note: once overrideServiceUrl is set the SDK turns off TLS verification for the whole
    // process (it sets NODE_TLS_REJECT_UNAUTHORIZED=0). Production code leaves it unset.
    ...(account.v2.overrideServiceUrl ? { overrideServiceUrl: account.v2.overrideServiceUrl } : {}),
  });
}

/** Amazon Pay wants a fresh idempotency key per logical write (at most 32 characters). */
export const idempotencyKey = (): string => randomUUID().replace(/-/g, '');

/** Saves typing `{ 'x-amz-pay-idempotency-key': … }` at every call. */
export const withIdempotencyKey = (
  key: string = idempotencyKey(),
  extra: Record<string, string> = {},
): Record<string, string> => ({ 'x-amz-pay-idempotency-key': key, ...extra });

/** What the v2 API answered when a call did not succeed (the SDK rejects on any non-2xx). */
export interface ApiError {
  readonly status: number;
  readonly reasonCode: string;
  readonly message: string;
}

export function apiError(error: unknown): ApiError | null {
  const response = (error as { response?: { status?: unknown; data?: unknown } }).response;
  if (!response || typeof response.status !== 'number') return null;
  const data = (response.data ?? {}) as { reasonCode?: unknown; message?: unknown };
  return {
    status: response.status,
    reasonCode: typeof data.reasonCode === 'string' ? data.reasonCode : 'Unknown',
    message: typeof data.message === 'string' ? data.message : '',
  };
}

// --- v1 -----------------------------------------------------------------------------------

/**
 * amazon-payments hands back the contents of `<{Action}Result>` as parsed XML (xml2js, single
 * elements unwrapped). The slices the shop reads:
 */
export interface OrderReferenceResult {
  readonly OrderReferenceDetails: {
    readonly AmazonOrderReferenceId: string;
    readonly OrderReferenceStatus: { readonly State: string; readonly ReasonCode?: string };
  };
}
export interface AuthorizeResult {
  readonly AuthorizationDetails: {
    readonly AmazonAuthorizationId: string;
    readonly AuthorizationStatus: { readonly State: string; readonly ReasonCode?: string };
  };
}
export interface CaptureResult {
  readonly CaptureDetails: {
    readonly AmazonCaptureId: string;
    readonly CaptureStatus: { readonly State: string };
  };
}
export interface ValidateBillingAgreementResult {
  readonly ValidationResult: 'Success' | 'Failure';
  readonly FailureReasonCode?: string;
}

/** An MWS ErrorResponse: `code` is Amazon's error code (amazon-payments puts it in `name`). */
export class MwsError extends Error {
  override readonly name = 'MwsError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface AmazonPayV1 {
  /**
   * Any OffAmazonPayments action, e.g. call('ConfirmOrderReference', { … }); `T` names the
   * slice of the result the caller reads (not checked at run time).
   */
  call<T = unknown>(action: string, params: Record<string, unknown>): Promise<T>;
}

export function connectV1(account: AmazonPayAccount): AmazonPayV1 {
  const client = amazonPayments.connect({
    environment: { mwsEndpoint: account.v1.mwsEndpoint, apiEndpoint: account.v1.apiEndpoint },
    sellerId: account.merchantId,
    mwsAccessKey: account.v1.mwsAccessKey,
    mwsSecretKey: account.v1.mwsSecretKey,
    clientId: account.storeId,
  });
  return {
    call: <T>(action: string, params: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) =>
        // callMwsMethod covers every action, including SetOrderAttributes (no helper for it).
        client.callMwsMethod(action, '2013-01-01', params, (error, result) =>
          error ? reject(new MwsError(error.name, error.message)) : resolve((result ?? {}) as T),
        ),
      ),
  };
}
