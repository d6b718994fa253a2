import { LOAD, measure } from './load.js';
import { createSavedWallet, merchantClient, signedGetHeaders } from './saved-wallet.js';
import { benchmarkAgainstHello } from './versus-hello.js';

/**
 * Benchmark 1: a signed GET /v2/chargePermissions/{id} (signature verification plus one store
 * read) against hello-world, the same request over and over.
 */
export function runSignedGetBenchmark(): Promise<void> {
  return benchmarkAgainstHello('signed-get', async ({ ready }) => {
    const client = await merchantClient(ready);
    const chargePermissionId = await createSavedWallet(client, ready);
    const signedUrl = `${ready.httpUrl}/v2/chargePermissions/${chargePermissionId}`;
    const headers = signedGetHeaders(client, chargePermissionId);

    // One request by hand first: a wrong set-up fails here with the server's explanation instead
    // of as a column of non-2xx figures.
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
  });
}
