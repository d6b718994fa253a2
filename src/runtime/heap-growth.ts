import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection kept before it collects again
 * (issue 16, peak RSS). By default it grows by up to 4× under a high allocation rate: under Create
 * Charge load about 33 MB stayed live after each full collection, yet the heap reached 165 MB
 * before the next one, and the server's peak RSS 254 MiB. Requests in flight wait for their group
 * commit's flush, so much of what they allocate outlives a young-generation collection and is
 * promoted to die in the old generation: the garbage accumulates there. At 1.5× the heap stays
 * near 85 MB (peak RSS 175 MiB in the same run) for a full collection every 2 s of about 10 ms,
 * mostly on V8's helper threads (bench/README.md, session of 2026-12-07 (2)). At 1.25× (with the
 * smaller young generation of process-settings.ts) the old generation stays about 8 MiB lower and
 * peak RSS under 150 MiB, for a garbage collector's share of Create Charge's CPU of 6.8 % instead
 * of 5.8 % (bench/README.md, "Peak RSS").
 *
 * Set from the start path rather than the command line so that every way of running localpay
 * (`localpay start`, its workers, the bench, embedding startLocalpay) gets it. V8 reads this flag
 * at each full collection, so setting it after start-up takes effect; LOCALPAY_HEAP_GROWING_PERCENT
 * overrides it (0: V8's default).
 */
const DEFAULT_PERCENT = 25;

export function limitHeapGrowth(env: NodeJS.ProcessEnv = process.env): void {
  const given = env.LOCALPAY_HEAP_GROWING_PERCENT;
  const percent = given === undefined || given === '' ? DEFAULT_PERCENT : Number(given);
  if (!Number.isInteger(percent) || percent < 0 || percent > 1000)
    throw new Error(
      `LOCALPAY_HEAP_GROWING_PERCENT must be an integer from 0 to 1000, not '${given}'.`,
    );
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
