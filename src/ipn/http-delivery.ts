/**
 * One POST of an envelope to a merchant endpoint, outside any transaction, bounded by a timeout
 * that covers the whole exchange. Redirects are not followed (SNS does not follow them either): a
 * 3xx is a failed attempt. node:http with keep-alive agents rather than fetch: fetch costs several
 * times the CPU per request, and the dispatcher shares the server's event loop.
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { AttemptOutcome } from '../app/ports.js';
import { isFinalRejection } from './retry-schedule.js';

export interface PostResult {
  readonly outcome: AttemptOutcome;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
}

export type Transport = (
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
) => Promise<PostResult>;

/** The answer's first bytes are kept for the delivery log; the rest is read and dropped. */
const EXCERPT_BYTES = 512;

const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
} as const;

function outcomeOf(statusCode: number): AttemptOutcome {
  if (statusCode >= 200 && statusCode < 300) return 'delivered';
  return isFinalRejection(statusCode) ? 'rejected' : 'httpError';
}

/**
 * A kept-alive connection the receiver closed just as it was reused fails before any answer; the
 * POST then never reached the handler, so it is sent again at once on a fresh connection (Node's
 * documented pattern, `request.reusedSocket`) rather than waiting for the next scheduled attempt.
 */
export const httpTransport: Transport = async (url, headers, body, timeoutMs) => {
  const first = await post(url, headers, body, timeoutMs, true);
  if (first !== 'stale-connection') return first;
  const second = await post(url, headers, body, timeoutMs, false);
  return second === 'stale-connection'
    ? {
        outcome: 'networkError',
        statusCode: null,
        latencyMs: 0,
        responseExcerpt: null,
        error: 'ECONNRESET',
      }
    : second;
};

const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function post(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
  mayReuse: boolean,
): Promise<PostResult | 'stale-connection'> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const inFlight: { request?: http.ClientRequest } = {};
    const timer = setTimeout(() => {
      failed('timeout', `no answer within ${timeoutMs} ms`);
      inFlight.request?.destroy();
    }, timeoutMs);
    const settle = (result: PostResult | 'stale-connection'): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const finish = (result: Omit<PostResult, 'latencyMs'>): void =>
      settle({ ...result, latencyMs: performance.now() - started });
    const failed = (outcome: AttemptOutcome, error: string): void =>
      finish({ outcome, statusCode: null, responseExcerpt: null, error });

    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return failed('networkError', `not a URL: ${url}`);
    }
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (client === null) return failed('networkError', `unsupported scheme ${target.protocol}`);
    const payload = Buffer.from(body, 'utf8');
    let answered = false;
    const request = client.request(
      target,
      {
        method: 'POST',
        // A fresh connection when a reused one went stale (agent: false opens one of its own).
        agent: mayReuse ? AGENTS[target.protocol as keyof typeof AGENTS] : false,
        headers: { ...headers, 'content-length': String(payload.length) },
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept >= EXCERPT_BYTES) return;
          chunks.push(chunk);
          kept += chunk.length;
        });
        response.on('end', () => {
          const statusCode = response.statusCode ?? 0;
          finish({
            outcome: outcomeOf(statusCode),
            statusCode,
            responseExcerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
            error: null,
          });
        });
        response.on('error', (error) => failed('networkError', error.message));
      },
    );
    inFlight.request = request;
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered && mayReuse && request.reusedSocket && STALE_CONNECTION.has(error.code ?? ''))
        return settle('stale-connection');
      failed('networkError', error.code ?? error.message);
    });
    request.end(payload);
  });
}
