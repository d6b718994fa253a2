import {
  isActive,
  newDelegation,
  permits,
  revokeDelegation,
  type Delegation,
  type PartnerRole,
} from '../../domain/partners/delegation.js';
import { DomainError, missingParameter, notFound } from '../../domain/shared/errors.js';
import type { RandomSource } from '../../domain/shared/ids.js';
import type { Instant } from '../../domain/shared/time.js';
import type { AppDependencies, Transaction } from '../ports.js';
import type { Unit } from '../unit-of-work.js';

/**
 * Delegation of a merchant to a solution provider, on both API generations (issue 13): the v1
 * `MWSAuthToken` parameter, and v2's Get Authorization Token, whose answer is sent as
 * `x-amz-pay-authtoken` ("your solution provider account must have a pre-existing relationship
 * (valid and active MWS authorization token) with the merchant account", Node/PHP SDK READMEs).
 */
async function requireMerchant(tx: Transaction, merchantId: string): Promise<void> {
  if (!(await tx.merchants.find(merchantId))) throw notFound('merchant', merchantId);
}

/** Makes the grant in the caller's transaction (also used when a provider registers an account). */
export async function insertDelegation(
  tx: Transaction,
  random: RandomSource,
  grant: { readonly merchantId: string; readonly providerId: string },
  now: Instant,
): Promise<Delegation> {
  const delegation = newDelegation(
    grant,
    { mwsAuthToken: `amzn.mws.${random.uuid()}`, authorizationToken: `Atzr|${random.hex(64)}` },
    now,
  );
  await tx.delegations.insert(delegation);
  return delegation;
}

/** The merchant authorizes the provider (what Seller Central's "authorize a developer" does). */
export function grantDelegation(
  deps: AppDependencies,
  merchantId: string,
  providerId: string,
): Promise<Delegation> {
  return deps.store.transaction(async (tx) => {
    await requireMerchant(tx, merchantId);
    await requireMerchant(tx, providerId);
    const current = (await tx.delegations.listByMerchant(merchantId)).find(
      (delegation) => delegation.providerId === providerId && isActive(delegation),
    );
    return (
      current ?? insertDelegation(tx, deps.random, { merchantId, providerId }, deps.clock.now())
    );
  });
}

export function revokeDelegationByToken(
  deps: AppDependencies,
  merchantId: string,
  mwsAuthToken: string,
): Promise<Delegation> {
  return deps.store.transaction(async (tx) => {
    const found = await tx.delegations.findByMwsAuthToken(mwsAuthToken);
    if (found === undefined || found.merchantId !== merchantId)
      throw notFound('delegation', mwsAuthToken);
    const revoked = revokeDelegation(found, deps.clock.now());
    if (revoked !== found) await tx.delegations.update(revoked);
    return revoked;
  });
}

export interface PartnerOverview {
  readonly merchantId: string;
  readonly roles: readonly PartnerRole[];
  /** The grants this merchant made, revoked ones included. */
  readonly delegations: readonly Delegation[];
}

export function getPartnerOverview(
  deps: AppDependencies,
  merchantId: string,
): Promise<PartnerOverview> {
  return deps.store.transaction(async (tx) => {
    await requireMerchant(tx, merchantId);
    return {
      merchantId,
      roles: await tx.partnerRoles.list(merchantId),
      delegations: await tx.delegations.listByMerchant(merchantId),
    };
  });
}

export function setPartnerRoles(
  deps: AppDependencies,
  merchantId: string,
  roles: readonly PartnerRole[],
): Promise<PartnerOverview> {
  return deps.store
    .transaction(async (tx) => {
      await requireMerchant(tx, merchantId);
      await tx.partnerRoles.set(merchantId, roles);
    })
    .then(() => getPartnerOverview(deps, merchantId));
}

const refused = (merchantId: string): DomainError =>
  new DomainError(
    'UnauthorizedAccess',
    `The caller has no valid and active delegation from the merchant ${merchantId} for this MWS auth token.`,
  );

/**
 * Get Authorization Token (GET /v2/authorizationTokens/{mwsAuthToken}?merchantId=…): the signed
 * caller is the provider; it gets the v2 token only for a merchant that granted it this delegation.
 */
export async function getAuthorizationToken(
  unit: Unit,
  mwsAuthToken: string,
  merchantId: string | undefined,
): Promise<string> {
  if (merchantId === undefined || merchantId === '') throw missingParameter('merchantId');
  const delegation = await unit.tx.delegations.findByMwsAuthToken(mwsAuthToken);
  if (!permits(delegation, merchantId, unit.merchant.merchantId)) throw refused(merchantId);
  return delegation.authorizationToken;
}

/**
 * Which merchant a v2 request with `x-amz-pay-authtoken` acts for: the one that granted the signed
 * caller the token's delegation. A token that is unknown, revoked or another provider's is 403
 * InvalidAuthorizationToken (spec §5.1).
 */
export function resolveAuthorizationToken(
  deps: AppDependencies,
  authorizationToken: string,
  providerId: string,
): Promise<string> {
  return deps.store.transaction(async (tx) => {
    const delegation = await tx.delegations.findByAuthorizationToken(authorizationToken);
    if (delegation === undefined || !permits(delegation, delegation.merchantId, providerId))
      throw new DomainError(
        'InvalidAuthorizationToken',
        'The x-amz-pay-authtoken is not valid for this caller: it is unknown, revoked, or was issued to another solution provider.',
      );
    return delegation.merchantId;
  });
}

/** v1: whether the key owner may act for SellerId with this MWSAuthToken. */
export function mwsDelegationPermits(
  deps: AppDependencies,
  mwsAuthToken: string,
  sellerId: string,
  providerId: string,
): Promise<boolean> {
  return deps.store.transaction(async (tx) =>
    permits(await tx.delegations.findByMwsAuthToken(mwsAuthToken), sellerId, providerId),
  );
}
