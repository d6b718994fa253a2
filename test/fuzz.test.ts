import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURFACES, type FuzzPool } from '../bench/fuzz/fuzz-case.js';
import { createFuzzPool } from '../bench/fuzz/fuzz-pool.js';
import { formatReasons, formatReport, runFuzz } from '../bench/fuzz/fuzz-runner.js';
import { fuzzTarget, type FuzzTarget } from '../bench/fuzz/fuzz-target.js';
import { loadConfig } from '../src/config/config.js';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';

/**
 * Issue 10 point 8, the short pass CI runs: a few thousand generated requests against all four
 * surfaces (v2 signed and unsigned, v1 signed, buyer pages, admin API); any 5xx, crash or hang
 * fails it, and each such request is saved under test-output/fuzz/ to replay. The budget is split
 * between the embedded SQLite store and PostgreSQL when the run has one (their drivers refuse
 * different things). `npm run fuzz` runs the long pass (bench/fuzz.ts). FUZZ_REQUESTS, FUZZ_SEED
 * and FUZZ_DEADLINE_MS (per store, 15 s) vary this one; FUZZ_REASONS=1 prints the most frequent
 * answers per surface.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
/** Per store: on a loaded machine the pass sends fewer requests rather than run longer. */
const DEADLINE_MS = Number(process.env.FUZZ_DEADLINE_MS ?? 15_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
const databaseUrl = testDatabaseUrl();
const BACKENDS = databaseUrl === undefined ? ['SQLite'] : ['SQLite', 'PostgreSQL'];

describe.each(BACKENDS)('fuzzing every surface on %s', (backend) => {
  const requests = Math.ceil(REQUESTS / BACKENDS.length);
  let platform: TestPlatform;
  let dropSchema: (() => Promise<void>) | undefined;
  let target: FuzzTarget;
  let pool: FuzzPool;
  const warnings: string[] = [];

  beforeAll(async () => {
    // Notifications stay in the outbox: a fuzzed IPN endpoint must never be called.
    const { ipn } = loadConfig({ LOCALPAY_IPN_DISPATCH: 'off' });
    const schema =
      backend === 'PostgreSQL' && databaseUrl ? await temporarySchema(databaseUrl) : undefined;
    dropSchema = schema ? () => schema.drop() : undefined;
    platform = await createTestPlatform({
      ipn,
      logLevel: 'error',
      ...(schema ? { databaseUrl: schema.url } : {}),
    });
    target = await fuzzTarget(platform.httpUrl, platform.localpay.defaultMerchant);
    pool = await createFuzzPool(target, (message) => warnings.push(message));
  }, 120_000);
  afterAll(async () => {
    await platform.close();
    await dropSchema?.();
  });

  it('sets up real objects for the requests to act on', () => {
    expect(warnings).toEqual([]);
    expect(pool.chargeIds.length).toBeGreaterThanOrEqual(3);
    expect(pool.captureIds.length).toBe(1);
  });

  it(`answers up to ${requests} generated requests without a 5xx, crash or hang`, async () => {
    const report = await runFuzz({
      target,
      pool,
      requests,
      seed: SEED + BACKENDS.indexOf(backend),
      concurrency: 8,
      timeoutMs: 20_000,
      deadlineMs: DEADLINE_MS,
      outputDir: path.resolve('test-output/fuzz', backend),
    });
    console.log(
      `fuzz on ${backend}: seed ${SEED + BACKENDS.indexOf(backend)}, ${report.sent} requests in ${report.elapsedMs} ms\n${formatReport(report)}`,
    );
    if (process.env.FUZZ_REASONS)
      for (const surface of SURFACES) console.log(`${surface}:\n${formatReasons(report, surface)}`);
    expect(report.sent).toBeGreaterThanOrEqual(Math.min(requests, 250));
    expect(report.failures.map((f) => `${f.summary}\n  reproducer: ${f.reproducer}`)).toEqual([]);
    const health = await fetch(`${platform.httpUrl}/_localpay/health`);
    expect(health.status).toBe(200);
  }, 240_000);
});
