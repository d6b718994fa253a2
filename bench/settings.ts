/**
 * The benchmarks' count settings from the environment (BENCH_CONNECTIONS, BENCH_PERMISSIONS, …).
 * A mistyped value fails the run at once with the setting's name: a bare Number() made '1e' NaN
 * and '' zero, and a benchmark then measured something else than it said, or nothing.
 */
export function wholeNumberSetting(
  name: string,
  fallback: number,
  minimum: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const given = env[name];
  if (given === undefined) return fallback;
  const value = /^\s*\d+\s*$/.test(given) ? Number(given) : NaN;
  if (!Number.isSafeInteger(value) || value < minimum)
    throw new Error(`${name} must be a whole number of at least ${minimum}, not '${given}'.`);
  return value;
}
