import {
  checkProviderCreditList,
  newProviderCredit,
} from '../../domain/provider-credit/provider-credit-operations.js';
import type { ProviderAmount } from '../../domain/provider-credit/provider-credit.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import type { Money } from '../../domain/shared/money.js';
import { childId, type V1Capture } from '../../domain/v1-payments/v1-payments.js';
import type { Unit } from '../unit-of-work.js';
import { providerCreditChanged } from './v1-notifications.js';

/**
 * A ProviderId must name a solution provider: in localpay, another merchant of this instance (the
 * seller cannot credit itself). Docs silent on the error: InvalidParameterValue (docs/decisions.md).
 */
async function checkProviders(
  unit: Unit,
  list: readonly ProviderAmount[],
  field: string,
): Promise<void> {
  for (const [index, member] of list.entries()) {
    const name = `${field}.member.${index + 1}.ProviderId`;
    if (member.providerId.length > 64)
      throw invalidParameter(name, 'it is longer than 64 characters.');
    if (member.providerId === unit.scope.merchantId)
      throw invalidParameter(name, 'a seller cannot credit itself.');
    if ((await unit.tx.merchants.find(member.providerId)) === undefined)
      throw invalidParameter(name, `${member.providerId} is not a registered solution provider.`);
  }
}

/** Every check of a ProviderCreditList against the amount it shares (the capture's, or a CaptureNow authorization's). */
export async function checkProviderCredits(
  unit: Unit,
  captureAmount: Money,
  list: readonly ProviderAmount[],
): Promise<void> {
  if (list.length === 0) return;
  checkProviderCreditList(captureAmount, list);
  await checkProviders(unit, list, 'ProviderCreditList');
}

/**
 * Creates the capture's provider credits (Pending, resolved after the capture, spec v1 §2.8) and
 * answers the capture carrying their ProviderCreditSummaryList; the caller stores the capture.
 */
export async function creditProviders(
  unit: Unit,
  capture: V1Capture,
  list: readonly ProviderAmount[],
): Promise<V1Capture> {
  if (list.length === 0) return capture;
  await checkProviderCredits(unit, capture.amount, list);
  const credits = list.map((member) =>
    newProviderCredit(
      capture,
      member,
      childId(capture.orderReferenceId, 'P', unit.random.digits(6)),
      unit.now,
    ),
  );
  for (const credit of credits) {
    await unit.tx.providerCredits.insert(credit);
    await providerCreditChanged(unit, null, credit);
  }
  return {
    ...capture,
    providerCredits: credits.map((credit) => ({ providerId: credit.providerId, id: credit.id })),
  };
}
