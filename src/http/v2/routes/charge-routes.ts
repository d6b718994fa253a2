import { getCharge } from '../../../app/charge-permission-operations.js';
import { serializeCharge } from '../serializers/charge-serializer.js';
import { json, type V2Route } from '../v2-route.js';

/** Charge operations; creating, capturing and canceling charges arrive with the charges issue. */
export const chargeRoutes: readonly V2Route[] = [
  {
    method: 'GET',
    url: '/charges/:chargeId',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(
        200,
        serializeCharge(await getCharge(unit, request.params.chargeId ?? ''), request.links),
      );
    },
  },
];
