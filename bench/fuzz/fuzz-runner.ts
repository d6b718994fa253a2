import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { Agent, request } from 'undici';
import { adminRequests } from './admin-requests.js';
import { SURFACES, type FuzzCase, type FuzzPool, type Surface } from './fuzz-case.js';
import type { FuzzTarget } from './fuzz-target.js';
import { pageRequests } from './page-requests.js';
import { signMws, signV2 } from './signing.js';
import { v1Requests } from './v1-requests.js';
import { v2Requests } from './v2-requests.js';

/**
 * Sends generated requests at a running localpay, counts the statuses per surface and fails on
 * any 5xx, crash (the connection refused or dropped) or hang (no answer in time), saving each
 * such request as a reproducer (issue 10 point 8).
 */
export interface FuzzOptions {
  readonly target: FuzzTarget;
  readonly pool: FuzzPool;
  readonly requests: number;
  readonly seed: number;
  readonly concurrency: number;
  /** A request without an answer by then is a hang. */
  readonly timeoutMs: number;
  /** Stop sending new requests after this long (a CI pass on a loaded machine stays bounded). */
  readonly deadlineMs?: number;
  /** Where reproducers go (created when the first failure is saved). */
  readonly outputDir: string;
  /** Called every `every` requests with how many were sent. */
  readonly progress?: { readonly every: number; readonly report: (sent: number) => void };
}

export type Outcome = `${number}` | 'hang' | 'crash' | 'unsendable';

export interface FuzzFailure {
  readonly index: number;
  readonly outcome: Outcome;
  readonly reproducer: string;
  readonly summary: string;
}

export interface FuzzReport {
  readonly sent: number;
  readonly elapsedMs: number;
  readonly counts: Readonly<Record<Surface, Readonly<Record<string, number>>>>;
  /** `status reasonCode` (v2 JSON, MWS XML `Code`, widgets `errorCode`) per surface: how deep requests got. */
  readonly reasons: Readonly<Record<Surface, Readonly<Record<string, number>>>>;
  /** Requests whose connection dropped once and that were sent again (see send()). */
  readonly retried: number;
  readonly failures: readonly FuzzFailure[];
}

/** All four surfaces, the signed APIs weighted up because they have the most code behind them. */
export const fuzzCases = (pool: FuzzPool): fc.Arbitrary<FuzzCase> =>
  fc.oneof(
    { arbitrary: v2Requests(pool, true), weight: 4 },
    { arbitrary: v2Requests(pool, false), weight: 1 },
    { arbitrary: v1Requests(pool), weight: 3 },
    { arbitrary: pageRequests(pool), weight: 2 },
    { arbitrary: adminRequests(pool), weight: 1 },
  );

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

function materialize(target: FuzzTarget, fuzzCase: FuzzCase): Sent {
  const base = new URL(target.httpUrl);
  const now = new Date();
  const { signing } = fuzzCase;
  if (signing.kind === 'mws')
    return {
      method: fuzzCase.method,
      url: fuzzCase.url,
      headers: { ...fuzzCase.headers },
      body: signMws(target.merchant, base.hostname, fuzzCase.url, signing.fields, now),
    };
  if (signing.kind === 'v2') {
    const [pathPart = '', query = ''] = fuzzCase.url.split(/\?(.*)/s);
    const headers = signV2(
      target.merchant,
      base.host,
      {
        method: fuzzCase.method,
        path: pathPart,
        query,
        headers: fuzzCase.headers,
        body: fuzzCase.body,
        extraSignedNames: signing.extraSignedNames,
      },
      now,
    );
    return { method: fuzzCase.method, url: fuzzCase.url, headers, body: fuzzCase.body };
  }
  return {
    method: fuzzCase.method,
    url: fuzzCase.url,
    headers: { ...fuzzCase.headers },
    body: fuzzCase.body,
  };
}

const CRASH_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const HANG_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function outcomeOfError(error: unknown): Outcome {
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  if (HANG_CODES.has(code)) return 'hang';
  if (CRASH_CODES.has(code)) return 'crash';
  return 'unsendable';
}

const reasonOf = (body: string): string =>
  /"(?:reasonCode|errorCode|error)":"([^"]{1,60})"/.exec(body)?.[1] ??
  /<Code>([^<]{1,60})<\/Code>/.exec(body)?.[1] ??
  '-';

