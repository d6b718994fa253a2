import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { unsharedCopy } from '../domain/shared/unshared-string.js';

/**
 * Prometheus metrics for operators and load tests (docs/metrics.md): API requests by operation
 * and status with latency histograms, IPN attempts and the delivery queue, and group-commit batch
 * sizes. One registry per running localpay (tests start several in one process).
 *
 * Label values come from route patterns and MWS action names, never from raw URLs, and the number
 * of distinct operations is capped, so a fuzzer or a scanner cannot grow the registry without
 * bound. A series keeps copies of its labels, never the caller's strings, which may be views into
 * a whole request (domain/shared/unshared-string.ts).
 */
export type ApiName = 'v2' | 'v1' | 'pages' | 'admin' | 'other';

/** Distinct `operation` label values kept before the rest are counted as `other`. */
const MAX_OPERATIONS = 200;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface Metrics {
  /** One answered request: its API, operation (route pattern or MWS action), status, seconds. */
  observeRequest(api: ApiName, operation: string, status: number, seconds: number): void;
  /** One POST of an IPN to a merchant's endpoint. */
  observeIpnAttempt(outcome: string, seconds: number): void;
  /** One group commit: how many units of work shared its COMMIT. */
  observeCommitBatch(units: number): void;
  /** Read at every scrape: notifications committed and not yet delivered (or given up). */
  setIpnQueueDepthSource(read: () => Promise<number>): void;
  readonly contentType: string;
  /** The exposition text for `GET /_localpay/metrics`. */
  render(): Promise<string>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'localpay_' });
  // Each operation seen, mapped to the copy its series are labelled with.
  const operations = new Map<string, string>();
  const bounded = (operation: string): string => {
    const kept = operations.get(operation);
    if (kept !== undefined) return kept;
    if (operations.size >= MAX_OPERATIONS) return 'other';
    const copy = unsharedCopy(operation);
    operations.set(copy, copy);
    return copy;
  };

  const requests = new Counter({
    name: 'localpay_http_requests_total',
    help: 'API requests answered, by API, operation and HTTP status.',
    labelNames: ['api', 'operation', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'localpay_http_request_duration_seconds',
    help: 'Time from request received to response sent, by API and operation.',
    labelNames: ['api', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const ipnAttempts = new Counter({
    name: 'localpay_ipn_attempts_total',
    help: 'IPN POSTs to merchant endpoints, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const ipnLatency = new Histogram({
    name: 'localpay_ipn_attempt_duration_seconds',
    help: 'Time a merchant endpoint took to answer an IPN POST.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const batches = new Histogram({
    name: 'localpay_commit_batch_units',
    help: 'Units of work (requests, timers) that shared one group commit (embedded store).',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  let queueDepth: () => Promise<number> = () => Promise.resolve(0);
  new Gauge({
    name: 'localpay_ipn_queue_depth',
    help: 'Notifications committed and still waiting for delivery (first attempt or a retry).',
    registers: [registry],
    async collect() {
      this.set(await queueDepth());
    },
  });

  // Labelled children are looked up once per series: prom-client hashes the label object on
  // every call otherwise, a visible share of a signed GET's CPU (issue 16).
  const series = new Map<string, { count: () => void; time: (seconds: number) => void }>();
  const seriesOf = (api: ApiName, operation: string, status: number) => {
    const op = bounded(operation);
    const key = `${api} ${op} ${status}`;
    let found = series.get(key);
    if (found === undefined) {
      const counter = requests.labels(api, op, String(status));
      const timer = latency.labels(api, op);
      found = { count: () => counter.inc(), time: (seconds) => timer.observe(seconds) };
      series.set(key, found);
    }
    return found;
  };

  return {
    observeRequest(api, operation, status, seconds) {
      const found = seriesOf(api, operation, status);
      found.count();
      found.time(seconds);
    },
    observeIpnAttempt(outcome, seconds) {
      ipnAttempts.inc({ outcome });
      ipnLatency.observe(seconds);
    },
    observeCommitBatch(units) {
      batches.observe(units);
    },
    setIpnQueueDepthSource(read) {
      queueDepth = read;
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
