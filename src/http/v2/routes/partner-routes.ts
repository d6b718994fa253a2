import {
  claimMerchantAccount,
  deleteMerchantAccount,
  registerMerchantAccount,
  updateMerchantAccount,
} from '../../../app/partners/merchant-accounts.js';
import { getAuthorizationToken } from '../../../app/partners/delegations.js';
import { createStore, updateStore } from '../../../app/partners/partner-stores.js';
import { validateBody } from '../request-body.js';
import {
  claimAccountSchema,
  createStoreSchema,
  registerAccountSchema,
  storeSchema,
  toRegisterAccountInput,
  toStoreInput,
  updateAccountSchema,
} from '../schemas/partner-schemas.js';
import { json, type V2Request, type V2Route } from '../v2-route.js';

/** The path to the merchant's claim page; links.base() makes it absolute. */
export const CLAIM_PAGE_PATH = '/merchant-accounts/claim';

const accountId = (request: V2Request): string => request.params.merchantAccountId ?? '';

/**
 * Authorization tokens and Account Management (issue 13): the signed caller (request.callerId)
 * is the solution provider, whether or not an x-amz-pay-authtoken names the merchant it acts for.
 */
export const partnerRoutes: readonly V2Route[] = [
  {
    method: 'GET',
    url: '/authorizationTokens/:mwsAuthToken',
    idempotency: 'ignored',
    async handle(unit, request) {
      const merchantId = request.query.merchantId;
      const token = await getAuthorizationToken(
        unit,
        request.params.mwsAuthToken ?? '',
        typeof merchantId === 'string' ? merchantId : undefined,
      );
      return json(200, { authorizationToken: token });
    },
  },
  {
    method: 'POST',
    url: '/merchantAccounts',
    idempotency: 'optional',
    async handle(unit, request) {
      const input = toRegisterAccountInput(validateBody(registerAccountSchema, request.body));
      return json(201, await registerMerchantAccount(unit, request.callerId, input));
    },
  },
  {
    method: 'PATCH',
    url: '/merchantAccounts/:merchantAccountId',
    idempotency: 'ignored',
    async handle(unit, request) {
      const patch = validateBody(updateAccountSchema, request.body);
      return json(
        200,
        await updateMerchantAccount(unit, request.callerId, accountId(request), patch),
      );
    },
  },
  {
    method: 'DELETE',
    url: '/merchantAccounts/:merchantAccountId',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(200, await deleteMerchantAccount(unit, request.callerId, accountId(request)));
    },
  },
  {
    method: 'POST',
    url: '/merchantAccounts/:merchantAccountId/claim',
    idempotency: 'optional',
    async handle(unit, request) {
      const { uniqueReferenceId } = validateBody(claimAccountSchema, request.body);
      const id = accountId(request);
      const token = await claimMerchantAccount(unit, request.callerId, id, uniqueReferenceId);
      // 303 See Other to the page where the merchant takes the account over (PHP SDK README).
      const claimUrl = `${request.links.base()}${CLAIM_PAGE_PATH}/${token}`;
      return json(303, { merchantAccountId: id, claimUrl });
    },
    headers(outcome) {
      if (outcome.statusCode !== 303) return {};
      const { claimUrl } = JSON.parse(outcome.body) as { claimUrl: string };
      return { location: claimUrl };
    },
  },
  {
    method: 'POST',
    url: '/merchantAccounts/:merchantAccountId/stores',
    idempotency: 'optional',
    async handle(unit, request) {
      const input = toStoreInput(validateBody(createStoreSchema, request.body));
      const store = await createStore(unit, request.callerId, accountId(request), input);
      return json(201, { storeId: store.storeId, ...store.details });
    },
  },
  {
    method: 'PATCH',
    url: '/merchantAccounts/:merchantAccountId/stores/:storeId',
    idempotency: 'ignored',
    async handle(unit, request) {
      const input = toStoreInput(validateBody(storeSchema, request.body));
      const store = await updateStore(
        unit,
        request.callerId,
        accountId(request),
        request.params.storeId ?? '',
        input,
      );
      return json(200, { storeId: store.storeId, ...store.details });
    },
  },
];
