/** Buyer-side data carried by checkout sessions and charge permissions (spec §3.8, §4.5). */
export interface Address {
  readonly name: string | null;
  readonly addressLine1: string | null;
  readonly addressLine2: string | null;
  readonly addressLine3: string | null;
  readonly city: string | null;
  readonly county: string | null;
  readonly district: string | null;
  readonly stateOrRegion: string | null;
  readonly postalCode: string | null;
  readonly countryCode: string | null;
  readonly phoneNumber: string | null;
}

export interface BuyerDetails {
  readonly buyerId: string;
  readonly name: string;
  readonly email: string;
  readonly phoneNumber: string | null;
}

/**
 * A payment instrument in a test buyer's wallet. `cardEnding` selects the sandbox behaviour of
 * spec §9.1; the descriptor is what the wire shows in `paymentPreferences`.
 */
export interface PaymentInstrument {
  readonly instrumentId: string;
  readonly brand: string;
  readonly cardEnding: string;
  readonly descriptor: string;
}

export const describeInstrument = (brand: string, cardEnding: string): string =>
  `${brand} ****${cardEnding} (Amazon Pay)`;
