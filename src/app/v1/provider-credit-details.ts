/**
 * Provider credits and reversals as XML element content (spec v1 §2.9, §6.2): one shape for the
 * MWS responses and the IPNs, which differ only where Amazon's fixtures differ — the IPN names the
 * provider ProviderSellerId and lists reversal ids as <Id> (C# ProviderCreditNotificationValid.xml,
 * JAVA NotificationFactoryTest), the API names it ProviderId and uses <member>
 * (GetProviderCreditDetailsResponse.xml).
 */
import type {
  ProviderCredit,
  ProviderCreditReversal,
} from '../../domain/provider-credit/provider-credit.js';
import type { XmlContent } from '../ports.js';
import { price, timestamp } from './v1-details.js';

export type DetailsAudience = 'api' | 'ipn';

const status = (state: string, at: number, reasonCode: string | null): XmlContent => ({
  State: state,
  LastUpdateTimestamp: timestamp(at),
  ReasonCode: reasonCode,
});

export function providerCreditDetails(
  credit: ProviderCredit,
  audience: DetailsAudience,
): XmlContent {
  const ids = [...credit.reversalIds];
  return {
    AmazonProviderCreditId: credit.id,
    SellerId: credit.merchantId,
    [audience === 'api' ? 'ProviderId' : 'ProviderSellerId']: credit.providerId,
    CreditReferenceId: credit.referenceId,
    CreditAmount: price(credit.amount),
    CreditReversalAmount: price(credit.reversedAmount),
    CreditReversalIdList: ids.length === 0 ? {} : { [audience === 'api' ? 'member' : 'Id']: ids },
    CreationTimestamp: timestamp(credit.createdAt),
    CreditStatus: status(credit.state, credit.lastUpdatedAt, credit.reasonCode),
  };
}

export function providerCreditReversalDetails(
  reversal: ProviderCreditReversal,
  audience: DetailsAudience,
): XmlContent {
  return {
    AmazonProviderCreditReversalId: reversal.id,
    SellerId: reversal.merchantId,
    [audience === 'api' ? 'ProviderId' : 'ProviderSellerId']: reversal.providerId,
    CreditReversalReferenceId: reversal.referenceId,
    CreditReversalAmount: price(reversal.amount),
    CreationTimestamp: timestamp(reversal.createdAt),
    CreditReversalStatus: status(reversal.state, reversal.lastUpdatedAt, reversal.reasonCode),
    CreditReversalNote: reversal.note,
  };
}
