/**
 * `localpay snapshot save|list|restore|delete` (issue 14 point 7, docs/snapshots.md). A running
 * localpay is asked through its admin API, because only the server can pause its IPN dispatcher
 * and drop its caches around a restore; when nothing answers at --http-url, the command works on
 * the store directly (nothing runs that could hold stale state).
 */
import type { AppDependencies } from '../app/ports.js';
import {
  deleteSnapshot,
  listSnapshots,
  restoreSnapshot,
  saveSnapshot,
  snapshotName,
} from '../app/snapshots/snapshot-operations.js';

export const SNAPSHOT_USAGE = `  snapshot save NAME [--overwrite]        save the whole store (every merchant, object, clock,
                                          idempotency record, IPN and log) under NAME
  snapshot list                           saved snapshots: name, when, size, rows per table
  snapshot restore NAME                   put the store back exactly as saved (atomic)
  snapshot delete NAME                    forget a snapshot
  (snapshot commands ask the server at --http-url, default http://127.0.0.1:8080, and work on
   the data folder or DATABASE_URL directly when no server answers there)`;

export const SNAPSHOT_OPTIONS = { overwrite: { type: 'boolean' } } as const;

export const SNAPSHOT_COMMANDS = [
  'snapshot save',
  'snapshot list',
  'snapshot restore',
  'snapshot delete',
];

export interface SnapshotCommandContext {
  readonly httpUrl: string;
  readonly adminToken: string | null;
  readonly usage: (message: string) => Error;
  /** Runs `work` on the store opened directly (no server running). */
  readonly offline: <T>(work: (deps: AppDependencies) => Promise<T>) => Promise<T>;
}

interface Request {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
}

/** What to ask the admin API, and the same operation on the store. */
function plan(
  command: string,
  name: string | undefined,
  overwrite: boolean,
  usage: (message: string) => Error,
): { request: Request; direct: (deps: AppDependencies) => Promise<unknown> } {
  if (command === 'snapshot list')
    return {
      request: { method: 'GET', path: '/snapshots' },
      direct: async (deps) => ({ snapshots: await listSnapshots(deps) }),
    };
  if (name === undefined) throw usage(`${command} takes a snapshot name.`);
  const valid = snapshotName(name);
  const path = `/snapshots/${encodeURIComponent(valid)}`;
  switch (command) {
    case 'snapshot save':
      return {
        request: { method: 'POST', path: '/snapshots', body: { name: valid, overwrite } },
        direct: (deps) => saveSnapshot(deps, valid, { overwrite }),
      };
    case 'snapshot restore':
      return {
        request: { method: 'POST', path: `${path}/restore` },
        direct: (deps) => restoreSnapshot(deps, valid),
      };
    default:
      return {
        request: { method: 'DELETE', path },
        direct: (deps) => deleteSnapshot(deps, valid),
      };
  }
}

/** Connection refused (or the host has no listener): no server to ask. */
const nobodyListens = (error: unknown): boolean =>
  ['ECONNREFUSED', 'EADDRNOTAVAIL'].includes(
    ((error as { cause?: { code?: unknown } }).cause?.code as string | undefined) ?? '',
  );

/** Runs one snapshot command; answers what to print. */
export async function snapshotCommand(
  command: string,
  name: string | undefined,
  overwrite: boolean,
  context: SnapshotCommandContext,
): Promise<unknown> {
  const { request, direct } = plan(command, name, overwrite, context.usage);
  let response: Response;
  try {
    response = await fetch(`${context.httpUrl}/_localpay${request.path}`, {
      method: request.method,
      headers: {
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(context.adminToken === null ? {} : { authorization: `Bearer ${context.adminToken}` }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
  } catch (error) {
    if (!nobodyListens(error)) throw error;
    return context.offline(direct);
  }
  const answer = (await response.json()) as { reasonCode?: string; message?: string };
  if (!response.ok)
    throw new SnapshotCommandError(
      `${answer.reasonCode ?? response.status}: ${answer.message ?? ''}`,
    );
  return answer;
}

/** The server refused: its reason code and message, printed without a stack trace. */
export class SnapshotCommandError extends Error {}
