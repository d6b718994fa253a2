import { signCreateCharges } from './charge-requests.js';
import { LOAD, measureOneShot } from './load.js';
import { createSavedWallets, merchantClient, type Client } from './saved-wallet.js';
import type { ServerReady } from './server-protocol.js';
import { benchmarkAgainstHello, type Contender } from './versus-hello.js';
import { wholeNumberSetting } from './settings.js';

/**
 * Benchmark 2 (the hot path, DESIGN.md §5): Create Charge, POST /v2/charges, signed, idempotent
 * and durable, against hello-world. Every request is a new charge with its own idempotency key,
 * so every one is signed beforehand (charge-requests.ts) and sent exactly once.
 */

/**
 * Charges are spread round-robin over this many Saved Wallets. The monthly limit alone would allow
 * one (15,000 EUR is 1.5 million charges of 0.01), but Create Charge sums the permission's charges
 * of the month, so piling a whole run on a few permissions would measure that sum growing, not a
 * merchant charging its buyers a few times a month each.
 */
export const PERMISSIONS = wholeNumberSetting('BENCH_PERMISSIONS', 1000, 1);
export const SET_UP_CONCURRENCY = 8;

/**
 * The Create Charge load on these permissions (round-robin), ready to measure. One request is sent
 * by hand first: a wrong set-up fails here with the server's explanation instead of as a column of
 * non-2xx figures.
 */
export async function createChargeContender(
  ready: ServerReady,
  client: Client,
  permissionIds: readonly string[],
  setUpSummary: string,
  /** Request counts for a smoke run (measureOneShot's); the defaults otherwise. */
  counts?: Parameters<typeof measureOneShot>[2],
): Promise<Contender> {
  const [probe] = signCreateCharges(client, ready.merchant.region, permissionIds, 1);
  if (probe === undefined) throw new Error('No probe request was signed.');
  const answer = await fetch(`${ready.httpUrl}${probe.path}`, {
    method: probe.method,
    headers: probe.headers,
    body: probe.body,
  });
  if (answer.status !== 201)
    throw new Error(`Create Charge answered ${answer.status}: ${await answer.text()}`);

  const prepare = (count: number) => {
    const started = performance.now();
    const requests = signCreateCharges(client, ready.merchant.region, permissionIds, count);
    const seconds = (performance.now() - started) / 1000;
    console.log(`create-charge: signed ${count} requests in ${seconds.toFixed(1)} s`);
    return requests;
  };
  return {
    label: 'Create Charge',
    setUpSummary:
      `${setUpSummary}; hello ${LOAD.warmupSeconds} s warm-up + ${LOAD.measuredSeconds} s, ` +
      `Create Charge ${LOAD.oneShotWarmupRequests} warm-up requests + about ${LOAD.measuredSeconds} s`,
    measure: (serverCpu) =>
      measureOneShot(
        { name: 'POST /v2/charges (Create Charge)', origin: ready.httpUrl, prepare },
        serverCpu,
        counts,
      ),
  };
}

export function runCreateChargeBenchmark(): Promise<void> {
  return benchmarkAgainstHello('create-charge', async ({ ready }) => {
    const client = await merchantClient(ready);
    const setUpStarted = performance.now();
    const permissionIds = await createSavedWallets(client, ready, PERMISSIONS, SET_UP_CONCURRENCY);
    const setUpSeconds = (performance.now() - setUpStarted) / 1000;
    return createChargeContender(
      ready,
      client,
      permissionIds,
      `${permissionIds.length} Saved Wallets (set up in ${setUpSeconds.toFixed(1)} s)`,
    );
  });
}
