import type { WireOutcome } from '../../app/idempotent-write.js';
import type { Unit } from '../../app/unit-of-work.js';
import type { ConversionTable } from '../../domain/charge/currency-conversion.js';
import type { BuyerLinks } from '../buyer-links.js';

/** What a v2 operation handler sees of its request once it has been authenticated and parsed. */
export interface V2Request {
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body, `{}` when there is none. */
  readonly body: unknown;
  /** The query string's parameters (report and disbursement listings). */
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly simulationCode: string | null;
  readonly links: BuyerLinks;
  /** The rates charges' convertedAmount is computed with (LOCALPAY_CONVERSION_RATES). */
  readonly conversionRates: ConversionTable;
}

/**
 * One v2 operation. `idempotency` says what the x-amz-pay-idempotency-key header means for it
 * (spec §6): required on create-type POSTs, optional on the other POSTs, ignored elsewhere.
 */
export interface V2Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly idempotency: 'required' | 'optional' | 'ignored';
  handle(unit: Unit, request: V2Request): Promise<WireOutcome>;
}

export const json = (statusCode: number, body: unknown): WireOutcome => ({
  statusCode,
  body: JSON.stringify(body),
});
