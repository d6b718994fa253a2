import { netMinor, totalFeeMinor, type LedgerEntry } from '../ledger/ledger-entry.js';
import { settlementIdOf, periodOf } from '../ledger/settlement.js';
import { formatAmount, money } from '../shared/money.js';
import type { Instant } from '../shared/time.js';

/**
 * The settlement report's flat file (amazon-pay-reports/settlement-reports.html): a header block
 * (SellerId, SettlementStartDate, SettlementEndDate) and a body of one row per transaction, comma
 * separated, every field quoted. The column order is the page's table order; the file layout
 * (header row, values row, blank line, body) is localpay's choice (docs/decisions.md).
 */
export const SETTLEMENT_HEADER_COLUMNS = [
  'SellerId',
  'SettlementStartDate',
  'SettlementEndDate',
] as const;

export const SETTLEMENT_BODY_COLUMNS = [
  'TransactionPostedDate',
  'SettlementId',
  'AmazonTransactionId',
  'SellerReferenceId',
  'TransactionType',
  'AmazonOrderReferenceId',
  'SellerOrderId',
  'StoreName',
  'CurrencyCode',
  'TransactionAmount',
  'TransactionPercentageFee',
  'TransactionFixedFee',
  'TotalTransactionFee',
  'NetTransactionAmount',
  'TransactionDescription',
] as const;

/** ISO 8601 with a numeric offset, as in the page's examples (2015-05-18T15:48:50-0000). */
export const reportDate = (at: Instant): string =>
  `${new Date(at).toISOString().slice(0, 19)}-0000`;

const quote = (value: string): string => `"${value.replace(/"/g, '""')}"`;
/** One line of a flat file: every field quoted, comma separated (settlement-reports.html examples). */
export const csvLine = (values: readonly string[]): string => values.map(quote).join(',');

export function settlementReportCsv(input: {
  readonly sellerId: string;
  readonly startTime: Instant;
  readonly endTime: Instant;
  readonly entries: readonly LedgerEntry[];
}): string {
  const rows = input.entries.map((entry) => {
    const amount = (minor: number): string => formatAmount(money(minor, entry.currency));
    return csvLine([
      reportDate(entry.postedAt),
      settlementIdOf(entry.merchantId, entry.environment, periodOf(entry.postedAt), entry.currency),
      entry.transactionId,
      entry.sellerReferenceId ?? '',
      entry.type,
      entry.orderReferenceId,
      entry.sellerOrderId ?? '',
      entry.storeName ?? '',
      entry.currency,
      amount(entry.amountMinor),
      amount(entry.percentageFeeMinor),
      amount(entry.fixedFeeMinor),
      amount(totalFeeMinor(entry)),
      amount(netMinor(entry)),
      entry.description,
    ]);
  });
  return [
    csvLine(SETTLEMENT_HEADER_COLUMNS),
    csvLine([input.sellerId, reportDate(input.startTime), reportDate(input.endTime)]),
    '',
    csvLine(SETTLEMENT_BODY_COLUMNS),
    ...rows,
    '',
  ].join('\r\n');
}
