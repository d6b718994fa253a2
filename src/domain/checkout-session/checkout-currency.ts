import type { Region } from '../shared/environment.js';
import { DomainError, invalidParameter } from '../shared/errors.js';
import { CURRENCIES, type CurrencyCode } from '../shared/money.js';
import type { CheckoutSession, PaymentDetails } from './checkout-session.js';

/** The currency a merchant is paid out in, set by where its account is registered. */
export const LEDGER_CURRENCY = {
  NA: 'USD',
  EU: 'EUR',
  UK: 'GBP',
  JP: 'JPY',
} as const satisfies Record<Region, CurrencyCode>;

/**
 * Which currencies a checkout may charge in. "By default, you can only charge your buyer using the
 * currency in which you receive your disbursements"; "the multi-currency feature is only available
 * for merchants who have registered for an account with EUR or GBP ledger currency" (Amazon
 * "Multi-currency integration", amazon-pay-checkout/multi-currency-integration.html), for its
 * supported presentment currencies: AUD, GBP, DKK, EUR, HKD, JPY, NZD, NOK, ZAR, SEK, CHF, USD
 * (the same page; the .NET SDK's Currency enum, spec §3.7).
 */
export function checkoutCurrencies(region: Region): readonly CurrencyCode[] {
  return region === 'EU' || region === 'UK' ? CURRENCIES : [LEDGER_CURRENCY[region]];
}

function checkCurrency(region: Region, field: string, currency: CurrencyCode | undefined): void {
  if (currency === undefined || checkoutCurrencies(region).includes(currency)) return;
  const ledger = LEDGER_CURRENCY[region];
  throw new DomainError(
    'CurrencyMismatch',
    `${field} is ${currency}, but this merchant's ledger currency is ${ledger}: it can only charge in ${ledger}. Multi-currency is only available to merchants with a EUR or GBP ledger.`,
  );
}

/** Every amount and the presentment currency of a checkout must be one the ledger allows. */
export function checkLedgerCurrency(session: CheckoutSession): void {
  const { paymentDetails: details, region } = session;
  checkCurrency(
    region,
    'paymentDetails.presentmentCurrency',
    details.presentmentCurrency ?? undefined,
  );
  checkCurrency(region, 'paymentDetails.chargeAmount.currencyCode', details.chargeAmount?.currency);
  checkCurrency(
    region,
    'paymentDetails.totalOrderAmount.currencyCode',
    details.totalOrderAmount?.currency,
  );
  checkCurrency(
    region,
    'recurringMetadata.amount.currencyCode',
    session.recurringMetadata?.amount?.currency,
  );
}

/**
 * Fields that can only be set at Create Checkout Session: allowOvercharge and extendExpiration
 * ("you can only set this parameter during Checkout Session creation", Amazon "Advanced one-time
 * payment options"), and presentmentCurrency ("do not try to update the presentmentCurrency
 * parameter directly, an error will occur", "Multi-currency integration"). Resending the value the
 * session already holds is accepted (docs silent: our choice).
 */
const CREATE_ONLY = ['allowOvercharge', 'extendExpiration', 'presentmentCurrency'] as const;

export function checkCreateOnlyFields(
  current: PaymentDetails,
  patch: { readonly [K in keyof PaymentDetails]?: PaymentDetails[K] | undefined } | undefined,
): void {
  if (patch === undefined) return;
  for (const key of CREATE_ONLY) {
    const value = patch[key];
    if (value !== undefined && value !== current[key])
      throw invalidParameter(
        `paymentDetails.${key}`,
        'it can only be set when the Checkout Session is created.',
      );
  }
}
