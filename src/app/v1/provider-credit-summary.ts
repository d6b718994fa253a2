import type { ProviderSummary } from '../../domain/provider-credit/provider-credit.js';
import type { XmlContent } from '../ports.js';

/** ProviderCreditSummaryList / ProviderCreditReversalSummaryList; left out when empty. */
export function summaryList(
  summaries: readonly ProviderSummary[] | undefined,
  idElement: 'ProviderCreditId' | 'ProviderCreditReversalId',
): XmlContent | null {
  if (summaries === undefined || summaries.length === 0) return null;
  return { member: summaries.map((s) => ({ ProviderId: s.providerId, [idElement]: s.id })) };
}
