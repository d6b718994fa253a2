/** The slice of autocannon 8's programmatic API the benchmarks use; the package ships no types. */
declare module 'autocannon' {
  /** What `setupRequest` returns: this request's method, path, headers and body. */
  export interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  export interface RequestSpec {
    /**
     * Called for every request a connection sends (each connection walks the `requests` list and
     * starts over); returns that request.
     */
    setupRequest?: (request: RequestParams) => RequestParams;
  }

  export interface Options {
    url: string;
    connections?: number;
    /** Seconds; ignored when `amount` is set. */
    duration?: number;
    /** Total requests to send, spread over the connections; the run ends when all have answered. */
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: RequestSpec[];
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
    /**
     * Seconds from start to the sample tick after the last response: up to one second more than
     * the requests took when the run ends by `amount`.
     */
    duration: number;
    /** Connection errors (refused, reset...), not HTTP statuses. */
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram;
  }

  /** The running benchmark: thenable (resolves with the result) and an event emitter. */
  export interface Tracker extends PromiseLike<Result> {
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void,
    ): this;
  }

  /** Without a callback the returned tracker is thenable and resolves with the result. */
  export default function autocannon(options: Options): Tracker;
}
