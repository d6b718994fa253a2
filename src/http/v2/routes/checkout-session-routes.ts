import { completeCheckoutSession } from '../../../app/complete-checkout-session.js';
import { createCheckoutSession } from '../../../app/create-checkout-session.js';
import { finalizeCheckoutSession } from '../../../app/finalize-checkout-session.js';
import { getCheckoutSession, updateCheckoutSession } from '../../../app/update-checkout-session.js';
import { parseSimulation } from '../../../domain/simulation/simulation-codes.js';
import { completionResponse } from '../completion-response.js';
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
      const simulation = parseSimulation(
        'completeCheckoutSession',
        request.simulationCode,
        unit.scope.environment,
      );
      return completionResponse(
        await completeCheckoutSession(unit, id(request.params), input, simulation),
        request.links,
      );
    },
  },
  {
    method: 'POST',
    url: '/checkoutSessions/:checkoutSessionId/finalize',
    idempotency: 'optional',
    async handle(unit, request) {
      const input = toFinalizeInput(validateBody(finalizeCheckoutSessionSchema, request.body));
      const simulation = parseSimulation(
        'finalizeCheckoutSession',
        request.simulationCode,
        unit.scope.environment,
      );
      return completionResponse(
        await finalizeCheckoutSession(unit, id(request.params), input, simulation),
        request.links,
      );
    },
  },
];
