import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { resolveDisputeAsAdmin } from '../../app/back-office/dispute-operations.js';
import { getFeeSchedule, setFeeSchedule } from '../../app/back-office/fees.js';
import { openDisputeAsAdmin } from '../../app/back-office/open-dispute.js';
import { FILING_REASONS, RESOLUTIONS } from '../../domain/dispute/dispute.js';
import { validateBody } from '../v2/request-body.js';
import { priceSchema, toMoney } from '../v2/schemas/common-schemas.js';
import { serializeDispute } from '../v2/serializers/back-office-serializers.js';
import type { DependenciesOf } from '../request-dependencies.js';

/**
 * Admin routes of the back office: a merchant's fee schedule, and the buyer's side of a dispute
 * (open a chargeback on a captured charge, then Amazon's decision). Under the admin prefix.
 */
const param = (request: FastifyRequest, name: string): string =>
  (request.params as Record<string, string>)[name] ?? '';

const feesSchema = z.strictObject({
  percentageBasisPoints: z.number(),
  fixedFeeMinor: z.number(),
  chargebackFeeMinor: z.number(),
  currency: z.string().optional(),
});

export const openDisputeSchema = z.strictObject({
  chargeId: z.string().min(1),
  filingReason: z.enum(FILING_REASONS).optional(),
  disputeAmount: priceSchema.optional(),
});

const resolveSchema = z.strictObject({ resolution: z.enum(RESOLUTIONS) });

export function backOfficeAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.get('/merchants/:merchantId/fees', async (request) =>
    getFeeSchedule(depsOf(request), param(request, 'merchantId')),
  );
  app.put('/merchants/:merchantId/fees', async (request) =>
    setFeeSchedule(
      depsOf(request),
      param(request, 'merchantId'),
      validateBody(feesSchema, request.body),
    ),
  );
  app.post('/disputes', async (request, reply) => {
    const body = validateBody(openDisputeSchema, request.body);
    const dispute = await openDisputeAsAdmin(depsOf(request), {
      chargeId: body.chargeId,
      amount: body.disputeAmount ? toMoney(body.disputeAmount, 'disputeAmount') : null,
      filingReason: body.filingReason ?? 'Fraudulent',
      resolutionAuthority: 'AmazonPay',
      providerDisputeId: null,
    });
    return reply.code(201).send(serializeDispute(dispute));
  });
  app.post('/disputes/:disputeId/resolve', async (request) => {
    const body = validateBody(resolveSchema, request.body);
    return serializeDispute(
      await resolveDisputeAsAdmin(depsOf(request), param(request, 'disputeId'), body.resolution),
    );
  });
}
