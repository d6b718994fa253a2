import amazonPayments from 'amazon-payments';
import { listMwsCredentials } from '../../src/app/v1/mws-credentials.js';
import type { TestMerchant, TestPlatform } from '../../src/testing/test-platform.js';

/**
 * The unmodified `amazon-payments` client pointed at localpay's HTTP listener through its own
 * `environment` option (real-clients.md): it signs the hostname without the port.
 */
// Parsed XML is walked freely in assertions, as xml2js hands it back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MwsResult = Record<string, any>;

export interface MwsFailure {
  readonly code: string;
  readonly message: string;
}

export interface V1Client {
  readonly sellerId: string;
  readonly accessKeyId: string;
  readonly secretKey: string;
  readonly raw: ReturnType<typeof amazonPayments.connect>;
  /** Any action through the client's own callMwsMethod (SetOrderAttributes has no helper). */
  call(action: string, params?: Record<string, unknown>): Promise<MwsResult>;
  /** An action that must fail: its MWS Code and Message. */
  fail(action: string, params?: Record<string, unknown>): Promise<MwsFailure>;
}

export async function connectV1(
  platform: TestPlatform,
  merchant: Pick<TestMerchant, 'merchantId' | 'storeId'>,
  options: { readonly live?: boolean; readonly trailingSlash?: boolean } = {},
): Promise<V1Client> {
  const [credential] = await listMwsCredentials(platform.localpay.deps, merchant.merchantId);
  if (!credential) throw new Error(`Merchant ${merchant.merchantId} has no MWS key.`);
  const section = options.live ? 'OffAmazonPayments' : 'OffAmazonPayments_Sandbox';
  const raw = amazonPayments.connect({
    environment: {
      mwsEndpoint: `${platform.httpUrl}/${section}/2013-01-01${options.trailingSlash ? '/' : ''}`,
      apiEndpoint: platform.httpUrl,
    },
    sellerId: merchant.merchantId,
    mwsAccessKey: credential.accessKeyId,
    mwsSecretKey: credential.secretKey,
    clientId: merchant.storeId,
  });
  const call = (action: string, params: Record<string, unknown> = {}): Promise<MwsResult> =>
    new Promise((resolve, reject) =>
      raw.callMwsMethod(action, '2013-01-01', params, (error, response) =>
        error ? reject(error) : resolve(response ?? {}),
      ),
    );
  return {
    sellerId: merchant.merchantId,
    accessKeyId: credential.accessKeyId,
    secretKey: credential.secretKey,
    raw,
    call,
    async fail(action, params = {}) {
      try {
        const response = await call(action, params);
        throw new Error(`${action} succeeded: ${JSON.stringify(response)}`);
      } catch (error) {
        const e = error as Error;
        if (e.message.startsWith(`${action} succeeded`)) throw e;
        return { code: e.name, message: e.message };
      }
    },
  };
}
