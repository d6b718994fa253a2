import { behaviourOf } from '../simulation/payment-instruments.js';
import type { Instant } from '../shared/time.js';
import type { CheckoutSession } from './checkout-session.js';
import {
  cancelCheckoutSession,
  markProcessed,
  requireReadyForProcessing,
} from './checkout-session-operations.js';

/**
 * What happens when the buyer reaches `amazonPayRedirectUrl`: the chosen payment method is tried
 * (spec §9.1 decides by the test card's ending) and the session is either ready for Complete or
 * Canceled. Processing twice is harmless: the buyer may reload the page.
 */
export function processCheckout(session: CheckoutSession, now: Instant): CheckoutSession {
  if (session.state === 'Open' && session.buyerProgress === 'Processed') return session;
  requireReadyForProcessing(session);
  const behaviour = session.paymentInstrument ? behaviourOf(session.paymentInstrument) : 'Success';
  switch (behaviour) {
    case 'CheckoutBuyerCanceled':
      return cancelCheckoutSession(
        session,
        'BuyerCanceled',
        'The buyer canceled the checkout.',
        now,
      );
    case 'CheckoutDeclined':
      return cancelCheckoutSession(session, 'Declined', 'The payment was declined.', now);
    case 'PendingThenAuthorized':
    case 'PendingThenHardDeclined':
      // These cards only resolve asynchronously; without canHandlePendingAuthorization the
      // authorization cannot wait, so the checkout is declined (spec §9.1 "else error").
      if (
        session.paymentDetails.paymentIntent !== 'Confirm' &&
        !session.paymentDetails.canHandlePendingAuthorization
      )
        return cancelCheckoutSession(
          session,
          'Declined',
          'The payment could not be authorized synchronously; set canHandlePendingAuthorization to true.',
          now,
        );
      return markProcessed(session, now);
    case 'Success':
      return markProcessed(session, now);
  }
}
