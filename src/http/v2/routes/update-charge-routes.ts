import { updateCharge } from '../../../app/partners/update-charge.js';
import { validateBody } from '../request-body.js';
import { toChargeStatusUpdate, updateChargeSchema } from '../schemas/partner-schemas.js';
import { serializeCharge } from '../serializers/charge-serializer.js';
import { json, type V2Route } from '../v2-route.js';

/** Update Charge (PATCH /v2/charges/{chargeId}), payment service providers only (issue 13). */
export const updateChargeRoutes: readonly V2Route[] = [
  {
    method: 'PATCH',
    url: '/charges/:chargeId',
    idempotency: 'ignored',
    async handle(unit, request) {
      const update = toChargeStatusUpdate(validateBody(updateChargeSchema, request.body));
      const charge = await updateCharge(
        unit,
        request.callerId,
        request.params.chargeId ?? '',
        update,
      );
      return json(200, serializeCharge(charge, request.links, request.conversionRates));
    },
  },
];
