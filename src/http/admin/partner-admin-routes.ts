import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  getPartnerOverview,
  grantDelegation,
  revokeDelegationByToken,
  setPartnerRoles,
} from '../../app/partners/delegations.js';
import { getMerchantAccount } from '../../app/partners/merchant-accounts.js';
import { PARTNER_ROLES } from '../../domain/partners/delegation.js';
import { validateBody } from '../v2/request-body.js';
import type { DependenciesOf } from '../request-dependencies.js';

/**
 * Admin routes for partners (issue 13): the roles Amazon grants by contract (payment service
 * provider, solution provider), a merchant's delegations to providers (what authorizing a
 * developer in Seller Central does; the MWSAuthToken is shown here), and registered accounts.
 */
const param = (request: FastifyRequest, name: string): string =>
  (request.params as Record<string, string>)[name] ?? '';

const rolesSchema = z.strictObject({ roles: z.array(z.enum(PARTNER_ROLES)) });
const grantSchema = z.strictObject({ providerId: z.string().min(1) });

export function partnerAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.get('/merchants/:merchantId/partner', async (request) =>
    getPartnerOverview(depsOf(request), param(request, 'merchantId')),
  );
  app.put('/merchants/:merchantId/partner-roles', async (request) =>
    setPartnerRoles(
      depsOf(request),
      param(request, 'merchantId'),
      validateBody(rolesSchema, request.body).roles,
    ),
  );
  app.post('/merchants/:merchantId/delegations', async (request, reply) => {
    const { providerId } = validateBody(grantSchema, request.body);
    return reply
      .code(201)
      .send(await grantDelegation(depsOf(request), param(request, 'merchantId'), providerId));
  });
  app.delete('/merchants/:merchantId/delegations/:mwsAuthToken', async (request) =>
    revokeDelegationByToken(
      depsOf(request),
      param(request, 'merchantId'),
      param(request, 'mwsAuthToken'),
    ),
  );
  app.get('/merchant-accounts/:merchantAccountId', async (request) =>
    getMerchantAccount(depsOf(request), param(request, 'merchantAccountId')),
  );
}
