import { cancelCharge, captureCharge, getCharge } from '../../../app/charge-operations.js';
import { createCharge } from '../../../app/create-charge.js';
import { parseSimulation } from '../../../domain/simulation/simulation-codes.js';
import { errorBody, V2_STATUS } from '../error-status.js';
import { validateBody } from '../request-body.js';
import {
  cancelChargeSchema,
  captureChargeSchema,
  createChargeSchema,
  toCaptureInput,
  toCreateChargeInput,
} from '../schemas/charge-schemas.js';
import { serializeCharge } from '../serializers/charge-serializer.js';
import { json, type V2Route } from '../v2-route.js';

const id = (params: Readonly<Record<string, string>>): string => params.chargeId ?? '';

/** Charge operations (spec §8.9–§8.12, seed 004). */
export const chargeRoutes: readonly V2Route[] = [
  {
    method: 'POST',
    url: '/charges',
    idempotency: 'required',
    async handle(unit, request) {
      const simulation = parseSimulation(
        'createCharge',
        request.simulationCode,
        unit.scope.environment,
      );
      const input = toCreateChargeInput(validateBody(createChargeSchema, request.body));
      const result = await createCharge(unit, input, simulation);
      switch (result.kind) {
        case 'Created':
          return json(201, serializeCharge(result.charge, request.links, request.conversionRates));
        case 'ActionRequired':
          return json(202, serializeCharge(result.charge, request.links, request.conversionRates));
        case 'Declined': {
          // A decline is committed (the charge exists, Declined) and answered with its reason code
          // (seed 004: "check the request response reasonCode").
          const code = (result.charge.reasonCode ?? 'SoftDeclined') as keyof typeof V2_STATUS;
          return {
            statusCode: V2_STATUS[code],
            body: errorBody(code, result.charge.reasonDescription ?? 'The charge was declined.'),
          };
        }
      }
    },
  },
  {
    method: 'GET',
    url: '/charges/:chargeId',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(
        200,
        serializeCharge(
          await getCharge(unit, id(request.params)),
          request.links,
          request.conversionRates,
        ),
      );
    },
  },
  {
    method: 'POST',
    url: '/charges/:chargeId/capture',
    idempotency: 'required',
    async handle(unit, request) {
      const simulation = parseSimulation(
        'captureCharge',
        request.simulationCode,
        unit.scope.environment,
      );
      const input = toCaptureInput(validateBody(captureChargeSchema, request.body));
      return json(
        200,
        serializeCharge(
          await captureCharge(unit, id(request.params), input, simulation),
          request.links,
          request.conversionRates,
        ),
      );
    },
  },
  {
    method: 'DELETE',
    url: '/charges/:chargeId/cancel',
    idempotency: 'ignored',
    async handle(unit, request) {
      parseSimulation('cancelCharge', request.simulationCode, unit.scope.environment);
      const body = validateBody(cancelChargeSchema, request.body);
      return json(
        200,
        serializeCharge(
          await cancelCharge(unit, id(request.params), body.cancellationReason ?? null),
          request.links,
          request.conversionRates,
        ),
      );
    },
  },
];
