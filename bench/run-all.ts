import { runColdStartBenchmark } from './cold-start.js';
import { runCreateChargeBenchmark } from './create-charge.js';
import { runIpnDeliveryBenchmark } from './ipn-delivery.js';
import { runSignedGetBenchmark } from './signed-get.js';
import { runSnapshotsBenchmark } from './snapshots.js';
import { runWorkersBenchmark } from './workers.js';

/**
 * `npm run bench`: runs every benchmark in turn and exits by itself, 0 when all passed. A global
 * deadline bounds the whole run whatever hangs; exiting kills the server child (server-process.ts).
 * `npm run bench -- create-charge` runs only the benchmarks named.
 */

// The snapshots benchmark seeds 100,000 charges on each database: minutes on a loaded machine.
const GLOBAL_TIMEOUT_MS = 600_000;

const BENCHMARKS: readonly { name: string; run: () => Promise<void> }[] = [
  { name: 'signed-get', run: runSignedGetBenchmark },
  { name: 'create-charge', run: runCreateChargeBenchmark },
  { name: 'ipn-delivery', run: runIpnDeliveryBenchmark },
  { name: 'cold-start', run: runColdStartBenchmark },
  { name: 'workers', run: runWorkersBenchmark },
  { name: 'snapshots', run: runSnapshotsBenchmark },
];

const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${GLOBAL_TIMEOUT_MS / 1000} s.`);
  process.exit(1);
}, GLOBAL_TIMEOUT_MS);

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  console.error(`bench: no benchmark named ${unknown.join(', ')}.`);
  process.exit(2);
}

let failures = 0;
for (const benchmark of BENCHMARKS) {
  if (chosen.length > 0 && !chosen.includes(benchmark.name)) continue;
  try {
    await benchmark.run();
  } catch (error) {
    failures += 1;
    console.error(`${benchmark.name} failed:`, error);
  }
}
clearTimeout(deadline);
// Exit explicitly: a keep-alive socket left by a client library must not keep the run alive.
process.exit(failures === 0 ? 0 : 1);
