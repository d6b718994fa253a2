import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiName, Metrics } from '../runtime/metrics.js';
import { ADMIN_PREFIX } from './admin/admin-plugin.js';
import { REPORT_ACTIONS } from './v1/report-actions.js';
import { REPORTS_PATH } from './v1/report-section.js';
import { MWS_ACTION_NAMES, MWS_PATHS } from './v1/v1-plugin.js';

/**
 * The v2 path styles (spec §1.2) and the v1 client's /live/v1 delivery-tracker path; the operation
 * label drops them so one operation is one series.
 */
const V2_PREFIX = /^\/(?:(?:sandbox\/|live\/)?v2|live\/v1)(?=\/)/;
// The Reports section's root path is an MWS route too (POST only; nothing else is served at /).
const MWS_ROUTES = new Set([...MWS_PATHS.map(({ path }) => path), REPORTS_PATH]);
/**
 * Every action localpay serves, each mapped to its own name in this code. A label is one of these
 * strings or `unknown`, never the request's: a made-up Action would take one of the capped
 * operation slots (metrics.ts), and the name as read from the body is a view that keeps the whole
 * body alive for as long as the series lives (domain/shared/unshared-string.ts).
 */
const MWS_ACTION_LABELS: ReadonlyMap<string, string> = new Map(
  [...MWS_ACTION_NAMES, ...REPORT_ACTIONS.keys()].map((name) => [name, name]),
);

/** The MWS Action of a v1 request (form body or query string), if localpay serves it. */
function mwsAction(request: FastifyRequest): string {
  const fromBody =
    typeof request.body === 'string' ? new URLSearchParams(request.body).get('Action') : null;
  const action = fromBody ?? (request.query as Record<string, unknown> | undefined)?.Action;
  return (typeof action === 'string' && MWS_ACTION_LABELS.get(action)) || 'unknown';
}

function classify(request: FastifyRequest): { api: ApiName; operation: string } {
  const pattern = request.routeOptions.url;
  if (pattern === undefined) return { api: 'other', operation: 'unmatched' };
  if (V2_PREFIX.test(pattern))
    return { api: 'v2', operation: `${request.method} ${pattern.replace(V2_PREFIX, '')}` };
  if (MWS_ROUTES.has(pattern)) return { api: 'v1', operation: mwsAction(request) };
  if (pattern.startsWith(ADMIN_PREFIX))
    return { api: 'admin', operation: `${request.method} ${pattern}` };
  return { api: 'pages', operation: `${request.method} ${pattern}` };
}

/** Counts and times every answered request (docs/metrics.md). */
export function recordRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const { api, operation } = classify(request);
    metrics.observeRequest(api, operation, reply.statusCode, reply.elapsedTime / 1000);
  });
}
