import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFuzzPool } from '../bench/fuzz/fuzz-pool.js';
import { formatReasons, formatReport, runFuzz } from '../bench/fuzz/fuzz-runner.js';
import { fuzzTarget, type FuzzTarget } from '../bench/fuzz/fuzz-target.js';
import { SURFACES, type FuzzPool } from '../bench/fuzz/fuzz-case.js';
import { loadConfig } from '../src/config/config.js';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';

/**
 * Issue 10 point 8, the short pass CI runs: a few thousand generated requests against all four
 * surfaces (v2 signed and unsigned, v1 signed, buyer pages, admin API) of one localpay; any 5xx,
 * crash or hang fails it, and each such request is saved under test-output/fuzz/ to replay.
 * `npm run fuzz` runs the long pass (bench/fuzz.ts). FUZZ_REQUESTS and FUZZ_SEED vary this one.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);

let platform: TestPlatform;
let target: FuzzTarget;
let pool: FuzzPool;
const warnings: string[] = [];

beforeAll(async () => {
  // Notifications stay in the outbox: a fuzzed IPN endpoint must never be called.
  const { ipn } = loadConfig({ LOCALPAY_IPN_DISPATCH: 'off' });
  platform = await createTestPlatform({ ipn, logLevel: 'error' });
  target = await fuzzTarget(platform.httpUrl, platform.localpay.defaultMerchant);
  pool = await createFuzzPool(target, (message) => warnings.push(message));
}, 120_000);
afterAll(() => platform.close());

describe('fuzzing every surface', () => {
  it('sets up real objects for the requests to act on', () => {
    expect(warnings).toEqual([]);
    expect(pool.chargeIds.length).toBeGreaterThanOrEqual(3);
    expect(pool.captureIds.length).toBe(1);
  });

  it(`answers ${REQUESTS} generated requests without a 5xx, crash or hang`, async () => {
    const report = await runFuzz({
      target,
      pool,
      requests: REQUESTS,
      seed: SEED,
      concurrency: 8,
      timeoutMs: 20_000,
      outputDir: path.resolve('test-output/fuzz'),
    });
    console.log(
      `fuzz seed ${SEED}, ${report.sent} requests in ${report.elapsedMs} ms\n${formatReport(report)}`,
    );
    if (process.env.FUZZ_REASONS)
      for (const surface of SURFACES) console.log(`${surface}:\n${formatReasons(report, surface)}`);
    expect(report.failures.map((f) => `${f.summary}\n  reproducer: ${f.reproducer}`)).toEqual([]);
    const health = await fetch(`${platform.httpUrl}/_localpay/health`);
    expect(health.status).toBe(200);
  }, 240_000);
});
