import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { settleChallenge } from '../../app/challenge-control.js';
import { setScaSettings } from '../../app/merchant-administration.js';
import { inspectCharge, inspectCheckoutSession } from '../../app/object-inspection.js';
import { ownEntry } from '../../domain/shared/own-entry.js';
import { addTestBuyer, listTestBuyers } from '../../app/test-buyer-administration.js';
import { TRA_CLASSES } from '../../domain/sca/sca-policy.js';
import { addressSchema, toAddress } from '../v2/schemas/common-schemas.js';
import { validateBody } from '../v2/request-body.js';
import type { DependenciesOf } from '../request-dependencies.js';

/**
 * Admin routes for payments: test buyers, the merchant's SCA settings, what localpay decided about
 * an object (the SCA decision and its reason), and headless control of pending challenges. Mounted
 * under the admin prefix, behind its authorization and error handling.
 */
const param = (request: FastifyRequest, name: string): string =>
  (request.params as Record<string, string>)[name] ?? '';

const testBuyerSchema = z.strictObject({
  name: z.string(),
  email: z.string(),
  phoneNumber: z.string().nullish(),
  addresses: z.array(addressSchema).optional(),
  cardEndings: z.array(z.string()).optional(),
});

const scaSettingsSchema = z.strictObject({ scaTraClass: z.enum(TRA_CLASSES) });

const OUTCOMES = { pass: 'Success', fail: 'Failure', abandon: 'Abandoned' } as const;

export function paymentAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.get('/merchants/:merchantId/test-buyers', async (request) => ({
    testBuyers: await listTestBuyers(depsOf(request), param(request, 'merchantId')),
  }));
  app.post('/merchants/:merchantId/test-buyers', async (request, reply) => {
    const body = validateBody(testBuyerSchema, request.body);
    const buyer = await addTestBuyer(depsOf(request), param(request, 'merchantId'), {
      ...body,
      addresses: body.addresses?.map(toAddress),
    });
    return reply.code(201).send(buyer);
  });
  app.put('/merchants/:merchantId/sca', async (request) =>
    setScaSettings(
      depsOf(request),
      param(request, 'merchantId'),
      validateBody(scaSettingsSchema, request.body),
    ),
  );
  app.get('/charges/:chargeId', async (request) =>
    inspectCharge(depsOf(request), param(request, 'chargeId')),
  );
  app.get('/checkout-sessions/:checkoutSessionId', async (request) =>
    inspectCheckoutSession(depsOf(request), param(request, 'checkoutSessionId')),
  );
  // pass | fail | abandon the challenge a charge or checkout session is waiting on.
  app.post('/challenges/:objectId/:answer', async (request, reply) => {
    const outcome = ownEntry(OUTCOMES, param(request, 'answer'));
    if (outcome === undefined)
      return reply
        .code(404)
        .send({ reasonCode: 'InvalidRequest', message: 'Use pass, fail or abandon.' });
    const returnUrl = await settleChallenge(depsOf(request), param(request, 'objectId'), outcome);
    return { returnUrl };
  });
}
