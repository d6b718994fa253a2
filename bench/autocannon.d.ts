/** The slice of autocannon 8's programmatic API the benchmarks use; the package ships no types. */
declare module 'autocannon' {
  export interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    /** A run before the measured one whose figures are kept apart (result.warmup). */
    warmup?: { connections?: number; duration?: number };
  }

  /** Latency figures are milliseconds; request figures are per one-second sample. */
  export interface Histogram {
    average: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  export interface Result {
    /** Seconds actually measured. */
    duration: number;
    /** Connection errors (refused, reset...), not HTTP statuses. */
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram;
  }

  /** Without a callback the returned tracker is thenable and resolves with the result. */
  export default function autocannon(options: Options): PromiseLike<Result>;
}
