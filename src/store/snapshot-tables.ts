/**
 * What a snapshot covers, for both dialects: every table of the store as the database's catalog
 * lists it, so a table a new migration adds is saved and restored without being named here. Only
 * the migrator's bookkeeping and the snapshot catalog itself stay out (they describe the
 * database, not the sandbox world in it).
 */
import { MIGRATIONS } from './migrations.js';

export const SNAPSHOT_CATALOG = 'localpay_snapshots';

const NOT_STORE_CONTENT: ReadonlySet<string> = new Set([
  'localpay_migration',
  'localpay_migration_lock',
  SNAPSHOT_CATALOG,
]);

export const isStoreTable = (table: string): boolean => !NOT_STORE_CONTENT.has(table);

/** The schema version a snapshot is stamped with: the last migration this localpay applies. */
export const SCHEMA_VERSION: string = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

/**
 * Notification leases name the dispatcher that was sending when the snapshot was saved; restored,
 * they would hold those notifications until the lease ran out, so a restore hands them back.
 */
export const RELEASE_LEASES_SQL =
  'update outbox set lease_owner = null, lease_until = null where lease_owner is not null';

/** Why restore refused: the two stores' tables differ (only a schema change does that). */
export function tableMismatch(live: readonly string[], saved: readonly string[]): string | null {
  const missing = live.filter((table) => !saved.includes(table));
  const extra = saved.filter((table) => !live.includes(table));
  if (missing.length === 0 && extra.length === 0) return null;
  return `the snapshot's tables differ from the store's (missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'})`;
}
