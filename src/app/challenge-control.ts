import type { ChallengeOutcome } from '../domain/checkout-session/checkout-session.js';
import { DomainError, notFound } from '../domain/shared/errors.js';
import { answerChallenge } from './buyer-challenge.js';
import { loadCharge } from './load-aggregates.js';
import { inObjectScope } from './in-object-scope.js';
import type { AppDependencies } from './ports.js';

/**
 * Headless control of a pending SCA challenge, for CI runs without a browser: pass, fail or abandon
 * it by the id of the object that waits (a 202 charge or a checkout session), exactly as the buyer
 * would on the challenge page. Answers where the buyer would be sent.
 */
export async function settleChallenge(
  deps: AppDependencies,
  objectId: string,
  outcome: Exclude<ChallengeOutcome, 'Pending'>,
): Promise<string> {
  const sessionId = await challengeSessionOf(deps, objectId);
  return answerChallenge(deps, sessionId, { kind: 'outcome', outcome });
}

/** A checkout session id is used as is; a charge id leads to the session behind its challenge. */
async function challengeSessionOf(deps: AppDependencies, objectId: string): Promise<string> {
  const isSession = await deps.store.transaction((tx) => tx.checkoutSessions.scopeOf(objectId));
  if (isSession) return objectId;
  const isCharge = await deps.store.transaction((tx) => tx.charges.scopeOf(objectId));
  if (!isCharge) throw notFound('Checkout Session or Charge', objectId);
  return inObjectScope(
    deps,
    (tx) => tx.charges,
    'Charge',
    objectId,
    async (unit) => {
      const charge = await loadCharge(unit, objectId);
      const sessionId = charge.webCheckoutDetails?.checkoutSessionId;
      if (!sessionId)
        throw new DomainError('InvalidRequest', `The Charge ${objectId} has no challenge.`);
      return sessionId;
    },
  );
}
