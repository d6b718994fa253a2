import { cancelCharge, declineCharge } from '../domain/charge/charge-operations.js';
import { recordFailedAuthentication } from '../domain/charge-permission/charge-permission-charging.js';
import { processCheckout } from '../domain/checkout-session/checkout-processing.js';
import {
  challengeCodeMatches,
  recordChallengeOutcome,
} from '../domain/checkout-session/charge-challenge.js';
import type {
  ChallengeOutcome,
  CheckoutSession,
} from '../domain/checkout-session/checkout-session.js';
import type { Merchant } from '../domain/merchant/merchant.js';
import { DomainError } from '../domain/shared/errors.js';
import { chargeMoved, savePermission } from './charge-effects.js';
import { inObjectScope } from './in-object-scope.js';
import { loadCharge, loadChargePermission, loadCheckoutSession } from './load-aggregates.js';
import { chargeChanged } from './notifications.js';
import type { AppDependencies } from './ports.js';
import { recordAuthentication } from './sca-authentication.js';
import type { Unit } from './unit-of-work.js';

/**
 * The buyer's MFA challenge (seed 004 for a 202 charge; PSD2 for a checkout): the issuer-style
 * page asks for the one-time code; the right code passes, a wrong one fails, closing it abandons.
 * Either way the buyer returns to the merchant's checkoutResultReturnUrl with
 * amazonCheckoutSessionId: the only URL registered on the session, so there is no open redirect.
 */
export interface ChallengeView {
  readonly session: CheckoutSession;
  readonly merchant: Merchant;
  /** Still waiting for the buyer's answer. */
  readonly open: boolean;
  /** Where the buyer returns once the challenge is over. */
  readonly returnUrl: string;
}

const inSession = <T>(
  deps: AppDependencies,
  id: string,
  work: (unit: Unit) => Promise<T>,
): Promise<T> => inObjectScope(deps, (tx) => tx.checkoutSessions, 'Checkout Session', id, work);

export function resultUrlOf(session: CheckoutSession): string {
  const web = session.webCheckoutDetails;
  const url = new URL(web.checkoutResultReturnUrl ?? web.checkoutReviewReturnUrl ?? '');
  url.searchParams.set('amazonCheckoutSessionId', session.id);
  return url.toString();
}

/** A challenge is open while its session is Open, unanswered, and its charge (if any) still waits. */
async function isOpen(unit: Unit, session: CheckoutSession): Promise<boolean> {
  const challenge = session.challenge;
  if (challenge === null || session.state !== 'Open' || challenge.outcome !== 'Pending')
    return false;
  if (challenge.chargeId === null) return true;
  return (await loadCharge(unit, challenge.chargeId)).state === 'ActionRequired';
}

export function viewChallenge(
  deps: AppDependencies,
  sessionId: string,
): Promise<ChallengeView | null> {
  return inSession(deps, sessionId, async (unit) => {
    const session = await loadCheckoutSession(unit, sessionId);
    if (session.challenge === null) return null;
    return {
      session,
      merchant: unit.merchant,
      open: await isOpen(unit, session),
      returnUrl: resultUrlOf(session),
    };
  });
}

/** What the buyer did on the challenge page (or what a headless test says they did). */
export type ChallengeAnswer =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'outcome'; readonly outcome: Exclude<ChallengeOutcome, 'Pending'> };

/** The charge behind a 202 challenge follows the buyer's answer. */
async function settleChallengedCharge(
  unit: Unit,
  chargeId: string,
  outcome: Exclude<ChallengeOutcome, 'Pending'>,
): Promise<void> {
  const charge = await loadCharge(unit, chargeId);
  if (charge.state !== 'ActionRequired') return;
  if (outcome === 'Failure') {
    // A failed challenge declines the charge and blocks the wallet until the buyer verifies it (MFAFailed).
    const declined = declineCharge(
      charge,
      'HardDeclined',
      unit.now,
      'The buyer failed the multi-factor authentication challenge.',
    );
    await unit.tx.charges.update(declined);
    await chargeChanged(unit, charge, declined);
    const permission = await loadChargePermission(unit, charge.chargePermissionId);
    await savePermission(
      unit,
      permission,
      recordFailedAuthentication(permission, charge.chargeAmount, unit.now),
    );
  } else if (outcome === 'Abandoned') {
    const canceled = cancelCharge(
      charge,
      'BuyerCanceled',
      'The buyer abandoned the multi-factor authentication challenge.',
      unit.now,
    );
    await unit.tx.charges.update(canceled);
    await chargeMoved(unit, charge, canceled);
  }
}

async function applyOutcome(
  unit: Unit,
  session: CheckoutSession,
  outcome: Exclude<ChallengeOutcome, 'Pending'>,
): Promise<void> {
  const challenge = session.challenge;
  if (challenge === null)
    throw new DomainError('InvalidRequest', 'This checkout has no challenge.');
  let answered = recordChallengeOutcome(session, outcome, unit.now);
  if (outcome === 'Success') {
    await recordAuthentication(
      unit,
      session.buyer?.buyerId ?? null,
      session.paymentInstrument?.instrumentId ?? null,
    );
    // A checkout authenticated by the buyer goes on to process its payment (the card may still decline).
    if (challenge.chargeId === null) answered = processCheckout(answered, unit.now);
  }
  await unit.tx.checkoutSessions.update(answered);
  if (challenge.chargeId !== null) await settleChallengedCharge(unit, challenge.chargeId, outcome);
}

/** Records the buyer's answer once and says where the browser goes: always the result URL. */
export function answerChallenge(
  deps: AppDependencies,
  sessionId: string,
  answer: ChallengeAnswer,
): Promise<string> {
  return inSession(deps, sessionId, async (unit) => {
    const session = await loadCheckoutSession(unit, sessionId);
    if (session.challenge === null)
      throw new DomainError(
        'InvalidRequest',
        `Checkout Session ${sessionId} has no challenge to answer.`,
      );
    if (await isOpen(unit, session)) {
      const outcome =
        answer.kind === 'outcome'
          ? answer.outcome
          : challengeCodeMatches(session, answer.code)
            ? 'Success'
            : 'Failure';
      await applyOutcome(unit, session, outcome);
    }
    return resultUrlOf(session);
  });
}
