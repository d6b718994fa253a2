import type { CurrencyCode } from '../shared/money.js';
import { DAY, type Instant } from '../shared/time.js';
import { netMinor, type LedgerEntry } from './ledger-entry.js';
import { compareText } from '../shared/compare-text.js';

/**
 * Settlement periods. Amazon settles daily once a merchant's first 14 days have passed
 * (amazon-pay-reports/getting-started.html, "Settlement window and reserve policy"); localpay
 * settles every UTC day of the merchant's clock, with no holding period and no reserve
 * (docs/decisions.md). A period's disbursement is made at its end, once the merchant's clock has
 * passed it, and carries the period's net: a negative net is a debit of the merchant's account.
 */
export const SETTLEMENT_PERIOD = DAY;

export interface SettlementPeriod {
  readonly start: Instant;
  readonly end: Instant;
}

export const periodOf = (at: Instant): SettlementPeriod => {
  const start = Math.floor(at / SETTLEMENT_PERIOD) * SETTLEMENT_PERIOD;
  return { start, end: start + SETTLEMENT_PERIOD };
};

const CURRENCY_DIGIT: Readonly<Record<CurrencyCode, string>> = {
  AUD: '10',
  GBP: '11',
  DKK: '12',
  EUR: '13',
  HKD: '14',
  JPY: '15',
  NZD: '16',
  NOK: '17',
  ZAR: '18',
  SEK: '19',
  CHF: '20',
  USD: '21',
};

/** FNV-1a: a stable number per merchant and environment, so settlement ids differ between them. */
function accountNumber(merchantId: string, environment: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${merchantId}/${environment}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % 1_000_000).padStart(6, '0');
}

/**
 * A numeric SettlementId (the report's format, e.g. 5044561311): account, period day and currency,
 * so the same period always has the same id without storing one.
 */
export function settlementIdOf(
  merchantId: string,
  environment: string,
  period: SettlementPeriod,
  currency: CurrencyCode,
): string {
  const day = String(Math.floor(period.start / SETTLEMENT_PERIOD)).padStart(6, '0');
  return `${accountNumber(merchantId, environment)}${day}${CURRENCY_DIGIT[currency]}`;
}

export interface Settlement {
  readonly settlementId: string;
  readonly period: SettlementPeriod;
  readonly currency: CurrencyCode;
  readonly entries: readonly LedgerEntry[];
  readonly netMinor: number;
}

/** Groups entries (of one merchant and environment) by period and currency, oldest first. */
export function settlementsOf(entries: readonly LedgerEntry[]): Settlement[] {
  const groups = new Map<string, LedgerEntry[]>();
  for (const entry of entries) {
    const key = `${periodOf(entry.postedAt).start}/${entry.currency}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const settlements = [...groups.values()].map((group): Settlement => {
    const first = group[0] as LedgerEntry;
    const period = periodOf(first.postedAt);
    const sorted = [...group].sort(byPosting);
    return {
      settlementId: settlementIdOf(first.merchantId, first.environment, period, first.currency),
      period,
      currency: first.currency,
      entries: sorted,
      netMinor: sorted.reduce((sum, entry) => sum + netMinor(entry), 0),
    };
  });
  return settlements.sort(
    (a, b) => a.period.start - b.period.start || compareText(a.currency, b.currency),
  );
}

export const byPosting = (a: LedgerEntry, b: LedgerEntry): number =>
  a.postedAt - b.postedAt || compareText(a.id, b.id);

/** A settlement is closed, and disbursed, once the merchant's clock reaches its period's end. */
export const isClosed = (settlement: Settlement, now: Instant): boolean =>
  settlement.period.end <= now;

export interface Disbursement {
  readonly settlementId: string;
  readonly amazonDisbursementReferenceId: string;
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
  /** The settlement date: the end of the period. */
  readonly transactionTime: Instant;
}

/** The disbursements of closed settlements whose settlement date lies in [from, to]. */
export function disbursementsOf(
  settlements: readonly Settlement[],
  now: Instant,
  range: { readonly from: Instant; readonly to: Instant },
): Disbursement[] {
  return settlements
    .filter((s) => isClosed(s, now) && s.period.end >= range.from && s.period.end <= range.to)
    .map((s) => ({
      settlementId: s.settlementId,
      amazonDisbursementReferenceId: `AMZN-DISB-${s.settlementId}`,
      amountMinor: s.netMinor,
      currency: s.currency,
      transactionTime: s.period.end,
    }));
}
