import { describeInstrument, type PaymentInstrument } from '../shared/buyer.js';

/**
 * What a sandbox test card does, by its last four digits (spec §9.1). Every test buyer's wallet
 * holds these cards so each scenario can be chosen on the hosted page.
 */
export const INSTRUMENT_BEHAVIOURS = [
  'Success',
  'CheckoutBuyerCanceled',
  'CheckoutDeclined',
  'PendingThenAuthorized',
  'PendingThenHardDeclined',
] as const;
export type InstrumentBehaviour = (typeof INSTRUMENT_BEHAVIOURS)[number];

interface TestCard {
  readonly brand: string;
  readonly cardEnding: string;
  readonly behaviour: InstrumentBehaviour;
}

export const TEST_CARDS: readonly TestCard[] = [
  { brand: 'Visa', cardEnding: '1111', behaviour: 'Success' },
  { brand: 'Mastercard', cardEnding: '4444', behaviour: 'Success' },
  { brand: 'Discover', cardEnding: '0005', behaviour: 'Success' },
  { brand: 'Amex', cardEnding: '9424', behaviour: 'Success' },
  { brand: 'JCB', cardEnding: '0000', behaviour: 'Success' },
  { brand: 'Visa', cardEnding: '3064', behaviour: 'CheckoutBuyerCanceled' },
  { brand: 'Visa', cardEnding: '3434', behaviour: 'CheckoutDeclined' },
  { brand: 'Visa', cardEnding: '0701', behaviour: 'PendingThenAuthorized' },
  { brand: 'Visa', cardEnding: '4354', behaviour: 'PendingThenHardDeclined' },
];

/** Unknown endings behave like a working card: a merchant-added instrument is a happy path. */
export function behaviourOf(instrument: PaymentInstrument): InstrumentBehaviour {
  return (
    TEST_CARDS.find((card) => card.cardEnding === instrument.cardEnding)?.behaviour ?? 'Success'
  );
}

export const testCardInstrument = (card: TestCard): PaymentInstrument => ({
  instrumentId: `card-${card.cardEnding}`,
  brand: card.brand,
  cardEnding: card.cardEnding,
  descriptor: describeInstrument(card.brand, card.cardEnding),
});
