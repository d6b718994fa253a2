import { DomainError } from '../../domain/shared/errors.js';
import type { V2Route } from './v2-route.js';

/** At most 32 characters of a-z A-Z 0-9 - _ (spec §6). */
const KEY_FORMAT = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Reads the x-amz-pay-idempotency-key header as the operation needs it. On GET, PATCH and DELETE
 * the header "has no effect" and is ignored rather than rejected (spec §6).
 */
export function idempotencyKeyFor(route: V2Route, header: string | undefined): string | null {
  if (route.idempotency === 'ignored') return null;
  if (header === undefined) {
    if (route.idempotency === 'required')
      throw new DomainError(
        'MissingHeader',
        'The header x-amz-pay-idempotency-key is required for this operation.',
      );
    return null;
  }
  if (!KEY_FORMAT.test(header))
    throw new DomainError(
      'InvalidHeaderValue',
      'x-amz-pay-idempotency-key must be 1 to 32 characters of letters, digits, - and _.',
    );
  return header;
}
