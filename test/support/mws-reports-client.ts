import amazonPayments from 'amazon-payments';
import { listMwsCredentials } from '../../src/app/v1/mws-credentials.js';
import type { TestMerchant, TestPlatform } from '../../src/testing/test-platform.js';
import type { MwsFailure, MwsResult } from './mws-client.js';
import type { SignedPostOptions } from './mws-signed-post.js';

/**
 * The unmodified `amazon-payments` client's `reports` object (lib/reports.js, Version 2009-01-01),
 * pointed at localpay the way its Reports environments point at Amazon: the host's root
 * (`https://mws.amazonservices.com/`, lib/environment.js), here localpay's HTTP listener.
 */
export interface ReportsClient {
  /** A method of `reports` by name (requestReport, getReportList, …). */
  call(method: string, params?: Record<string, unknown>): Promise<MwsResult>;
  /** A call that must fail: its MWS Code and Message. */
  fail(method: string, params?: Record<string, unknown>): Promise<MwsFailure>;
  /** Any action and version through the client's own callMwsMethod, at the same endpoint. */
  raw(action: string, version: string, params?: Record<string, unknown>): Promise<MwsResult>;
  /** Signed POSTs to the Reports path with the same key, for the exact bytes and headers. */
  readonly signed: SignedPostOptions;
}

export async function connectReports(
  platform: TestPlatform,
  merchant: Pick<TestMerchant, 'merchantId' | 'storeId'>,
): Promise<ReportsClient> {
  const [credential] = await listMwsCredentials(platform.localpay.deps, merchant.merchantId);
  if (!credential) throw new Error(`Merchant ${merchant.merchantId} has no MWS key.`);
  const client = amazonPayments.connect({
    environment: { mwsEndpoint: `${platform.httpUrl}/`, apiEndpoint: platform.httpUrl },
    sellerId: merchant.merchantId,
    mwsAccessKey: credential.accessKeyId,
    mwsSecretKey: credential.secretKey,
    clientId: merchant.storeId,
  });
  const settle =
    (resolve: (value: MwsResult) => void, reject: (error: Error) => void) =>
    (error: Error | null, response?: Record<string, unknown>) =>
      error ? reject(error) : resolve(response ?? {});
  const call = (method: string, params: Record<string, unknown> = {}): Promise<MwsResult> =>
    new Promise((resolve, reject) => {
      const fn = client.reports[method];
      if (fn === undefined) throw new Error(`amazon-payments has no reports.${method}`);
      fn.call(client.reports, params, settle(resolve, reject));
    });
  return {
    call,
    async fail(method, params = {}) {
      let response: MwsResult;
      try {
        response = await call(method, params);
      } catch (error) {
        const e = error as Error;
        return { code: e.name, message: e.message };
      }
      throw new Error(`${method} succeeded: ${JSON.stringify(response)}`);
    },
    raw: (action, version, params = {}) =>
      new Promise((resolve, reject) =>
        client.callMwsMethod(action, version, params, settle(resolve, reject)),
      ),
    signed: {
      httpUrl: platform.httpUrl,
      accessKeyId: credential.accessKeyId,
      secretKey: credential.secretKey,
      sellerId: merchant.merchantId,
      path: '/',
      version: '2009-01-01',
    },
  };
}
