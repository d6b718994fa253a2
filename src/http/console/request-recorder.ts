import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../app/inspection/change-cause.js';
import { actFor } from '../request-dependencies.js';
import type { RequestLogEntry } from '../../app/inspection/inspection-ports.js';
import { appendRequestLog, merchantOfKey } from '../../app/inspection/request-log.js';
import type { AppDependencies } from '../../app/ports.js';
import { diagnosisOf, type DiagnosedFailure } from '../signature-diagnosis.js';
import { keyOwners } from './key-owners.js';
import { maskBody } from './secret-masking.js';
import { withAdded } from '../../domain/shared/with-added.js';

/**
 * The request log's writer (issue 14 point 4; DESIGN.md §8): every v2 and v1 API call is noted in
 * memory when its response is sent and written in batches by a timer, so no API request waits for
 * it. The response hook only keeps references (the raw bodies, a few headers, the status): turning
 * them into rows (decoding, secret masking, the v1 form's fields, the caller's merchant) happens
 * when the batch is written, once per batch instead of in every response (issue 16). The buffer
 * is bounded in notes and in body bytes: past the byte bound a note keeps its call but not its
 * bodies, and past the note bound the oldest notes are dropped first (overload only; the timer
 * drains it five times a second). The table is kept to `keep` rows. It also names each API
 * request's context (request-dependencies.ts), which the timeline records.
 */
export interface RequestRecorderOptions {
  readonly deps: AppDependencies;
  /** Rows kept in the table. */
  readonly keep: number;
  readonly flushMs?: number;
}

const API_PATH = /^\/(?:(?:sandbox|live)\/)?v2\/|^\/OffAmazonPayments(?:_Sandbox)?\/2013-01-01/;
const MAX_BUFFER = 5_000;
/** Raw body bytes the buffer holds at most (both bodies of every note waiting to be written). */
const MAX_BUFFER_BODY_BYTES = 16 * 1024 * 1024;
const MAX_BODY = 64 * 1024;
const BODY_NOT_KEPT = '(not kept: the request log was writing behind under load)';

interface Pending {
  readonly entry: Omit<RequestLogEntry, 'merchantId'>;
  readonly merchantId: string | null;
  readonly publicKeyId: string | null;
}

/** What the response hook keeps: references, turned into a row when the batch is written. */
interface Note {
  readonly id: string;
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly routeUrl: string | undefined;
  readonly status: number;
  readonly latencyMs: number;
  readonly authorization: string | null;
  readonly idempotencyKey: string | null;
  readonly replayed: boolean;
  readonly failure: DiagnosedFailure | undefined;
  readonly requestBody: unknown;
  readonly responseBody: string | Buffer | undefined;
  readonly bytes: number;
}

interface Noted {
  readonly context: RequestContext;
  readonly started: bigint;
  failure?: DiagnosedFailure | undefined;
  responseBody?: string | Buffer | undefined;
}

const notes = new WeakMap<FastifyRequest, Noted>();

function bodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  const text = Buffer.isBuffer(body)
    ? body.toString('utf8', 0, MAX_BODY + 1)
    : typeof body === 'string'
      ? body
      : JSON.stringify(body);
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (truncated)` : text;
}

/** Roughly what a body holds in memory, for the buffer's bound. */
const bodyBytes = (body: unknown): number =>
  typeof body === 'string' ? body.length * 2 : Buffer.isBuffer(body) ? body.length : 0;

const header = (request: FastifyRequest, name: string): string | null => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
};

/** The row of a note, but for its merchant when only the public key id tells it. */
function pendingOf(note: Note): Pending {
  const path = note.url.split('?')[0] ?? '';
  const v1 = path.startsWith('/OffAmazonPayments');
  const requestBody = bodyText(note.requestBody);
  const params = v1 ? new URLSearchParams(requestBody ?? '') : null;
  const publicKeyId = /PublicKeyId=([^,\s]+)/.exec(note.authorization ?? '')?.[1] ?? null;
  const environment = v1
    ? path.includes('_Sandbox')
      ? 'Sandbox'
      : 'Live'
    : path.startsWith('/sandbox/') || publicKeyId?.startsWith('SANDBOX-')
      ? 'Sandbox'
      : path.startsWith('/live/') || publicKeyId?.startsWith('LIVE-')
        ? 'Live'
        : null;
  const kept = note.bytes >= 0;
  return {
    merchantId: note.failure?.merchantId ?? params?.get('SellerId') ?? null,
    publicKeyId,
    entry: {
      id: note.id,
      at: note.at,
      environment,
      api: v1 ? 'v1' : 'v2',
      method: note.method,
      path,
      operation: v1
        ? (params?.get('Action') ?? '(no Action)')
        : `${note.method} ${note.routeUrl ?? path}`,
      status: note.status,
      latencyMs: note.latencyMs,
      idempotencyKey: note.idempotencyKey,
      replay: note.replayed,
      requestBody: kept ? maskBody(requestBody) : BODY_NOT_KEPT,
      responseBody: kept ? maskBody(bodyText(note.responseBody)) : BODY_NOT_KEPT,
      signature: note.failure?.diagnosis ?? null,
    },
  };
}

export function requestRecorder(app: FastifyInstance, options: RequestRecorderOptions): void {
  const { deps } = options;
  let buffer: Note[] = [];
  let bufferedBytes = 0;
  const owners = keyOwners((publicKeyId) => merchantOfKey(deps, publicKeyId));
  // The table's size is counted at the first batch and again once per `keep` rows appended; in
  // between this writer adds what it appended. Other writers (the workers of a cluster, the CLI)
  // are not seen until the next count, so the table may hold up to one `keep` more rows meanwhile.
  let knownRows: number | null = null;
  let appendedSinceCount = 0;

  async function flush(): Promise<void> {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    bufferedBytes = 0;
    const entries: RequestLogEntry[] = [];
    for (const note of batch) {
      const pending = pendingOf(note);
      let merchantId = pending.merchantId;
      if (merchantId === null && pending.publicKeyId !== null)
        merchantId = await owners.ownerOf(pending.publicKeyId);
      entries.push(withAdded(pending.entry, { merchantId }));
    }
    appendedSinceCount += entries.length;
    if (appendedSinceCount >= options.keep) {
      appendedSinceCount = 0;
      knownRows = null;
    }
    try {
      knownRows = await appendRequestLog(deps, entries, { keep: options.keep, knownRows });
    } catch (error) {
      knownRows = null;
      throw error;
    }
  }

  let flushing: Promise<void> = Promise.resolve();
  // Calls answered before a restore are written before it (into the world they happened in).
  deps.restoreHooks?.add({
    beforeRestore: async () => {
      await flushing;
      await flush().catch(() => undefined);
    },
    afterRestore: () => {
      owners.clear();
      // The restored table holds what the snapshot held.
      knownRows = null;
    },
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
    actFor(request, context);
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
      noted.responseBody = payload;
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const noted = notes.get(request);
    if (noted === undefined) return;
    const bytes = bodyBytes(request.body) + bodyBytes(noted.responseBody);
    const kept = bufferedBytes + bytes <= MAX_BUFFER_BODY_BYTES;
    if (kept) bufferedBytes += bytes;
    if (buffer.length >= MAX_BUFFER) buffer.shift();
    buffer.push({
      id: request.id,
      at: deps.clock.now(),
      method: request.method,
      url: request.url,
      routeUrl: request.routeOptions.url,
      status: reply.statusCode,
      latencyMs: Number(process.hrtime.bigint() - noted.started) / 1e6,
      authorization: header(request, 'authorization'),
      idempotencyKey: header(request, 'x-amz-pay-idempotency-key'),
      replayed: noted.context.replayed,
      failure: noted.failure,
      requestBody: kept ? request.body : undefined,
      responseBody: kept ? noted.responseBody : undefined,
      bytes: kept ? bytes : -1,
    });
  });
}