const isFailure = (outcome: Outcome): boolean =>
  outcome === 'hang' || outcome === 'crash' || (outcome !== 'unsendable' && Number(outcome) >= 500);

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { target, pool } = options;
  const dispatcher = new Agent({
    connections: options.concurrency,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
  });
  const retryDispatcher = new Agent({
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const counts = Object.fromEntries(SURFACES.map((s) => [s, {}])) as Record<
    Surface,
    Record<string, number>
  >;
  const reasons = Object.fromEntries(SURFACES.map((s) => [s, {}])) as Record<
    Surface,
    Record<string, number>
  >;
  const failures: FuzzFailure[] = [];
  let retried = 0;
  const arbitrary = fuzzCases(pool);
  const batchSize = 500;
  let batch: FuzzCase[] = [];
  let next = 0;
  const started = Date.now();
  const take = (): { index: number; fuzzCase: FuzzCase } | undefined => {
    // A crashed server answers nothing more: stop rather than count every later request.
    if (next >= options.requests || failures.some((f) => f.outcome === 'crash')) return undefined;
    if (options.deadlineMs !== undefined && Date.now() - started > options.deadlineMs)
      return undefined;
    const index = next;
    next += 1;
    if (index % batchSize === 0)
      batch = fc.sample(arbitrary, { numRuns: batchSize, seed: options.seed + index / batchSize });
    const fuzzCase = batch[index % batchSize];
    if (index > 0 && options.progress && index % options.progress.every === 0)
      options.progress.report(index);
    return fuzzCase && { index, fuzzCase };
  };

  const send = async (index: number, fuzzCase: FuzzCase): Promise<void> => {
    let sent: Sent | undefined;
    let outcome: Outcome;
    let responseText = '';
    let errorText = '';
    // A dropped connection is tried once more on a fresh one, as the SDKs retry network errors:
    // a keep-alive socket the server closed as the request went out is a race, not a crash. A
    // second drop, or a refused connection, is a crash.
    for (let attempt = 1; ; attempt += 1) {
      try {
        sent = materialize(target, fuzzCase);
        const response = await request(target.httpUrl + sent.url, {
          method: sent.method as 'GET',
          headers: sent.headers,
          body: sent.body ?? null,
          dispatcher: attempt === 1 ? dispatcher : retryDispatcher,
          reset: attempt > 1,
        });
        responseText = await response.body.text();
        outcome = `${response.statusCode}`;
      } catch (error) {
        outcome = outcomeOfError(error);
        errorText = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      if (outcome !== 'crash' || attempt === 2 || errorText.includes('ECONNREFUSED')) break;
      retried += 1;
    }
    const tally = counts[fuzzCase.surface];
    tally[outcome] = (tally[outcome] ?? 0) + 1;
    const reason = `${outcome} ${errorText === '' ? reasonOf(responseText) : errorText.slice(0, 80)}`;
    const byReason = reasons[fuzzCase.surface];
    byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (!isFailure(outcome)) return;
    const file = path.join(options.outputDir, `seed-${options.seed}-request-${index}.json`);
    await mkdir(options.outputDir, { recursive: true });
    await writeFile(
      file,
      `${JSON.stringify({ seed: options.seed, index, outcome, case: fuzzCase, sent, response: responseText.slice(0, 4_000), error: errorText }, null, 2)}\n`,
    );
    failures.push({
      index,
      outcome,
      reproducer: file,
      summary: `${outcome} ${fuzzCase.method} ${fuzzCase.url.slice(0, 120)} ${(responseText || errorText).slice(0, 300)}`,
    });
  };

  const worker = async (): Promise<void> => {
    for (let item = take(); item !== undefined; item = take())
      await send(item.index, item.fuzzCase);
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    await Promise.all([dispatcher.close(), retryDispatcher.close()]);
  }
  return { sent: next, elapsedMs: Date.now() - started, counts, reasons, retried, failures };
}

/** The status table: one row per surface, one column per status (or hang, crash, unsendable). */
export function formatReport(report: FuzzReport): string {
  const columns = [...new Set(SURFACES.flatMap((s) => Object.keys(report.counts[s])))].sort();
  const header = ['surface', ...columns, 'total'];
  const rows = SURFACES.map((surface) => {
    const tally = report.counts[surface];
    const total = Object.values(tally).reduce((a, b) => a + b, 0);
    return [surface, ...columns.map((c) => String(tally[c] ?? 0)), String(total)];
  });
  const totals = [
    'all',
    ...columns.map((c) => String(SURFACES.reduce((sum, s) => sum + (report.counts[s][c] ?? 0), 0))),
    String(report.sent),
  ];
  const table = [header, ...rows, totals];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line), line(totals)].join('\n');
}

/** The most frequent answers of one surface, to see how deep the generated requests reach. */
export function formatReasons(report: FuzzReport, surface: Surface, top = 12): string {
  return Object.entries(report.reasons[surface])
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([reason, count]) => `  ${String(count).padStart(6)}  ${reason}`)
    .join('\n');
}
