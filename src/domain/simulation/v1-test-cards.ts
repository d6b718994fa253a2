import { describeInstrument, type PaymentInstrument } from '../shared/buyer.js';
import { TEST_CARDS, testCardInstrument } from './payment-instruments.js';

/**
 * The v1 sandbox Wallet's simulation cards, marked with a * in the widget (spec v1 §5, SAMPLES
 * SetPaymentDetails.php). 3434 is also a v2 test card (declined: the shared decision gives it
 * InvalidPaymentMethod); the other three exist only in the v1 Wallet widget.
 */
export const V1_CARD_BEHAVIOURS = [
  'TransactionTimedOut',
  'PaymentMethodNotAllowed',
  'AmazonRejected',
  'InvalidPaymentMethod',
] as const;
export type V1CardBehaviour = (typeof V1_CARD_BEHAVIOURS)[number];

export const V1_SIMULATION_CARDS: readonly {
  readonly brand: string;
  readonly cardEnding: string;
  readonly behaviour: V1CardBehaviour;
}[] = [
  { brand: 'Visa', cardEnding: '5656', behaviour: 'TransactionTimedOut' },
  { brand: 'Visa', cardEnding: '4545', behaviour: 'PaymentMethodNotAllowed' },
  { brand: 'Visa', cardEnding: '2323', behaviour: 'AmazonRejected' },
  { brand: 'Visa', cardEnding: '3434', behaviour: 'InvalidPaymentMethod' },
];

/** The v1-only behaviour of a card, or null when the shared v2 test-card rules decide. */
export function v1CardBehaviour(instrument: PaymentInstrument): V1CardBehaviour | null {
  const card = V1_SIMULATION_CARDS.find((c) => c.cardEnding === instrument.cardEnding);
  return card === undefined || card.behaviour === 'InvalidPaymentMethod' ? null : card.behaviour;
}

/** Is this one of the * cards of the sandbox Wallet? */
export const isSimulationCard = (instrument: PaymentInstrument): boolean =>
  V1_SIMULATION_CARDS.some((c) => c.cardEnding === instrument.cardEnding);

/**
 * What the v1 Wallet widget offers a test buyer: their own cards, then the * cards their wallet
 * does not hold yet (every test buyer already holds 3434).
 */
export function v1WalletInstruments(own: readonly PaymentInstrument[]): PaymentInstrument[] {
  const extra = V1_SIMULATION_CARDS.filter(
    (card) => !own.some((i) => i.cardEnding === card.cardEnding),
  ).map((card) =>
    TEST_CARDS.some((c) => c.cardEnding === card.cardEnding)
      ? testCardInstrument({ ...card, behaviour: 'Success' })
      : {
          instrumentId: `card-${card.cardEnding}`,
          brand: card.brand,
          cardEnding: card.cardEnding,
          descriptor: describeInstrument(card.brand, card.cardEnding),
        },
  );
  return [...own, ...extra];
}
