/**
 * What localpay's process starts with (issue 16, bench/README.md "Peak RSS" and "Session of
 * 2026-12-07 (7)"). Each takes effect only when the process starts, so they are given where it
 * starts: the `localpay` command's shebang (scripts/bundle.mjs writes it from here), the npm scripts
 * that run it, the cluster's workers (cluster/primary.ts) and the benchmarks' server
 * (bench/server-process.ts). An embedder that calls startLocalpay in its own process passes them to
 * its own `node` (docs/operating.md).
 *
 * - `--max-semi-space-size`: V8's young generation is two semi-spaces of up to 16 MiB each on a
 *   64-bit Node 20, both resident under load: 32 MiB of the server's peak. At 8 MiB it is 16 MiB,
 *   for a scavenge twice as often (the garbage collector's share of Create Charge's CPU went from
 *   3.8 % to 5.8 %). V8 sizes the heap when the isolate is created: v8.setFlagsFromString at
 *   start-up leaves the young generation as it was, unlike --heap-growing-percent (heap-growth.ts).
 * - `--v8-pool-size=0`: V8's helper threads (parallel scavenges, concurrent marking and sweeping)
 *   number one less than the CPUs the process may run on, at least one, instead of Node's fixed
 *   four. A server given one CPU (a container's cpuset, `taskset`, the bench) otherwise runs four
 *   helpers on that CPU: they preempt the thread that serves requests in the middle of its work,
 *   for 13 % of the CPU under Create Charge load, and a request waits for every one of them.
 *   With one helper the p99 of Create Charge fell from 42–48 ms to 31–37 ms on the bench. Setting
 *   GC flags later is not an option: V8 aborts if concurrent marking is turned off after it ran.
 * - `MALLOC_ARENA_MAX`: glibc gives each thread that allocates its own malloc arena, up to eight
 *   per CPU, and frees little of them back: V8's helper threads, libuv's pool and the WAL
 *   checkpoint's worker held about 10 MiB of arenas under load. Two arenas share them (about
 *   4 MiB). Read by glibc when the process starts; other C libraries ignore it.
 */
export const NODE_START_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--v8-pool-size=0'];

export const MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** The command's first line: `env -S` splits it (GNU coreutils ≥ 8.30, macOS, npm's cmd-shim). */
export function commandShebang(): string {
  const assignments = Object.entries(MALLOC_ENV).map(([name, value]) => `${name}=${value}`);
  return `#!/usr/bin/env -S ${[...assignments, 'node', ...NODE_START_FLAGS].join(' ')}`;
}

const flagName = (flag: string): string => flag.split('=')[0] ?? flag;

/** Node arguments with localpay's start flags added, but for any the caller already chose. */
export function withStartFlags(execArgv: readonly string[]): string[] {
  const chosen = new Set(execArgv.map(flagName));
  return [...execArgv, ...NODE_START_FLAGS.filter((flag) => !chosen.has(flagName(flag)))];
}

/** An environment with localpay's malloc settings added, but for any the caller already set. */
export function withMallocEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...MALLOC_ENV, ...env };
}
