import { completeCheckoutSession } from '../../../app/complete-checkout-session.js';
import { createCheckoutSession } from '../../../app/create-checkout-session.js';
import { finalizeCheckoutSession } from '../../../app/finalize-checkout-session.js';
import { getCheckoutSession, updateCheckoutSession } from '../../../app/update-checkout-session.js';
import { errorBody, V2_STATUS } from '../error-status.js';
import { validateBody } from '../request-body.js';
import {
  completeCheckoutSessionSchema,
  createCheckoutSessionSchema,
  finalizeCheckoutSessionSchema,
  toCheckoutSessionChanges,
  toCompleteInput,
  toCreateCheckoutSessionInput,
  toFinalizeInput,
  updateCheckoutSessionSchema,
} from '../schemas/checkout-session-schemas.js';
import { serializeCheckoutSession } from '../serializers/checkout-session-serializer.js';
import { json, type V2Route } from '../v2-route.js';

const id = (params: Readonly<Record<string, string>>): string => params.checkoutSessionId ?? '';

/** Checkout Session operations (spec §8.1–§8.5). */
export const checkoutSessionRoutes: readonly V2Route[] = [
  {
    method: 'POST',
    url: '/checkoutSessions',
    idempotency: 'required',
    async handle(unit, request) {
      const input = toCreateCheckoutSessionInput(
        validateBody(createCheckoutSessionSchema, request.body),
      );
      return json(
        201,
        serializeCheckoutSession(await createCheckoutSession(unit, input), request.links),
      );
    },
  },
  {
    method: 'GET',
    url: '/checkoutSessions/:checkoutSessionId',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(
        200,
        serializeCheckoutSession(await getCheckoutSession(unit, id(request.params)), request.links),
      );
    },
  },
  {
    method: 'PATCH',
    url: '/checkoutSessions/:checkoutSessionId',
    idempotency: 'ignored',
    async handle(unit, request) {
      const changes = toCheckoutSessionChanges(
        validateBody(updateCheckoutSessionSchema, request.body),
      );
      const session = await updateCheckoutSession(unit, id(request.params), changes);
      return json(200, serializeCheckoutSession(session, request.links));
    },
  },
  {
    method: 'POST',
    url: '/checkoutSessions/:checkoutSessionId/complete',
    idempotency: 'optional',
    async handle(unit, request) {
      const input = toCompleteInput(validateBody(completeCheckoutSessionSchema, request.body));
      const { session, charge } = await completeCheckoutSession(unit, id(request.params), input);
      // 202 when the authorization is still pending (spec §3.3, §8.4).
      const status = charge?.state === 'AuthorizationInitiated' ? 202 : 200;
      return json(status, serializeCheckoutSession(session, request.links));
    },
  },
  {
    method: 'POST',
    url: '/checkoutSessions/:checkoutSessionId/finalize',
    idempotency: 'optional',
    async handle(unit, request) {
      const input = toFinalizeInput(validateBody(finalizeCheckoutSessionSchema, request.body));
      const outcome = await finalizeCheckoutSession(unit, id(request.params), input);
      if (outcome.kind === 'canceled')
        // The decline is committed (the session is Canceled) and answered as an error.
        return {
          statusCode: V2_STATUS.CheckoutSessionCanceled,
          body: errorBody(
            'CheckoutSessionCanceled',
            `The Checkout Session was canceled (${outcome.session.reasonCode ?? 'Declined'}): ${outcome.session.reasonDescription ?? ''}`,
          ),
        };
      const { session, charge } = outcome.completion;
      const status = charge?.state === 'AuthorizationInitiated' ? 202 : 200;
      return json(status, serializeCheckoutSession(session, request.links));
    },
  },
];
