import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createMerchant,
  registerPublicKey,
  advanceMerchantClock,
} from '../app/merchant-administration.js';
import { loadConfig, type Config } from '../config/config.js';
import { parseDuration } from '../config/duration.js';
import { settleChallenge } from '../app/challenge-control.js';
import { inspectCharge } from '../app/object-inspection.js';
import type { Charge } from '../domain/charge/charge.js';
import type { Region, ReleaseEnvironment } from '../domain/shared/environment.js';
import { startLocalpay, type RunningLocalpay } from '../main.js';
import { setIpnEndpoint } from '../app/ipn-administration.js';
import { createBuyer, type Buyer } from './buyer.js';
import { startIpnReceiver, type IpnReceiver } from './ipn-receiver.js';
import { verifyIpn, type IpnVerificationOptions, type VerifiedIpn } from './ipn-verification.js';

/**
 * A fresh localpay for one test suite: its own data folder, its own ports, real HTTPS and HTTP,
 * plus helpers to create merchants with keys, configure the official SDK, move clocks, and act as
 * a buyer without a browser (DESIGN.md §4, `createTestPlatform()`).
 */
export interface TestMerchant {
  readonly merchantId: string;
  readonly storeId: string;
  readonly region: Region;
  readonly publicKeyId: string;
  readonly privateKeyPem: string;
}

export interface TestPlatform {
  readonly localpay: RunningLocalpay;
  /** The platform's own data folder (its SQLite database, CA and keys), removed on close. */
  readonly dataDir: string;
  readonly httpUrl: string;
  readonly httpsHost: string;
  readonly caCertPath: string;
  readonly buyer: Buyer;
  /** A new merchant with a freshly generated RSA key pair registered for it. */
  createMerchant(options?: {
    region?: Region;
    environment?: ReleaseEnvironment | null;
  }): Promise<TestMerchant>;
  /** Config for `new Client.WebStoreClient(...)` of `@amazonpay/amazon-pay-api-sdk-nodejs`. */
  sdkConfig(
    merchant: TestMerchant,
    options?: { algorithm?: 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2'; sandbox?: boolean },
  ): SdkConfig;
  advanceClock(merchantId: string, by: string | number): Promise<void>;
  /**
   * Headless control of a pending SCA challenge, by the id of the 202 charge or the checkout
   * session waiting on it: answers where the buyer would be sent.
   */
  readonly challenges: Readonly<
    Record<'pass' | 'fail' | 'abandon', (objectId: string) => Promise<string>>
  >;
  /** What localpay decided about a charge (its SCA decision and reason included). */
  inspectCharge(chargeId: string): Promise<Charge>;
  /** Sends the merchant's IPNs for an environment (Sandbox by default) to `url`. */
  setIpnEndpoint(merchantId: string, url: string, environment?: ReleaseEnvironment): Promise<void>;
  /** A fresh IPN receiver on loopback, set as the merchant's endpoint; closed with the platform. */
  receiveIpns(merchantId: string, environment?: ReleaseEnvironment): Promise<IpnReceiver>;
  /**
   * Verifies an IPN body as the SNS rules say, fetching the signing certificate from its
   * SigningCertURL over HTTPS that trusts this platform's CA.
   */
  verifyIpn(body: string | object, options?: IpnVerificationOptions): Promise<VerifiedIpn>;
  close(): Promise<void>;
}

export interface SdkConfig {
  readonly publicKeyId: string;
  readonly privateKey: string;
  readonly region: string;
  readonly sandbox: boolean;
  readonly overrideServiceUrl: string;
  readonly algorithm?: string;
}

const SDK_REGION = { NA: 'na', EU: 'eu', UK: 'uk', JP: 'jp' } as const satisfies Record<
  Region,
  string
>;

export async function createTestPlatform(overrides: Partial<Config> = {}): Promise<TestPlatform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-test-'));
  const config = loadConfig(
    { LOCALPAY_LOG_LEVEL: 'silent' },
    {
      dataDir,
      httpPort: 0,
      httpsPort: 0,
      databaseUrl: null,
      ...overrides,
    },
  );
  const localpay = await startLocalpay(config);
  const receivers: IpnReceiver[] = [];
  const { deps } = localpay;
  return {
    localpay,
    dataDir,
    httpUrl: localpay.httpUrl,
    httpsHost: localpay.httpsHost,
    caCertPath: localpay.tls.caCertPath,
    buyer: createBuyer(localpay.httpUrl),
    async createMerchant(options = {}) {
      const region = options.region ?? 'EU';
      const environment = options.environment === undefined ? 'Sandbox' : options.environment;
      const overview = await createMerchant(deps, { name: `Test merchant ${region}`, region });
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const key = await registerPublicKey(deps, overview.merchant.merchantId, {
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        environment,
      });
      return {
        merchantId: overview.merchant.merchantId,
        storeId: overview.stores[0]?.storeId ?? '',
        region,
        publicKeyId: key.publicKeyId,
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      };
    },
    sdkConfig(merchant, options = {}) {
      return {
        publicKeyId: merchant.publicKeyId,
        privateKey: merchant.privateKeyPem,
        region: SDK_REGION[merchant.region],
        sandbox: options.sandbox ?? true,
        overrideServiceUrl: localpay.httpsHost,
        ...(options.algorithm ? { algorithm: options.algorithm } : {}),
      };
    },
    challenges: {
      pass: (id) => settleChallenge(deps, id, 'Success'),
      fail: (id) => settleChallenge(deps, id, 'Failure'),
      abandon: (id) => settleChallenge(deps, id, 'Abandoned'),
    },
    inspectCharge: (chargeId) => inspectCharge(deps, chargeId),
    async advanceClock(merchantId, by) {
      const ms = parseDuration(by);
      if (ms === null) throw new Error(`Not a duration: ${String(by)}`);
      await advanceMerchantClock(deps, merchantId, ms);
    },
    async setIpnEndpoint(merchantId, url, environment = 'Sandbox') {
      await setIpnEndpoint(deps, merchantId, environment, url);
    },
    async receiveIpns(merchantId, environment = 'Sandbox') {
      const receiver = await startIpnReceiver();
      receivers.push(receiver);
      await setIpnEndpoint(deps, merchantId, environment, receiver.url);
      return receiver;
    },
    verifyIpn: (body, options = {}) => verifyIpn(body, { ca: localpay.tls.caCertPem, ...options }),
    async close() {
      await Promise.all(receivers.map((receiver) => receiver.close()));
      await localpay.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
