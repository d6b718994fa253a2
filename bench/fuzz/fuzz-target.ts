import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { API_REGION, type Region } from '../../src/domain/shared/environment.js';
import type { DefaultMerchant } from '../../src/runtime/default-merchant.js';

/** The server under fuzz and the merchant whose real keys sign the fuzzed API requests. */
export interface FuzzMerchant {
  readonly merchantId: string;
  readonly storeId: string;
  /** `x-amz-pay-region` as the merchant's SDK sends it (`eu`, `na`, `jp`). */
  readonly apiRegion: string;
  /** The currency of the merchant's ledger (spec §7.4), for amounts that go through. */
  readonly currency: string;
  readonly publicKeyId: string;
  readonly privateKey: KeyObject;
  readonly mwsAccessKeyId: string;
  readonly mwsSecretKey: string;
}

export interface FuzzTarget {
  /** Plain HTTP listener, e.g. http://127.0.0.1:8080; every surface is served there. */
  readonly httpUrl: string;
  readonly merchant: FuzzMerchant;
}

const LEDGER = { NA: 'USD', EU: 'EUR', UK: 'GBP', JP: 'JPY' } as const satisfies Record<
  Region,
  string
>;

/** The default merchant a localpay prints on start (its private key is a file in the data folder). */
export async function fuzzTarget(httpUrl: string, merchant: DefaultMerchant): Promise<FuzzTarget> {
  if (merchant.mwsAccessKeyId === undefined || merchant.mwsSecretKey === undefined)
    throw new Error('The default merchant has no MWS key.');
  return {
    httpUrl: httpUrl.replace(/\/+$/, ''),
    merchant: {
      merchantId: merchant.merchantId,
      storeId: merchant.storeId,
      apiRegion: API_REGION[merchant.region],
      currency: LEDGER[merchant.region],
      publicKeyId: merchant.publicKeyId,
      privateKey: createPrivateKey(await readFile(merchant.privateKeyPath, 'utf8')),
      mwsAccessKeyId: merchant.mwsAccessKeyId,
      mwsSecretKey: merchant.mwsSecretKey,
    },
  };
}
