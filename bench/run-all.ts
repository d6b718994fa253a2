import { runColdStartBenchmark } from './cold-start.js';
import { runCreateChargeBenchmark } from './create-charge.js';
import { runIpnDeliveryBenchmark } from './ipn-delivery.js';
import { runMillionChargesBenchmark } from './million-charges.js';
import { runSignedGetBenchmark } from './signed-get.js';
import { runSnapshotsBenchmark } from './snapshots.js';
import { runWorkersBenchmark } from './workers.js';

/**
 * `npm run bench`: runs every benchmark in turn and exits by itself, 0 when all passed. A global
 * deadline bounds the whole run whatever hangs; exiting kills the server child (server-process.ts).
 * `npm run bench -- create-charge` runs only the benchmarks named. A benchmark with its own budget
 * (the million-charge one seeds a store and measures twice) runs only when named, and extends the
 * deadline by that budget.
 */

// The snapshots benchmark seeds 100,000 charges on each database: minutes on a loaded machine.
const GLOBAL_TIMEOUT_MS = 600_000;

const BENCHMARKS: readonly {
  name: string;
  run: () => Promise<void>;
  /** Set for the long ones: run only when named, with this many more seconds. */
  ownBudgetSeconds?: number;
}[] = [
  { name: 'signed-get', run: runSignedGetBenchmark },
  { name: 'create-charge', run: runCreateChargeBenchmark },
  { name: 'ipn-delivery', run: runIpnDeliveryBenchmark },
  { name: 'cold-start', run: runColdStartBenchmark },
  { name: 'workers', run: runWorkersBenchmark },
  { name: 'snapshots', run: runSnapshotsBenchmark },
  { name: 'million', run: runMillionChargesBenchmark, ownBudgetSeconds: 900 },
];

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  console.error(`bench: no benchmark named ${unknown.join(', ')}.`);
  process.exit(2);
}
const toRun = BENCHMARKS.filter((benchmark) =>
  chosen.length > 0 ? chosen.includes(benchmark.name) : benchmark.ownBudgetSeconds === undefined,
);
const timeoutMs =
  GLOBAL_TIMEOUT_MS +
  1000 * toRun.reduce((sum, { ownBudgetSeconds = 0 }) => sum + ownBudgetSeconds, 0);

const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${timeoutMs / 1000} s.`);
  process.exit(1);
}, timeoutMs);

let failures = 0;
for (const benchmark of toRun) {
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
