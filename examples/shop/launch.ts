import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/config.js';
import { startLocalpay, type RunningLocalpay } from '../../src/main.js';
import type { Region } from '../../src/domain/shared/environment.js';
import type { ShopConfig } from './shop-config.js';
import { buildShop } from './shop-server.js';

/**
 * Starts localpay (in this process, on its embedded SQLite store) and the shop, and wires them
 * together the way a merchant wires a shop to Amazon Pay: the shop gets the default sandbox
 * merchant's keys and MWS credentials, and the merchant's IPN endpoint is set to the shop's
 * /ipn through localpay's admin API (Seller Central's "Integration settings"). This file is the
 * only one of the shop that knows localpay's internals; the shop itself only sees ShopConfig.
 */
export interface LaunchOptions {
  /** Environment for localpay's configuration (LOCALPAY_*); process.env by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Overrides of localpay's configuration (tests: a temporary data folder, free ports). */
  readonly localpay?: Partial<Config>;
  /** The shop's port (0 = any free port) and address. */
  readonly shopPort?: number;
  readonly shopHost?: string;
  readonly log?: (line: string) => void;
}

export interface RunningShop {
  readonly shopUrl: string;
  readonly config: ShopConfig;
  readonly localpay: RunningLocalpay;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

const CURRENCY = { EU: 'EUR', UK: 'GBP', NA: 'USD', JP: 'JPY' } as const satisfies Record<
  Region,
  string
>;
/** The v2 SDK's region names, and the Widgets.js path segment of Amazon's static host. */
const SDK_REGION = { EU: 'eu', UK: 'uk', NA: 'na', JP: 'jp' } as const satisfies Record<
  Region,
  string
>;
const WIDGETS_REGION = { EU: 'de', UK: 'uk', NA: 'us', JP: 'jp' } as const satisfies Record<
  Region,
  string
>;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function launchShop(options: LaunchOptions = {}): Promise<RunningShop> {
  const localpayConfig = loadConfig(options.env ?? process.env, options.localpay ?? {});
  const localpay = await startLocalpay(localpayConfig);
  let app: FastifyInstance | undefined;
  try {
    const merchant = localpay.defaultMerchant;
    if (!merchant.mwsAccessKeyId || !merchant.mwsSecretKey)
      throw new Error(`Merchant ${merchant.merchantId} has no MWS credentials.`);
    const lp = localpay.httpUrl;
    let shopUrl = '';
    const config: ShopConfig = {
      // Known once the shop listens (its port may be chosen by the system).
      get shopUrl() {
        return shopUrl;
      },
      cookieSecret: randomBytes(32).toString('base64url'),
      sandbox: true,
      amazonPay: {
        merchantId: merchant.merchantId,
        storeId: merchant.storeId,
        currency: CURRENCY[merchant.region],
        v2: {
          publicKeyId: merchant.publicKeyId,
          privateKey: await readFile(merchant.privateKeyPath, 'utf8'),
          region: SDK_REGION[merchant.region],
          overrideServiceUrl: localpay.httpsHost,
        },
        v1: {
          mwsAccessKey: merchant.mwsAccessKeyId,
          mwsSecretKey: merchant.mwsSecretKey,
          mwsEndpoint: `${lp}/OffAmazonPayments_Sandbox/2013-01-01`,
          apiEndpoint: lp,
          widgetsJsUrl: `${lp}/OffAmazonPayments/${WIDGETS_REGION[merchant.region]}/sandbox/lpa/js/Widgets.js`,
        },
        buyerPages: {
          checkoutJsUrl: `${lp}/checkout.js`,
          walletUpdateUrl: (id) => `${lp}/jr/your-account/ba/${encodeURIComponent(id)}`,
        },
        ipn: {
          // localpay serves the signing certificate itself, over HTTPS from its own CA.
          certHost: new RegExp(`^${escapeRegExp(new URL(localpay.ipn.signingCertUrl).hostname)}$`),
          ca: localpay.tls.caCertPem,
        },
      },
    };
    app = await buildShop(config, options.log ? { log: options.log } : {});
    const host = options.shopHost ?? '127.0.0.1';
    await app.listen({ port: options.shopPort ?? 3000, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.shopPort;
    shopUrl = `http://${host}:${port}`;

    // The operator's step: send the merchant's Sandbox IPNs to the shop.
    const response = await fetch(
      `${lp}/_localpay/merchants/${merchant.merchantId}/ipn/endpoints/Sandbox`,
      {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...(localpayConfig.adminToken
            ? { authorization: `Bearer ${localpayConfig.adminToken}` }
            : {}),
        },
        body: JSON.stringify({ url: `${shopUrl}/ipn` }),
      },
    );
    if (!response.ok)
      throw new Error(
        `Setting the IPN endpoint answered ${response.status}: ${await response.text()}`,
      );

    const shop = app;
    return {
      shopUrl,
      config,
      localpay,
      app: shop,
      async close() {
        await shop.close();
        await localpay.close();
      },
    };
  } catch (error) {
    await app?.close();
    await localpay.close();
    throw error;
  }
}
