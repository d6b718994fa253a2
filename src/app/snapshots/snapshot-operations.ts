import { invalidParameter, notFound } from '../../domain/shared/errors.js';
import { SnapshotIncompatible, type AppDependencies, type SnapshotSummary } from '../ports.js';

/**
 * Named snapshots of the whole store (issue 14 point 7, docs/snapshots.md): save the sandbox
 * world, run a test, put the world back. A snapshot holds every table: merchants, keys, stores,
 * test buyers, objects and their timelines, merchant clocks, idempotency records, the IPN outbox
 * with its attempts and settings, and the request log.
 */

/** Lower case, digits, '-' and '_': a file name on every file system, case-insensitive ones too. */
const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Refusals the admin API answers with 409 Conflict. */
export class SnapshotConflict extends Error {
  override readonly name = 'SnapshotConflict';
  constructor(
    readonly reasonCode: 'SnapshotExists' | 'SnapshotIncompatible',
    message: string,
  ) {
    super(message);
  }
}

export function snapshotName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name))
    throw invalidParameter(
      'name',
      'a snapshot name is 1 to 64 lower-case letters, digits, - or _, starting with a letter or digit.',
    );
  return name;
}

export async function saveSnapshot(
  deps: AppDependencies,
  name: string,
  options: { readonly overwrite?: boolean | undefined } = {},
): Promise<SnapshotSummary> {
  const saved = await deps.store.snapshots.save(
    snapshotName(name),
    deps.clock.now(),
    options.overwrite === true,
  );
  if (saved === 'exists')
    throw new SnapshotConflict(
      'SnapshotExists',
      `A snapshot named ${name} exists; delete it first or save with overwrite.`,
    );
  return saved;
}

export function listSnapshots(deps: AppDependencies): Promise<SnapshotSummary[]> {
  return deps.store.snapshots.list();
}

/**
 * Replaces the whole store with the snapshot, atomically, while the IPN dispatcher and the
 * caches are paused (restore-hooks.ts): the next request sees exactly the saved world.
 */
export async function restoreSnapshot(
  deps: AppDependencies,
  name: string,
): Promise<SnapshotSummary> {
  const valid = snapshotName(name);
  const restore = (): Promise<SnapshotSummary | undefined> => deps.store.snapshots.restore(valid);
  let restored: SnapshotSummary | undefined;
  try {
    restored = await (deps.restoreHooks?.around(restore) ?? restore());
  } catch (error) {
    if (error instanceof SnapshotIncompatible)
      throw new SnapshotConflict('SnapshotIncompatible', error.message);
    throw error;
  }
  if (restored === undefined) throw notFound('snapshot', valid);
  return restored;
}

export async function deleteSnapshot(
  deps: AppDependencies,
  name: string,
): Promise<{ readonly deleted: string }> {
  const valid = snapshotName(name);
  if (!(await deps.store.snapshots.delete(valid))) throw notFound('snapshot', valid);
  return { deleted: valid };
}
