import fc from 'fast-check';
import { encodeComponent } from './hostile-values.js';

/** One generated request, before it is signed (signing needs the time it is sent at). */
export const SURFACES = ['v2-signed', 'v2-unsigned', 'v1-signed', 'pages', 'admin'] as const;
export type Surface = (typeof SURFACES)[number];

export type Signing =
  | { readonly kind: 'none' }
  /** AMZN-PAY-RSASSA-PSS-V2 with the merchant's key; `extraSignedNames` go into SignedHeaders too. */
  | { readonly kind: 'v2'; readonly extraSignedNames: readonly string[] }
  /** MWS Signature V2 over `fields` (body built when sent). */
  | { readonly kind: 'mws'; readonly fields: readonly (readonly [string, string])[] };

export interface FuzzCase {
  readonly surface: Surface;
  readonly method: string;
  /** Path and query string as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly signing: Signing;
}

/** Ids of real objects created before the run, so requests reach past "not found". */
export interface FuzzPool {
  readonly merchantId: string;
  readonly storeId: string;
  /** The merchant's ledger currency: amounts in it get past the currency checks. */
  readonly currency: string;
  readonly checkoutSessionIds: readonly string[];
  readonly chargePermissionIds: readonly string[];
  readonly chargeIds: readonly string[];
  readonly refundIds: readonly string[];
  readonly orderReferenceIds: readonly string[];
  readonly billingAgreementIds: readonly string[];
  readonly authorizationIds: readonly string[];
  readonly captureIds: readonly string[];
  readonly v1RefundIds: readonly string[];
  readonly accessTokens: readonly string[];
}

/** A real id most of the time, else something an attacker would send instead. */
export const idFrom = (
  ids: readonly string[],
  hostile: fc.Arbitrary<string>,
): fc.Arbitrary<string> =>
  ids.length === 0
    ? hostile
    : fc.oneof(
        { arbitrary: fc.constantFrom(...ids), weight: 4 },
        { arbitrary: hostile, weight: 1 },
      );

/** Query strings: none, plausible, repeated names, hostile names and values. */
export const queryString = (
  names: readonly string[],
  value: fc.Arbitrary<string>,
): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...names),
          fc.constantFrom('__proto__', 'constructor', 'toString'),
        ),
        value,
      ),
      {
        maxLength: 4,
      },
    )
    .map((pairs) =>
      pairs.length === 0
        ? ''
        : `?${pairs.map(([n, v]) => `${encodeComponent(n)}=${encodeComponent(v)}`).join('&')}`,
    );
