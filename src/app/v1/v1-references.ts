import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/shared/errors.js';
import type { Unit } from '../unit-of-work.js';
import type { V1ReferenceKind } from './v1-ports.js';

/**
 * Merchant reference ids make Authorize, Capture and Refund idempotent (spec v1 §4.3): the same
 * id with the same parameters answers the object it created; on another order reference,
 * authorization or capture it is DuplicateReferenceId; with other parameters, DuplicateRequest.
 * The reference is recorded in the transaction that creates the object.
 */
export const fingerprintOf = (parameters: Readonly<Record<string, unknown>>): string =>
  createHash('sha256').update(JSON.stringify(parameters)).digest('hex');

export async function findByReference<T extends { readonly fingerprint: string }>(
  unit: Unit,
  kind: V1ReferenceKind,
  referenceId: string,
  expected: { readonly parentId: string; readonly fingerprint: string },
  load: (id: string) => Promise<T>,
  parentOf: (found: T) => string,
): Promise<T | null> {
  const record = await unit.tx.v1References.find(unit.scope, kind, referenceId);
  if (record === undefined) return null;
  const found = await load(record.objectId);
  if (parentOf(found) !== expected.parentId)
    throw new DomainError(
      'DuplicateReferenceId',
      `The ${kind}ReferenceId ${referenceId} has already been used for another request.`,
    );
  if (found.fingerprint !== expected.fingerprint)
    throw new DomainError(
      'DuplicateRequest',
      `A request with ${kind}ReferenceId ${referenceId} and different parameters has already been processed.`,
    );
  return found;
}

export const recordReference = (
  unit: Unit,
  kind: V1ReferenceKind,
  referenceId: string,
  objectId: string,
): Promise<void> =>
  unit.tx.v1References.insert(unit.scope, { kind, referenceId, objectId, createdAt: unit.now });
