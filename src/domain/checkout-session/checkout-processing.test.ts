import { describe, expect, it } from 'vitest';
import { describeInstrument, type PaymentInstrument } from '../shared/buyer.js';
import { money } from '../shared/money.js';
import { TEST_CARDS, testCardInstrument } from '../simulation/payment-instruments.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import { processCheckout } from './checkout-processing.js';
import type { CheckoutSession, PaymentIntent } from './checkout-session.js';
import { associateBuyer, newCheckoutSession } from './checkout-session-operations.js';

const NOW = Date.UTC(2024, 0, 15, 12);
const LATER = NOW + 30_000;

function instrumentEnding(cardEnding: string): PaymentInstrument {
  const card = TEST_CARDS.find((c) => c.cardEnding === cardEnding);
  if (card) return testCardInstrument(card);
  // a card the merchant added that is not one of the simulation cards
  return {
    instrumentId: `card-${cardEnding}`,
    brand: 'Visa',
    cardEnding,
    descriptor: describeInstrument('Visa', cardEnding),
  };
}

/** An Open session whose buyer chose the card ending in `cardEnding`. */
function sessionPaidWith(
  cardEnding: string,
  paymentIntent: PaymentIntent = 'Authorize',
  canHandlePendingAuthorization = false,
): CheckoutSession {
  const open = newCheckoutSession(
    {
      storeId: 'amzn1.application-oa2-client.test',
      webCheckoutDetails: { checkoutResultReturnUrl: 'https://shop.example/result' },
      paymentDetails: {
        paymentIntent,
        canHandlePendingAuthorization,
        chargeAmount: money(1400, 'USD'),
      },
    },
    { id: 'cs-1', merchantId: 'AMERCHANT0001', environment: 'Sandbox', region: 'NA', now: NOW },
  );
  const buyer = defaultTestBuyer('NA', 'amzn1.account.TESTBUYER');
  return associateBuyer(
    open,
    {
      buyer: buyer.details,
      shippingAddress: buyer.addresses[0] ?? null,
      billingAddress: null,
      paymentInstrument: instrumentEnding(cardEnding),
    },
    NOW,
  );
}

type Result = 'Processed' | 'Canceled/BuyerCanceled' | 'Canceled/Declined';

const resultOf = (session: CheckoutSession): string =>
  session.state === 'Open' ? session.buyerProgress : `${session.state}/${session.reasonCode}`;

describe('processCheckout by test card (spec §9.1)', () => {
  it.each<[cardEnding: string, intent: PaymentIntent, canHandlePending: boolean, result: Result]>([
    // cards that simply work
    ['1111', 'Authorize', false, 'Processed'],
    ['1111', 'AuthorizeWithCapture', false, 'Processed'],
    ['1111', 'Confirm', false, 'Processed'],
    ['4444', 'Authorize', false, 'Processed'],
    ['0005', 'Authorize', false, 'Processed'],
    ['9424', 'Authorize', false, 'Processed'],
    ['0000', 'Authorize', false, 'Processed'],
    ['9999', 'Authorize', false, 'Processed'], // unknown endings behave like a working card
    // the buyer cancels, whatever the merchant asked for
    ['3064', 'Authorize', false, 'Canceled/BuyerCanceled'],
    ['3064', 'Authorize', true, 'Canceled/BuyerCanceled'],
    ['3064', 'Confirm', false, 'Canceled/BuyerCanceled'],
    // declined at checkout
    ['3434', 'Authorize', false, 'Canceled/Declined'],
    ['3434', 'Authorize', true, 'Canceled/Declined'],
    ['3434', 'AuthorizeWithCapture', false, 'Canceled/Declined'],
    // pending authorizations need canHandlePendingAuthorization
    ['0701', 'Authorize', false, 'Canceled/Declined'],
    ['0701', 'AuthorizeWithCapture', false, 'Canceled/Declined'],
    ['0701', 'Authorize', true, 'Processed'],
    ['0701', 'Confirm', false, 'Processed'], // nothing is authorized at checkout
    ['4354', 'Authorize', false, 'Canceled/Declined'],
    ['4354', 'AuthorizeWithCapture', false, 'Canceled/Declined'],
    ['4354', 'Authorize', true, 'Processed'],
    ['4354', 'Confirm', false, 'Processed'],
  ])(
    'card %s, intent %s, canHandlePendingAuthorization %s → %s',
    (ending, intent, pending, result) => {
      const processed = processCheckout(sessionPaidWith(ending, intent, pending), LATER);
      expect(resultOf(processed)).toBe(result);
      expect(processed.lastUpdatedAt).toBe(LATER);
    },
  );

  it('covers every simulation card', () => {
    expect(TEST_CARDS.map((c) => c.cardEnding).sort()).toEqual(
      ['0000', '0005', '0701', '1111', '3064', '3434', '4354', '4444', '9424'].sort(),
    );
  });

  it('tells the merchant why a pending card was declined', () => {
    const declined = processCheckout(sessionPaidWith('0701'), LATER);
    expect(declined.reasonDescription).toContain('canHandlePendingAuthorization');
  });

  it('is idempotent: processing a processed session returns it unchanged', () => {
    const processed = processCheckout(sessionPaidWith('1111'), LATER);
    expect(processCheckout(processed, LATER + 1)).toBe(processed);
  });

  it('keeps the buyer and payment method on a processed session', () => {
    const processed = processCheckout(sessionPaidWith('1111'), LATER);
    expect(processed.buyer?.name).toBe('Susie Smith');
    expect(processed.paymentInstrument?.cardEnding).toBe('1111');
  });
});
