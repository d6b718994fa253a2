import type { Completion } from '../../app/complete-checkout-session.js';
import type { WireOutcome } from '../../app/idempotent-write.js';
import type { BuyerLinks } from '../buyer-links.js';
import { errorBody, V2_STATUS } from './error-status.js';
import { serializeCheckoutSession } from './serializers/checkout-session-serializer.js';
import { json } from './v2-route.js';

/**
 * How Complete and Finalize answer (spec §3.3, §8.4, seed 004): 200 with the session, 202 while the
 * charge's authorization is pending, or, when the checkout failed (and that failure is committed),
 * an error: the decline's own reason code, or CheckoutSessionCanceled.
 */
export function completionResponse(completion: Completion, links: BuyerLinks): WireOutcome {
  if (completion.kind === 'Completed') {
    const status = completion.charge?.state === 'AuthorizationInitiated' ? 202 : 200;
    return json(status, serializeCheckoutSession(completion.session, links));
  }
  const { session, charge } = completion;
  if (charge?.state === 'Declined' && charge.reasonCode !== null) {
    const code = charge.reasonCode as keyof typeof V2_STATUS;
    return {
      statusCode: V2_STATUS[code],
      body: errorBody(code, charge.reasonDescription ?? 'The payment was declined.'),
    };
  }
  return {
    statusCode: V2_STATUS.CheckoutSessionCanceled,
    body: errorBody(
      'CheckoutSessionCanceled',
      `The Checkout Session was canceled (${session.reasonCode ?? 'Declined'}): ${session.reasonDescription ?? ''} Get the Checkout Session for details.`,
    ),
  };
}
