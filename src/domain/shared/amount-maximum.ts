import { DomainError } from './errors.js';
import { formatAmount, majorUnits, type CurrencyCode, type Money } from './money.js';

/**
 * The largest single charge or refund Amazon documents: "US: $150,000; UK: £150,000; DE: €150,000;
 * JP: ¥10,000,000" (Charge object, chargeAmount, amazon-pay-api-v2/charge.html and the Saved Wallet
 * charge page) and "maximum value 150,000 USD/GBP/EUR" (Refund object, refundAmount). Other
 * presentment currencies have no documented maximum (docs silent: none enforced).
 */
const MAXIMUM_MAJOR: Partial<Record<CurrencyCode, number>> = {
  USD: 150_000,
  GBP: 150_000,
  EUR: 150_000,
  JPY: 10_000_000,
};

export function maximumAmount(currency: CurrencyCode): Money | null {
  const major = MAXIMUM_MAJOR[currency];
  return major === undefined ? null : majorUnits(major, currency);
}

/** 400 TransactionAmountExceeded above the documented maximum ("amount above allowed maximum"). */
export function checkMaximumAmount(field: string, amount: Money): void {
  const maximum = maximumAmount(amount.currency);
  if (maximum !== null && amount.minor > maximum.minor)
    throw new DomainError(
      'TransactionAmountExceeded',
      `${field} ${formatAmount(amount)} ${amount.currency} is above the maximum of ${formatAmount(maximum)} ${maximum.currency}.`,
    );
}
