import type { V1Authorization } from '../v1-payments/v1-payments.js';
import { DAY, type Instant } from '../shared/time.js';
import type { BillingAgreement } from './billing-agreement.js';

/**
 * Seed 000: "To prevent expiration of the authentication token, you need to make the Capture within
 * 30 days of subscription creation. If the recurring frequency exceeds 30 days, you can do a €0
 * charge as a placeholder." The buyer's authentication of a billing agreement's mandate therefore
 * lapses 30 days (on the merchant's clock) after it was passed, unless a capture on the agreement
 * (a €0 placeholder included) renews it for another 30 days. Once lapsed, only the Confirmation
 * Flow renews it: the merchant confirms the agreement again and the buyer passes the challenge.
 * That each capture renews for a full 30 days is our reading; the seed names only the first window.
 */
export const MANDATE_AUTHENTICATION_WINDOW = 30 * DAY;

/** The earliest authorization creation that can still hold a renewing capture (Live authorizations live 30 days). */
export const renewalSearchStart = (ba: BillingAgreement): Instant | null => {
  const passedAt = passedAuthenticationAt(ba);
  return passedAt === null ? null : passedAt - 30 * DAY;
};

function passedAuthenticationAt(ba: BillingAgreement): Instant | null {
  const auth = ba.authentication;
  if (auth === null || auth.status !== 'Success' || auth.answeredAt === null) return null;
  return auth.answeredAt;
}

/** When the capture of an authorization on the agreement happened, if it was captured. */
const capturedAt = (auth: V1Authorization): Instant | null =>
  auth.state === 'Closed' && auth.reasonCode === 'MaxCapturesProcessed' ? auth.lastUpdatedAt : null;

/**
 * When the passed authentication lapses given the agreement's authorizations; null when it cannot
 * lapse (no challenge was required, as outside PSD2, or none has been passed yet).
 */
export function mandateLapsesAt(
  ba: BillingAgreement,
  authorizations: readonly V1Authorization[],
): Instant | null {
  const passedAt = passedAuthenticationAt(ba);
  if (passedAt === null) return null;
  const captures = authorizations
    .filter((a) => a.billingAgreementId === ba.id)
    .map(capturedAt)
    .filter((at): at is Instant => at !== null && at >= passedAt)
    .sort((a, b) => a - b);
  let lapsesAt = passedAt + MANDATE_AUTHENTICATION_WINDOW;
  for (const at of captures) {
    if (at >= lapsesAt) break; // a capture after the lapse renews nothing
    lapsesAt = at + MANDATE_AUTHENTICATION_WINDOW;
  }
  return lapsesAt;
}

export function mandateLapsed(
  ba: BillingAgreement,
  authorizations: readonly V1Authorization[],
  now: Instant,
): boolean {
  const at = mandateLapsesAt(ba, authorizations);
  return at !== null && now >= at;
}
