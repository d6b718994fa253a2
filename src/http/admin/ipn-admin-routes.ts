import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  getIpnSettings,
  getNotification,
  listDeliveryAttempts,
  listNotifications,
  redeliverFailed,
  redeliverNotification,
  setIpnEndpoint,
  updateIpnSettings,
} from '../../app/ipn-administration.js';
import { RELEASE_ENVIRONMENTS, type ReleaseEnvironment } from '../../domain/shared/environment.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import { formField, hasField } from '../pages/page-context.js';
import { validateBody } from '../v2/request-body.js';
import type { DependenciesOf } from '../request-dependencies.js';

/**
 * The IPN part of the admin API (under /_localpay, behind its token or loopback rule): endpoints,
 * SigningCertURL and chaos per merchant, the delivery log, redelivery. docs/ipn.md lists the
 * routes.
 */
const STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;

const endpointSchema = z.strictObject({ url: z.string() });
const settingsSchema = z.strictObject({
  signingCertUrl: z.string().nullable().optional(),
  chaos: z
    .strictObject({
      duplicateRate: z.number().min(0).max(1).optional(),
      badSignatureRate: z.number().min(0).max(1).optional(),
      outOfOrderWindowMs: z.number().int().min(0).optional(),
      delayMs: z.number().int().min(0).optional(),
    })
    .optional(),
});
const redeliverFailedSchema = z.strictObject({
  merchantId: z.string().optional(),
  includeSkipped: z.boolean().optional(),
});

const params = (request: FastifyRequest): Record<string, string> =>
  request.params as Record<string, string>;
/** The filters of a listing; a repeated one (`?merchantId=a&merchantId=b`) is refused, not passed on as an array. */
function query<N extends string>(
  request: FastifyRequest,
  ...names: N[]
): Record<N, string | undefined> {
  const found = {} as Record<N, string | undefined>;
  for (const name of names) {
    const value = formField(request.query, name);
    if (value === undefined && hasField(request.query, name))
      throw invalidParameter(name, 'give it once, as text.');
    found[name] = value;
  }
  return found;
}

function environmentOf(request: FastifyRequest): ReleaseEnvironment {
  const raw = (params(request).environment ?? '').toLowerCase();
  const found = RELEASE_ENVIRONMENTS.find((environment) => environment.toLowerCase() === raw);
  if (found === undefined) throw invalidParameter('environment', 'give Sandbox or Live.');
  return found;
}

function statusOf(raw: string | undefined): (typeof STATUSES)[number] | undefined {
  if (raw === undefined) return undefined;
  const found = STATUSES.find((status) => status === raw);
  if (found === undefined) throw invalidParameter('status', `give one of ${STATUSES.join(', ')}.`);
  return found;
}

function limitOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw invalidParameter('limit', 'give a whole number.');
  return value;
}

export function ipnAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.get('/merchants/:merchantId/ipn', (request) =>
    getIpnSettings(depsOf(request), params(request).merchantId ?? ''),
  );
  app.patch('/merchants/:merchantId/ipn', (request) => {
    const body = validateBody(settingsSchema, request.body);
    return updateIpnSettings(depsOf(request), params(request).merchantId ?? '', body);
  });
  app.put('/merchants/:merchantId/ipn/endpoints/:environment', (request) => {
    const { url } = validateBody(endpointSchema, request.body);
    return setIpnEndpoint(
      depsOf(request),
      params(request).merchantId ?? '',
      environmentOf(request),
      url,
    );
  });
  app.delete('/merchants/:merchantId/ipn/endpoints/:environment', (request) =>
    setIpnEndpoint(depsOf(request), params(request).merchantId ?? '', environmentOf(request), null),
  );

  app.get('/ipn/notifications', async (request) => {
    const { merchantId, status, objectId, limit } = query(
      request,
      'merchantId',
      'status',
      'objectId',
      'limit',
    );
    return {
      notifications: await listNotifications(depsOf(request), {
        merchantId,
        status: statusOf(status),
        objectId,
        limit: limitOf(limit),
      }),
    };
  });
  app.get('/ipn/notifications/:id', (request) =>
    getNotification(depsOf(request), params(request).id ?? ''),
  );
  app.post('/ipn/notifications/:id/redeliver', (request) =>
    redeliverNotification(depsOf(request), params(request).id ?? ''),
  );
  app.post('/ipn/redeliver-failed', async (request) => {
    const body = validateBody(redeliverFailedSchema, request.body ?? {});
    const requeued = await redeliverFailed(depsOf(request), {
      merchantId: body.merchantId,
      statuses: body.includeSkipped ? ['failed', 'skipped'] : ['failed'],
    });
    return { requeued };
  });
  app.get('/ipn/attempts', async (request) => {
    const { merchantId, notificationId, limit } = query(
      request,
      'merchantId',
      'notificationId',
      'limit',
    );
    return {
      attempts: await listDeliveryAttempts(depsOf(request), {
        merchantId,
        notificationId,
        limit: limitOf(limit),
      }),
    };
  });
}
