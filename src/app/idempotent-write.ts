import { DomainError } from '../domain/shared/errors.js';
import { noteIdempotentReplay } from './inspection/change-cause.js';
import { UniqueViolation, type AppDependencies, type Scope } from './ports.js';
import { inMerchantUnit, type Unit } from './unit-of-work.js';

/** A response exactly as it goes on the wire, so a replay can return the same bytes (spec §6). */
export interface WireOutcome {
  readonly statusCode: number;
  readonly body: string;
}

export interface IdempotencyRequest {
  /** null when the caller sent no key (allowed on some POSTs). */
  readonly key: string | null;
  /** A digest of what makes two requests "the same": operation, path and body. */
  readonly fingerprint: string;
}

/**
 * Runs a state-changing operation so that its effects, its idempotency record and its outbox rows
 * commit in one transaction. A replay with the same key and request returns the stored response; the
 * same key with a different request is DuplicateIdempotencyKey. Two concurrent first attempts can
 * both get past the lookup on PostgreSQL: the loser's insert collides, its transaction rolls back,
 * and the retry finds the winner's record, so the work commits exactly once.
 */
export async function executeIdempotent(
  deps: AppDependencies,
  scope: Scope,
  request: IdempotencyRequest,
  work: (unit: Unit) => Promise<WireOutcome>,
): Promise<WireOutcome> {
  const attempt = (): Promise<WireOutcome> =>
    inMerchantUnit(deps, scope, async (unit) => {
      const { key } = request;
      if (key === null) return work(unit);
      const stored = await unit.tx.idempotency.find(scope.merchantId, key);
      if (stored) {
        if (stored.fingerprint !== request.fingerprint)
          throw new DomainError(
            'DuplicateIdempotencyKey',
            `The idempotency key ${key} was already used for a different request.`,
          );
        noteIdempotentReplay(deps);
        return { statusCode: stored.statusCode, body: stored.responseBody };
      }
      const outcome = await work(unit);
      // One rule for every status (docs/decisions.md, "Money and idempotency"): what commits is
      // what a retry with the key gets back. An outcome `work` returns commits with this record,
      // a committed 500 ProcessingFailure decline included, so the SDKs' automatic retry of a 5xx
      // (same key, same signed headers: spec §3.3) replays it instead of charging again. What
      // `work` throws rolls back, record and all, so a retry runs afresh.
      await unit.tx.idempotency.insert({
        merchantId: scope.merchantId,
        key,
        fingerprint: request.fingerprint,
        statusCode: outcome.statusCode,
        responseBody: outcome.body,
        createdAt: unit.now,
      });
      return outcome;
    });
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof UniqueViolation && request.key !== null) return attempt();
    throw error;
  }
}
