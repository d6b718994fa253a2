import { LOAD, measure } from './load.js';
import {
  createSavedWallet,
  merchantClient,
  signedGetHeaders,
  type Client,
} from './saved-wallet.js';
import type { ServerReady } from './server-protocol.js';
import { benchmarkAgainstHello, type Contender } from './versus-hello.js';

/**
 * Benchmark 1: a signed GET /v2/chargePermissions/{id} (signature verification plus one store
 * read) against hello-world, the same request over and over.
 */

/**
 * The signed GET of one permission, ready to measure. One request is sent by hand first: a wrong
 * set-up fails here with the server's explanation instead of as a column of non-2xx figures.
 */
export async function signedGetContender(
  ready: ServerReady,
  client: Client,
  chargePermissionId: string,
): Promise<Contender> {
  const signedUrl = `${ready.httpUrl}/v2/chargePermissions/${chargePermissionId}`;
  const headers = signedGetHeaders(client, chargePermissionId);
  const probe = await fetch(signedUrl, { headers });
  if (probe.status !== 200)
    throw new Error(`The signed GET answered ${probe.status}: ${await probe.text()}`);
  return {
    label: 'signed GET',
    setUpSummary: `${LOAD.warmupSeconds} s warm-up + ${LOAD.measuredSeconds} s per scenario`,
    measure: (serverCpu) =>
      measure(
        { name: 'signed GET /v2/chargePermissions/{id}', url: signedUrl, headers },
        serverCpu,
      ),
  };
}

export function runSignedGetBenchmark(): Promise<void> {
  return benchmarkAgainstHello('signed-get', async ({ ready }) => {
    const client = await merchantClient(ready);
    return signedGetContender(ready, client, await createSavedWallet(client, ready));
  });
}
