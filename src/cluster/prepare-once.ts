import path from 'node:path';
import type { Config } from '../config/config.js';
import { ensureTlsMaterial } from '../http/tls/tls-material.js';
import { ensureIpnSigningMaterial } from '../ipn/signing-material.js';
import { openStore } from '../main.js';
import { cryptoRandom } from '../runtime/crypto-random.js';
import { ensureDefaultMerchant } from '../runtime/default-merchant.js';
import { loadOrCreateSecret } from '../runtime/secret-file.js';
import { systemClock } from '../runtime/system-clock.js';

/**
 * What must happen once before several workers start on one database and data folder: migrate
 * the schema, generate the CA and server certificate, the IPN signing key, the page secret and
 * the default merchant. Each worker then runs `startLocalpay`, which finds all of it in place and
 * only reads it, so every worker serves the same certificate, signs IPNs with the same key and
 * accepts the same page cookies. Doing it in the primary rather than racing N workers at it also
 * keeps two workers from each creating a "default" merchant on a first start.
 */
export async function prepareOnce(config: Config): Promise<void> {
  const store = await openStore(config);
  try {
    await ensureTlsMaterial(path.join(config.dataDir, 'tls'), config.tlsHostnames);
    await ensureIpnSigningMaterial(config.dataDir);
    await loadOrCreateSecret(path.join(config.dataDir, 'page-secret'));
    await ensureDefaultMerchant(
      { store, clock: systemClock, random: cryptoRandom },
      config.dataDir,
      config.defaultRegion,
    );
  } finally {
    await store.close();
  }
}
