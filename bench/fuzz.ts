import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFuzzPool } from './fuzz/fuzz-pool.js';
import { formatReasons, formatReport, runFuzz } from './fuzz/fuzz-runner.js';
import { fuzzTarget } from './fuzz/fuzz-target.js';
import { SURFACES } from './fuzz/fuzz-case.js';
import { startServerProcess } from './server-process.js';

/**
 * `npm run fuzz`: the long fuzz pass of issue 10 point 8 (100,000 requests by default) against a
 * localpay in its own process, as `localpay start` runs it. Prints the status table per surface,
 * the most frequent answers, the server's RSS before and after, and every 5xx, crash or hang with
 * the file its reproducer was saved to (test-output/fuzz/). Exit code 1 when there was any.
 *
 *   npm run fuzz -- --requests 200000 --seed 7 --concurrency 32
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: process.env.FUZZ_REQUESTS ?? '100000' },
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000_007) },
    concurrency: { type: 'string', default: '32' },
    'timeout-ms': { type: 'string', default: '30000' },
  },
});
const requests = Number(values.requests);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
const timeoutMs = Number(values['timeout-ms']);
const outputDir = path.resolve('test-output/fuzz');
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

// The fuzzer sets IPN endpoints: notifications stay in the outbox. Internal errors are logged
// with their stack (to this terminal) so that each 5xx can be traced.
process.env.LOCALPAY_IPN_DISPATCH = 'off';
process.env.LOCALPAY_LOG_LEVEL ??= 'error';
// Durability is not under test: NORMAL spares the shared disk a flush per write (README, bench).
process.env.LOCALPAY_SQLITE_SYNCHRONOUS ??= 'NORMAL';

const server = await startServerProcess(60_000);
let exitCode = 1;
try {
  const target = await fuzzTarget(server.ready.httpUrl, server.ready.merchant);
  const pool = await createFuzzPool(target, (message) => console.warn(message));
  const rssBefore = await server.rssBytes();
  console.log(
    `fuzz: ${requests} requests, seed ${seed}, concurrency ${concurrency}, ${server.placement}, ${server.ready.store}`,
  );
  const report = await runFuzz({
    target,
    pool,
    requests,
    seed,
    concurrency,
    timeoutMs,
    outputDir,
    progress: {
      every: 10_000,
      report: (sent) => console.log(`  ${sent} sent`),
    },
  });
  const rssAfter = await server.rssBytes();
  console.log(
    `\n${report.sent} requests in ${(report.elapsedMs / 1000).toFixed(1)} s (${Math.round(report.sent / (report.elapsedMs / 1000))}/s)\n`,
  );
  console.log(formatReport(report));
  console.log(`(${report.retried} requests sent again after their keep-alive connection dropped)`);
  for (const surface of SURFACES)
    console.log(`\n${surface}, most frequent answers:\n${formatReasons(report, surface)}`);
  console.log(`\nserver RSS: ${mib(rssBefore)} before, ${mib(rssAfter)} after`);
  if (report.failures.length === 0) {
    console.log('no 5xx, crash or hang');
    exitCode = 0;
  } else {
    console.log(`\n${report.failures.length} failures (reproducers in ${outputDir}):`);
    for (const failure of report.failures.slice(0, 50))
      console.log(`  ${failure.summary}\n    ${failure.reproducer}`);
  }
  const peakKb = await server.stop(10_000);
  console.log(`server peak RSS: ${mib(peakKb * 1024)}`);
} catch (error) {
  console.error('fuzz failed:', error);
} finally {
  server.kill();
}
process.exit(exitCode);
