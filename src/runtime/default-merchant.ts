import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createMerchant, registerPublicKey } from '../app/merchant-administration.js';
import type { AppDependencies } from '../app/ports.js';
import { ensureMwsCredential } from '../app/v1/mws-credentials.js';
import type { Region } from '../domain/shared/environment.js';

/** What the start banner prints: everything the official SDK's config needs. */
export interface DefaultMerchant {
  readonly merchantId: string;
  readonly storeId: string;
  readonly region: Region;
  readonly publicKeyId: string;
  readonly privateKeyPath: string;
  /** The v1 (MWS) access key and secret; looked up on every start, so not kept in the record. */
  readonly mwsAccessKeyId?: string;
  readonly mwsSecretKey?: string;
}

const isDefaultMerchant = (value: unknown): value is DefaultMerchant =>
  typeof value === 'object' &&
  value !== null &&
  ['merchantId', 'storeId', 'region', 'publicKeyId', 'privateKeyPath'].every(
    (key) => typeof (value as Record<string, unknown>)[key] === 'string',
  );

async function readRecord(file: string): Promise<DefaultMerchant | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return isDefaultMerchant(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * On first start, creates the default sandbox merchant with an RSA key pair whose private half
 * stays in the data folder; later starts reuse it (its record and the database agree).
 */
export async function ensureDefaultMerchant(
  deps: AppDependencies,
  dataDir: string,
  region: Region,
): Promise<DefaultMerchant> {
  const recordFile = path.join(dataDir, 'default-merchant.json');
  const existing = await readRecord(recordFile);
  if (existing) {
    const known = await deps.store.transaction((tx) => tx.publicKeys.find(existing.publicKeyId));
    if (known?.merchantId === existing.merchantId) return withMwsKey(deps, existing);
  }
  const overview = await createMerchant(deps, { name: 'Default Sandbox Merchant', region });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = await registerPublicKey(deps, overview.merchant.merchantId, {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    environment: 'Sandbox',
  });
  const keysDir = path.join(dataDir, 'keys');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const privateKeyPath = path.join(keysDir, `${key.publicKeyId}-private.pem`);
  await writeFile(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
    mode: 0o600,
  });
  const record: DefaultMerchant = {
    merchantId: overview.merchant.merchantId,
    storeId: overview.stores[0]?.storeId ?? '',
    region,
    publicKeyId: key.publicKeyId,
    privateKeyPath,
  };
  await writeFile(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  return withMwsKey(deps, record);
}

/** The merchant's MWS key for the banner (issued now for a database from before the v1 API). */
async function withMwsKey(
  deps: AppDependencies,
  record: DefaultMerchant,
): Promise<DefaultMerchant> {
  const credential = await ensureMwsCredential(deps, record.merchantId);
  return { ...record, mwsAccessKeyId: credential.accessKeyId, mwsSecretKey: credential.secretKey };
}
