import type { MerchantAccount } from '../../domain/partners/merchant-account.js';
import { DomainError, notFound } from '../../domain/shared/errors.js';
import type { Transaction } from '../ports.js';

/** The provider's own account, or 404 (unknown, deleted) / 401 (another provider's). */
export async function providerAccount(
  tx: Transaction,
  callerId: string,
  merchantAccountId: string,
): Promise<MerchantAccount> {
  const account = await tx.merchantAccounts.find(merchantAccountId);
  if (account === undefined || account.state === 'Deleted')
    throw notFound('merchant account', merchantAccountId);
  if (account.providerId !== callerId)
    throw new DomainError(
      'UnauthorizedAccess',
      `The merchant account ${merchantAccountId} was not registered by the caller ${callerId}.`,
    );
  return account;
}
