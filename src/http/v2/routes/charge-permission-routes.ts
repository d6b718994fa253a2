import {
  closeChargePermission,
  getChargePermission,
  updateChargePermission,
} from '../../../app/charge-permission-operations.js';
import { parseSimulation } from '../../../domain/simulation/simulation-codes.js';
import { validateBody } from '../request-body.js';
import {
  closeChargePermissionSchema,
  updateChargePermissionSchema,
} from '../schemas/charge-permission-schemas.js';
import { toRecurringMetadata } from '../schemas/checkout-session-schemas.js';
import { serializeChargePermission } from '../serializers/charge-permission-serializer.js';
import { json, type V2Route } from '../v2-route.js';

const id = (params: Readonly<Record<string, string>>): string => params.chargePermissionId ?? '';

/** Charge Permission operations (spec §8.6–§8.8). */
export const chargePermissionRoutes: readonly V2Route[] = [
  {
    method: 'GET',
    url: '/chargePermissions/:chargePermissionId',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(
        200,
        serializeChargePermission(await getChargePermission(unit, id(request.params))),
      );
    },
  },
  {
    method: 'PATCH',
    url: '/chargePermissions/:chargePermissionId',
    idempotency: 'ignored',
    async handle(unit, request) {
      parseSimulation('updateChargePermission', request.simulationCode, unit.scope.environment);
      const body = validateBody(updateChargePermissionSchema, request.body);
      return json(
        200,
        serializeChargePermission(
          await updateChargePermission(
            unit,
            id(request.params),
            body.merchantMetadata,
            body.recurringMetadata === undefined
              ? undefined
              : toRecurringMetadata(body.recurringMetadata),
          ),
        ),
      );
    },
  },
  {
    method: 'DELETE',
    url: '/chargePermissions/:chargePermissionId/close',
    idempotency: 'ignored',
    async handle(unit, request) {
      const simulation = parseSimulation(
        'closeChargePermission',
        request.simulationCode,
        unit.scope.environment,
      );
      const body = validateBody(closeChargePermissionSchema, request.body);
      const permission = await closeChargePermission(unit, id(request.params), {
        closureReason: body.closureReason ?? null,
        cancelPendingCharges: body.cancelPendingCharges ?? false,
        simulateAmazonClosed: simulation === 'AmazonClosed',
      });
      return json(200, serializeChargePermission(permission));
    },
  },
];
