import type { FastifyInstance, FastifyRequest } from 'fastify';
import { enterRequestContext, type RequestContext } from '../../app/inspection/change-cause.js';
import type { RequestLogEntry } from '../../app/inspection/inspection-ports.js';
import { appendRequestLog, merchantOfKey } from '../../app/inspection/request-log.js';
import type { AppDependencies } from '../../app/ports.js';
import { diagnosisOf, type DiagnosedFailure } from '../signature-diagnosis.js';
import { maskBody } from './secret-masking.js';

/**
 * The request log's writer (issue 14 point 4; DESIGN.md §8): every v2 and v1 API call is noted in
 * memory when its response is sent and written in batches by a timer, so no API request waits for
 * it. The buffer is bounded (the oldest notes are dropped first under overload) and the table is
 * trimmed to `keep` rows. It also enters each API request's context, which the timeline reads.
 */
export interface RequestRecorderOptions {
  readonly deps: AppDependencies;
  /** Rows kept in the table. */
  readonly keep: number;
  readonly flushMs?: number;
}

const API_PATH = /^\/(?:(?:sandbox|live)\/)?v2\/|^\/OffAmazonPayments(?:_Sandbox)?\/2013-01-01/;
const MAX_BUFFER = 5_000;
const MAX_BODY = 64 * 1024;

interface Pending {
  readonly entry: Omit<RequestLogEntry, 'merchantId'>;
  readonly merchantId: string | null;
  readonly publicKeyId: string | null;
}

interface Noted {
  readonly context: RequestContext;
  readonly started: bigint;
  failure?: DiagnosedFailure | undefined;
  responseBody?: string | undefined;
}

const notes = new WeakMap<FastifyRequest, Noted>();

function bodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  const text = Buffer.isBuffer(body)
    ? body.toString('utf8')
    : typeof body === 'string'
      ? body
      : JSON.stringify(body);
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (truncated)` : text;
}

const header = (request: FastifyRequest, name: string): string | null => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
};

export function requestRecorder(app: FastifyInstance, options: RequestRecorderOptions): void {
  const { deps } = options;
  let buffer: Pending[] = [];
  const keyOwners = new Map<string, string | null>();

  async function flush(): Promise<void> {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const entries: RequestLogEntry[] = [];
    for (const pending of batch) {
      let merchantId = pending.merchantId;
      if (merchantId === null && pending.publicKeyId !== null) {
        if (!keyOwners.has(pending.publicKeyId))
          keyOwners.set(pending.publicKeyId, await merchantOfKey(deps, pending.publicKeyId));
        merchantId = keyOwners.get(pending.publicKeyId) ?? null;
      }
      entries.push({ ...pending.entry, merchantId });
    }
    await appendRequestLog(deps, entries, options.keep);
  }

  let flushing: Promise<void> = Promise.resolve();
  // Calls answered before a restore are written before it (into the world they happened in).
  deps.restoreHooks?.add({
    beforeRestore: async () => {
      await flushing;
      await flush().catch(() => undefined);
    },
    afterRestore: () => keyOwners.clear(),
  });
  const timer = setInterval(() => {
    flushing = flushing
      .then(flush)
      .catch((error: unknown) => app.log.error({ err: error }, 'writing the request log failed'));
  }, options.flushMs ?? 200);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flushing;
    await flush().catch(() => undefined);
  });

  // Not an async function: the context must be entered in the hook's synchronous part.
  app.addHook('onRequest', (request) => {
    if (!API_PATH.test(request.url)) return Promise.resolve();
    const context: RequestContext = {
      cause: {
        kind: 'request',
        requestId: request.id,
        operation: `${request.method} ${request.url.split('?')[0] ?? ''}`,
      },
      replayed: false,
    };
    enterRequestContext(context);
    notes.set(request, { context, started: process.hrtime.bigint() });
    return Promise.resolve();
  });
  app.addHook('onError', async (request, _reply, error) => {
    const noted = notes.get(request);
    if (noted !== undefined) noted.failure = diagnosisOf(error);
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const noted = notes.get(request);
    if (noted !== undefined && (typeof payload === 'string' || Buffer.isBuffer(payload)))
      noted.responseBody = bodyText(payload) ?? undefined;
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const noted = notes.get(request);
    if (noted === undefined) return;
    const path = request.url.split('?')[0] ?? '';
    const v1 = path.startsWith('/OffAmazonPayments');
    const params = v1 ? new URLSearchParams(bodyText(request.body) ?? '') : null;
    const publicKeyId =
      /PublicKeyId=([^,\s]+)/.exec(header(request, 'authorization') ?? '')?.[1] ?? null;
    const environment = v1
      ? path.includes('_Sandbox')
        ? 'Sandbox'
        : 'Live'
      : path.startsWith('/sandbox/') || publicKeyId?.startsWith('SANDBOX-')
        ? 'Sandbox'
        : path.startsWith('/live/') || publicKeyId?.startsWith('LIVE-')
          ? 'Live'
          : null;
    if (buffer.length >= MAX_BUFFER) buffer.shift();
    buffer.push({
      merchantId: noted.failure?.merchantId ?? params?.get('SellerId') ?? null,
      publicKeyId,
      entry: {
        id: request.id,
        at: deps.clock.now(),
        environment,
        api: v1 ? 'v1' : 'v2',
        method: request.method,
        path,
        operation: v1
          ? (params?.get('Action') ?? '(no Action)')
          : `${request.method} ${request.routeOptions.url ?? path}`,
        status: reply.statusCode,
        latencyMs: Number(process.hrtime.bigint() - noted.started) / 1e6,
        idempotencyKey: header(request, 'x-amz-pay-idempotency-key'),
        replay: noted.context.replayed,
        requestBody: maskBody(bodyText(request.body)),
        responseBody: maskBody(noted.responseBody ?? null),
        signature: noted.failure?.diagnosis ?? null,
      },
    });
  });
}
