import type { ChargePermission } from '../charge-permission/charge-permission.js';
import type { BuyerDetails, PaymentInstrument } from '../shared/buyer.js';
import type { Region, ReleaseEnvironment } from '../shared/environment.js';
import { DomainError, invalidParameter } from '../shared/errors.js';
import { EMPTY_MERCHANT_METADATA, type MerchantMetadata } from '../shared/merchant-metadata.js';
import { zero, type CurrencyCode, type Money } from '../shared/money.js';
import { DAY, type Instant } from '../shared/time.js';
import { LEDGER_CURRENCY } from '../checkout-session/checkout-currency.js';

/**
 * How long a scanned code can be charged. The guide is not public; a code shown at a till is used
 * there and then, so localpay keeps the permission one day (decisions.md, issue 13).
 */
export const SCAN_LIFETIME = DAY;

export interface ScanInput {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly region: Region;
  readonly ledgerCurrency: string;
  readonly merchantCOE: string;
  /** When sent, the permission is for at most this amount (a OneTime order amount). */
  readonly chargeTotal: Money | null;
  readonly buyer: BuyerDetails;
  readonly instrument: PaymentInstrument;
  readonly merchantMetadata: MerchantMetadata;
}

/**
 * merchantScan's result: a Chargeable OneTime permission for the buyer and payment method behind
 * the code, so In-Store Charge runs through the same charging rules, ledger and notifications as
 * Create Charge. ledgerCurrency must be the merchant's (spec §3.5 ledger currencies per region).
 */
export function openScannedPermission(input: ScanInput, now: Instant): ChargePermission {
  const ledger = LEDGER_CURRENCY[input.region];
  if (input.ledgerCurrency !== ledger)
    throw invalidParameter('ledgerCurrency', `this merchant's ledger currency is ${ledger}.`);
  if (!/^[A-Z]{2}$/.test(input.merchantCOE))
    throw invalidParameter('merchantCOE', 'give the ISO 3166 country code, e.g. US or DE.');
  const total = input.chargeTotal;
  if (total !== null && total.minor <= 0)
    throw invalidParameter('chargeTotal.amount', 'it must be greater than zero.');
  if (total !== null && total.currency !== ledger)
    throw new DomainError('CurrencyMismatch', `chargeTotal must be in ${ledger}.`);
  const currency: CurrencyCode = total?.currency ?? ledger;
  return {
    id: input.id,
    merchantId: input.merchantId,
    environment: input.environment,
    region: input.region,
    type: 'OneTime',
    state: 'Chargeable',
    reasons: null,
    lastUpdatedAt: now,
    limits: total === null ? null : { amountLimit: total, amountCharged: zero(total.currency) },
    presentmentCurrency: currency,
    buyer: input.buyer,
    shippingAddress: null,
    billingAddress: null,
    paymentInstrument: input.instrument,
    merchantMetadata: input.merchantMetadata ?? EMPTY_MERCHANT_METADATA,
    platformId: null,
    recurringMetadata: null,
    // No checkout session: the code was scanned at a till.
    checkoutSessionId: '',
    createdAt: now,
    expiresAt: now + SCAN_LIFETIME,
  };
}
