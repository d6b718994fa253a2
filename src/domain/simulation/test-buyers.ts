import type { Address, BuyerDetails, PaymentInstrument } from '../shared/buyer.js';
import type { ScaCounters } from '../sca/sca-policy.js';
import type { Region } from '../shared/environment.js';
import { TEST_CARDS, testCardInstrument } from './payment-instruments.js';

/** A sandbox test buyer: who they are, where they live, and what is in their wallet (spec §9.1). */
export interface TestBuyer {
  readonly details: BuyerDetails;
  readonly addresses: readonly Address[];
  readonly instruments: readonly PaymentInstrument[];
  /** The issuer's PSD2 counters per card since its last authentication (absent: none yet). */
  readonly scaCounters?: Readonly<Record<string, ScaCounters>>;
}

const ADDRESS_BY_REGION = {
  NA: {
    city: 'Chicago',
    stateOrRegion: 'IL',
    postalCode: '60602',
    countryCode: 'US',
    line1: '10 Ditka Ave',
    phone: '800-000-0000',
  },
  EU: {
    city: 'Berlin',
    stateOrRegion: null,
    postalCode: '10115',
    countryCode: 'DE',
    line1: 'Invalidenstraße 1',
    phone: '+49 30 000000',
  },
  UK: {
    city: 'London',
    stateOrRegion: null,
    postalCode: 'EC1A 1BB',
    countryCode: 'GB',
    line1: '1 Test Street',
    phone: '+44 20 0000 0000',
  },
  JP: {
    city: 'Tokyo',
    stateOrRegion: 'Tokyo',
    postalCode: '100-0001',
    countryCode: 'JP',
    line1: '1-1 Chiyoda',
    phone: '03-0000-0000',
  },
} as const satisfies Record<
  Region,
  {
    city: string;
    stateOrRegion: string | null;
    postalCode: string;
    countryCode: string;
    line1: string;
    phone: string;
  }
>;

export function defaultAddress(region: Region, name: string): Address {
  const a = ADDRESS_BY_REGION[region];
  return {
    name,
    addressLine1: a.line1,
    addressLine2: null,
    addressLine3: null,
    city: a.city,
    county: null,
    district: null,
    stateOrRegion: a.stateOrRegion,
    postalCode: a.postalCode,
    countryCode: a.countryCode,
    phoneNumber: a.phone,
  };
}

/** The buyer every merchant starts with, holding every simulated card. */
export function defaultTestBuyer(region: Region, buyerId: string): TestBuyer {
  const name = 'Susie Smith';
  return {
    details: {
      buyerId,
      name,
      email: 'susie.smith@example.com',
      phoneNumber: ADDRESS_BY_REGION[region].phone,
    },
    addresses: [defaultAddress(region, name)],
    instruments: TEST_CARDS.map(testCardInstrument),
  };
}
