import type { MerchantAccount } from '../../domain/partners/merchant-account.js';
import { DomainError, notFound } from '../../domain/shared/errors.js';
import type { Unit } from '../unit-of-work.js';

/**
 * The provider's own account, or 404 (unknown, deleted) / 401 (another provider's). The unit acts
 * for the caller itself, or with x-amz-pay-authtoken for the account the token was granted by (PHP
 * SDK README: update "requires x-amz-pay-authToken"); a token of another merchant is refused.
 */
export async function providerAccount(
  unit: Unit,
  callerId: string,
  merchantAccountId: string,
): Promise<MerchantAccount> {
  const actingId = unit.merchant.merchantId;
  if (actingId !== callerId && actingId !== merchantAccountId)
    throw new DomainError(
      'InvalidAuthorizationToken',
      `The x-amz-pay-authtoken acts for the merchant ${actingId}, not for the merchant account ${merchantAccountId}.`,
    );
  const account = await unit.tx.merchantAccounts.find(merchantAccountId);
  if (account === undefined || account.state === 'Deleted')
    throw notFound('merchant account', merchantAccountId);
  if (account.providerId !== callerId)
    throw new DomainError(
      'UnauthorizedAccess',
      `The merchant account ${merchantAccountId} was not registered by the caller ${callerId}.`,
    );
  return account;
}
