import { createRefund, getRefund } from '../../../app/refund-operations.js';
import { parseSimulation } from '../../../domain/simulation/simulation-codes.js';
import { validateBody } from '../request-body.js';
import { createRefundSchema, toCreateRefundInput } from '../schemas/charge-schemas.js';
import { serializeRefund } from '../serializers/refund-serializer.js';
import { json, type V2Route } from '../v2-route.js';

/** Refund operations (spec §8.14, §8.15): every refund starts RefundInitiated. */
export const refundRoutes: readonly V2Route[] = [
  {
    method: 'POST',
    url: '/refunds',
    idempotency: 'required',
    async handle(unit, request) {
      const simulation = parseSimulation(
        'createRefund',
        request.simulationCode,
        unit.scope.environment,
      );
      const input = toCreateRefundInput(validateBody(createRefundSchema, request.body));
      return json(201, serializeRefund(await createRefund(unit, input, simulation)));
    },
  },
  {
    method: 'GET',
    url: '/refunds/:refundId',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(200, serializeRefund(await getRefund(unit, request.params.refundId ?? '')));
    },
  },
];
