import {
  DEFAULT_FEES,
  validateFeeSchedule,
  type FeeSchedule,
} from '../../domain/ledger/fee-schedule.js';
import type { Merchant } from '../../domain/merchant/merchant.js';
import { DomainError } from '../../domain/shared/errors.js';
import { isCurrency } from '../../domain/shared/money.js';
import type { AppDependencies, Transaction } from '../ports.js';

/** The merchant's fee schedule: the one set through the admin API, else its region's default. */
export async function feeScheduleOf(tx: Transaction, merchant: Merchant): Promise<FeeSchedule> {
  return (await tx.feeSchedules.find(merchant.merchantId)) ?? DEFAULT_FEES[merchant.region];
}

async function merchantOf(tx: Transaction, merchantId: string): Promise<Merchant> {
  const merchant = await tx.merchants.find(merchantId);
  if (!merchant)
    throw new DomainError('ResourceNotFound', `The merchant ${merchantId} does not exist.`);
  return merchant;
}

export function getFeeSchedule(deps: AppDependencies, merchantId: string): Promise<FeeSchedule> {
  return deps.store.transaction(async (tx) => feeScheduleOf(tx, await merchantOf(tx, merchantId)));
}

/** Admin API and CLI: replaces the merchant's fees; postings from now on use them. */
export function setFeeSchedule(
  deps: AppDependencies,
  merchantId: string,
  input: Omit<FeeSchedule, 'currency'> & { readonly currency?: string | undefined },
): Promise<FeeSchedule> {
  return deps.store.transaction(async (tx) => {
    const merchant = await merchantOf(tx, merchantId);
    const currency = input.currency ?? DEFAULT_FEES[merchant.region].currency;
    if (!isCurrency(currency))
      throw new DomainError('InvalidParameterValue', `'${currency}' is not a supported currency.`);
    const schedule = validateFeeSchedule({ ...input, currency });
    await tx.feeSchedules.put(merchantId, schedule, deps.clock.now() + merchant.clockOffsetMs);
    return schedule;
  });
}
