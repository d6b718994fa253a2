import { TRA_CLASSES, type TraClass } from '../domain/sca/sca-policy.js';

/**
 * Narrowing of the few enumerated values read back from plain text columns. The store wrote them,
 * so a mismatch means a corrupt or foreign database: fail loudly instead of casting it away.
 */
import {
  isRegion,
  RELEASE_ENVIRONMENTS,
  type Region,
  type ReleaseEnvironment,
} from '../domain/shared/environment.js';

export class CorruptRowError extends Error {
  override readonly name = 'CorruptRowError';
}

export function regionColumn(value: string): Region {
  if (isRegion(value)) return value;
  throw new CorruptRowError(`Unknown region '${value}' in the database.`);
}

/** Rows written before the column existed hold null: no transaction-risk-analysis exemption. */
export function traClassColumn(value: string | null): TraClass {
  if (value === null) return 'None';
  const found = TRA_CLASSES.find((candidate) => candidate === value);
  if (found === undefined)
    throw new CorruptRowError(`Unknown fraud-rate class '${value}' in the database.`);
  return found;
}

export function environmentColumn(value: string): ReleaseEnvironment {
  const found = RELEASE_ENVIRONMENTS.find((environment) => environment === value);
  if (found === undefined)
    throw new CorruptRowError(`Unknown environment '${value}' in the database.`);
  return found;
}

/**
 * JSON documents written by this store with JSON.stringify. The caller names the type it stored;
 * the key columns beside the document are checked against it by the repositories that need to.
 */
export function documentColumn<T>(data: string): T {
  return JSON.parse(data) as T;
}
