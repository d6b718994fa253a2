import { DomainError } from '../../domain/shared/errors.js';
import type { Loader } from '../aggregate-loader.js';
import { TIMER_CAUSE } from '../inspection/change-cause.js';
import type { Unit } from '../unit-of-work.js';

/**
 * Reads a v1 object for update, firing its due timers first (aggregate-loader.ts); a missing
 * object is the v1 "invalid id" error of its kind (spec v1 §4.3).
 */
export async function load<T>(
  loader: Loader<T>,
  unit: Unit,
  id: string,
  missing: () => DomainError,
): Promise<T> {
  // Same steps as load-aggregates.ts loadWith; kept here so the module graph stays acyclic.
  const repository = loader.repository(unit);
  const found = await repository.findForUpdate(unit.scope, id);
  if (found === undefined) throw missing();
  const settled = loader.settle(found, unit.now);
  if (settled !== found)
    // A timer made this change, whichever request or sweep read the object (the timeline's cause).
    await unit.tx.causedBy(TIMER_CAUSE, async () => {
      await repository.update(settled);
      await loader.onChange(unit, found, settled);
    });
  return settled;
}

export const invalidId =
  (
    code: 'InvalidOrderReferenceId' | 'InvalidBillingAgreementId' | 'InvalidTransactionId',
    what: string,
    id: string,
  ) =>
  () =>
    new DomainError(code, `The ${what} Id ${id} is invalid.`);
