import autocannon, { type Options, type RequestSpec, type Result } from 'autocannon';
import { wholeNumberSetting } from './settings.js';

/** autocannon runs (warm-up, then measured) and the table the benchmarks print. */

export const LOAD = {
  /**
   * Enough concurrent keep-alive connections to keep one server core busy; the p99 is at
   * 50. `BENCH_CONNECTIONS` changes it, e.g. to see how much of a run waited on the WAL's flush.
   */
  connections: wholeNumberSetting('BENCH_CONNECTIONS', 50, 1),
  /** Lets V8 optimise the hot path and fills caches before anything is counted. */
  warmupSeconds: 2,
  measuredSeconds: 10,
  /**
   * One-shot scenarios cannot run for a duration: every request is prepared (signed) beforehand
   * and sent once. The warm-up sends this many; the measured run as many as the warm-up's rate
   * fills `measuredSeconds` with, within these bounds (signing costs the set-up about 270 us each).
   */
  oneShotWarmupRequests: 8_000,
  oneShotMeasuredRequests: { min: 10_000, max: 60_000 },
} as const;

/** A request sent over and over: a GET whose signature stays valid for the whole run. */
export interface Scenario {
  readonly name: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
}

/** One request exactly as it goes on the wire, to be sent once. */
export interface PreparedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Requests that may each be sent only once, e.g. POSTs with a signed idempotency key each. */
export interface OneShotScenario {
  readonly name: string;
  /** Where the requests go: scheme, host and port. */
  readonly origin: string;
  /** Prepares `count` fresh requests; called outside the measured window. */
  readonly prepare: (count: number) => readonly PreparedRequest[];
}

export interface Measurement {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
  /** Status code → count, to explain a non-2xx figure. */
  readonly statuses: Record<string, number>;
  /**
   * CPU time over wall time of the server and of this load generator (one core each): whichever
   * is near 100 % is the limit. A baseline limited by the load generator understates the server.
   */
  readonly serverCpuPercent: number;
  readonly loadCpuPercent: number;
  /**
   * Server CPU time per response. Steadier than req/s when the VM's speed moves between runs (the
   * hello-world baseline has swung 2× within minutes here), so ratios are given both ways.
   */
  readonly serverCpuMicrosPerRequest: number;
}

interface RunFigures {
  readonly result: Result;
  readonly responses: number;
  /** From the start to the last response. autocannon's own duration ends at the next one-second
   * sample tick, up to a second late when a run ends by request count. */
  readonly activeMs: number;
}

async function run(options: Options): Promise<RunFigures> {
  const startedAt = performance.now();
  let lastResponseAt = startedAt;
  let responses = 0;
  const tracker = autocannon({ connections: LOAD.connections, ...options });
  tracker.on('response', () => {
    responses += 1;
    lastResponseAt = performance.now();
  });
  const result = await tracker;
  return { result, responses, activeMs: lastResponseAt - startedAt };
}

const repeated = (scenario: Scenario, seconds: number): Options => ({
  url: scenario.url,
  duration: seconds,
  ...(scenario.headers ? { headers: scenario.headers } : {}),
});

/**
 * Each connection asks `setupRequest` for its next request; they all draw from one list, so every
 * prepared request is sent exactly once. `amount` stops the run when the list is used up.
 */
function oneShot(origin: string, requests: readonly PreparedRequest[]): Options {
  let next = 0;
  const spec: RequestSpec = {
    setupRequest: (defaults) => {
      const request = requests[next];
      next += 1;
      // Cannot happen with `amount` set to the list's length; sending a request twice would be
      // an idempotent replay, a different and cheaper operation, so never fall back to that.
      if (request === undefined) throw new Error('The load asked for more requests than prepared.');
      return { ...defaults, ...request };
    },
  };
  return { url: origin, amount: requests.length, requests: [spec] };
}

/** The measured run, bracketed by two readings of the server's CPU clock. */
async function measured(
  name: string,
  options: Options,
  serverCpuMicros: () => Promise<number>,
): Promise<Measurement> {
  const serverBefore = await serverCpuMicros();
  const loadBefore = process.cpuUsage();
  const { result, responses, activeMs } = await run(options);
  const load = process.cpuUsage(loadBefore);
  const serverMicros = (await serverCpuMicros()) - serverBefore;
  const activeMicros = activeMs * 1000;
  return {
    name,
    requestsPerSecond: (1000 * responses) / activeMs,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
    ),
    serverCpuPercent: (100 * serverMicros) / activeMicros,
    loadCpuPercent: (100 * (load.user + load.system)) / activeMicros,
    serverCpuMicrosPerRequest: serverMicros / Math.max(1, responses),
  };
}

/** Warm-up, then the measured run. */
export async function measure(
  scenario: Scenario,
  serverCpuMicros: () => Promise<number>,
): Promise<Measurement> {
  await run(repeated(scenario, LOAD.warmupSeconds));
  return measured(scenario.name, repeated(scenario, LOAD.measuredSeconds), serverCpuMicros);
}

/** Warm-up, then a measured run sized from the warm-up's rate to last about `measuredSeconds`. */
export async function measureOneShot(
  scenario: OneShotScenario,
  serverCpuMicros: () => Promise<number>,
  /** Request counts; smaller ones make a smoke run (e.g. bench/workers.ts's BENCH_REQUESTS). */
  counts: { readonly warmup: number; readonly min: number; readonly max: number } = {
    warmup: LOAD.oneShotWarmupRequests,
    ...LOAD.oneShotMeasuredRequests,
  },
): Promise<Measurement> {
  const warmup = await run(oneShot(scenario.origin, scenario.prepare(counts.warmup)));
  const warmupRate = (1000 * warmup.responses) / warmup.activeMs;
  const { min, max } = counts;
  const count = Math.min(max, Math.max(min, Math.round(warmupRate * LOAD.measuredSeconds)));
  const requests = scenario.prepare(count);
  return measured(scenario.name, oneShot(scenario.origin, requests), serverCpuMicros);
}

/** autocannon records whole milliseconds, so a sub-millisecond latency reads 0. */
const milliseconds = (value: number): string => (value === 0 ? '<1' : value.toString());

export function formatTable(rows: readonly Measurement[]): string {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'non-2xx',
    'server CPU',
    'load CPU',
    'server µs/req',
  ];
  const cells = rows.map((row) => [
    row.name,
    Math.round(row.requestsPerSecond).toString(),
    milliseconds(row.p50Ms),
    milliseconds(row.p99Ms),
    row.errors.toString(),
    row.non2xx.toString(),
    `${Math.round(row.serverCpuPercent)} %`,
    `${Math.round(row.loadCpuPercent)} %`,
    Math.round(row.serverCpuMicrosPerRequest).toString(),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]?.length ?? 0)),
  );
  // The name column reads best left-aligned, the figures right-aligned.
  const line = (values: readonly string[]): string =>
    values
      .map((value, column) =>
        column === 0 ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}
