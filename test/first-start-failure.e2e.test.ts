import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { startLocalpay } from '../src/main.js';
import { systemClock } from '../src/runtime/system-clock.js';

/**
 * The certificates are made while the start goes on with other work (src/main.ts). When making
 * them fails early, the start must fail with that error, as it did when it waited for them first,
 * and not as an unhandled rejection that Node ends the process on (Vitest reports one as an error
 * of this file).
 */
let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('fails with the TLS error when half a CA is in the data folder', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-first-start-'));
  await mkdir(path.join(dataDir, 'tls'));
  await writeFile(path.join(dataDir, 'tls', 'ca.pem'), 'only the certificate\n');
  const config = loadConfig(
    { LOCALPAY_LOG_LEVEL: 'silent' },
    { dataDir, host: '127.0.0.1', httpPort: 0, httpsPort: 0, publicBaseUrl: null },
  );
  await expect(startLocalpay(config, systemClock)).rejects.toThrow(/Incomplete local CA/);
  // Long enough for a rejection nobody handled to be reported before the file ends.
  await new Promise((resolve) => setTimeout(resolve, 100));
});
