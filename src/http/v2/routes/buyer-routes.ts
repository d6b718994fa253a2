import { getBuyer } from '../../../app/sign-in/amazon-sign-in.js';
import { json, type V2Route } from '../v2-route.js';

/** Get Buyer (spec §8.16): the buyer of an Amazon Sign-in buyer token, by its scopes. */
export const buyerRoutes: readonly V2Route[] = [
  {
    method: 'GET',
    url: '/buyers/:buyerToken',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(200, await getBuyer(unit, request.params.buyerToken ?? ''));
    },
  },
];
