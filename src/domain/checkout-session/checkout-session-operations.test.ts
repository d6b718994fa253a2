import { describe, expect, it } from 'vitest';
import type { ReleaseEnvironment } from '../shared/environment.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { money } from '../shared/money.js';
import { DAY, HOUR } from '../shared/time.js';
import { defaultAddress, defaultTestBuyer } from '../simulation/test-buyers.js';
import { processCheckout } from './checkout-processing.js';
import { constraintsOf, type CheckoutSession, type ConstraintId } from './checkout-session.js';
import {
  associateBuyer,
  cancelCheckoutSession,
  checkCompletion,
  CHECKOUT_SESSION_LIFETIME,
  expireCheckoutSession,
  markCompleted,
  newCheckoutSession,
  updateCheckoutSession,
  type BuyerSelection,
  type CompleteCheckoutSessionInput,
  type CreateCheckoutSessionInput,
} from './checkout-session-operations.js';

const NOW = Date.UTC(2024, 0, 15, 12);
const USD_14 = money(1400, 'USD');
const REVIEW_URL = 'https://shop.example/review';
const RESULT_URL = 'https://shop.example/result';

/** The smallest valid request: a review URL and nothing else (the button payload). */
const MINIMAL: CreateCheckoutSessionInput = {
  storeId: 'amzn1.application-oa2-client.test',
  webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW_URL },
};

/** A request that leaves no constraint but the buyer. */
const READY: CreateCheckoutSessionInput = {
  storeId: 'amzn1.application-oa2-client.test',
  webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW_URL, checkoutResultReturnUrl: RESULT_URL },
  paymentDetails: { paymentIntent: 'Authorize', chargeAmount: USD_14 },
};

/** A Saved Wallet set up without a first payment (spec §12.4). */
const SETUP_ONLY: CreateCheckoutSessionInput = {
  storeId: 'amzn1.application-oa2-client.test',
  webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
  paymentDetails: { paymentIntent: 'Confirm' },
  chargePermissionType: 'PaymentMethodOnFile',
  paymentMethodOnFileMetadata: { setupOnly: true },
};

function create(
  input: CreateCheckoutSessionInput,
  environment: ReleaseEnvironment = 'Sandbox',
): CheckoutSession {
  return newCheckoutSession(input, {
    id: 'cs-1',
    merchantId: 'AMERCHANT0001',
    environment,
    region: 'EU',
    now: NOW,
  });
}

function buyerSelection(): BuyerSelection {
  const buyer = defaultTestBuyer('EU', 'amzn1.account.TESTBUYER');
  return {
    buyer: buyer.details,
    shippingAddress: buyer.addresses[0] ?? null,
    billingAddress: buyer.addresses[0] ?? null,
    paymentInstrument: buyer.instruments[0]!, // Visa 1111: succeeds
  };
}

const associated = (input: CreateCheckoutSessionInput): CheckoutSession =>
  associateBuyer(create(input), buyerSelection(), NOW);

const processed = (input: CreateCheckoutSessionInput): CheckoutSession =>
  processCheckout(associated(input), NOW);

function errorCodeOf(fn: () => unknown): ErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('newCheckoutSession', () => {
  it('opens a session that expires 24 hours after creation, with defaults', () => {
    const session = create(MINIMAL);
    expect(CHECKOUT_SESSION_LIFETIME).toBe(24 * HOUR);
    expect(session).toMatchObject({
      id: 'cs-1',
      merchantId: 'AMERCHANT0001',
      environment: 'Sandbox',
      region: 'EU',
      state: 'Open',
      buyerProgress: 'NotAssociated',
      productType: 'PayAndShip',
      chargePermissionType: 'OneTime',
      reasonCode: null,
      buyer: null,
      paymentInstrument: null,
      // no sandbox simulation until Update Checkout Session sets one; a checkout is no challenge
      simulation: null,
      challenge: null,
      createdAt: NOW,
      lastUpdatedAt: NOW,
      expiresAt: NOW + DAY,
    });
    expect(session.paymentDetails).toMatchObject({
      paymentIntent: null,
      canHandlePendingAuthorization: false,
      chargeAmount: null,
    });
  });

  it.each<[name: string, input: CreateCheckoutSessionInput]>([
    ['a review URL only', MINIMAL],
    [
      'a result URL only',
      { ...MINIMAL, webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL } },
    ],
    ['a ready request', READY],
    [
      'softDescriptor of 16 characters with AuthorizeWithCapture',
      {
        ...READY,
        paymentDetails: {
          paymentIntent: 'AuthorizeWithCapture',
          chargeAmount: USD_14,
          softDescriptor: 'x'.repeat(16),
        },
      },
    ],
    [
      'softDescriptor before any paymentIntent',
      { ...MINIMAL, paymentDetails: { softDescriptor: 'SHOP' } },
    ],
    ['a setup-only Saved Wallet', SETUP_ONLY],
    [
      'chargePermissionId for the Saved Wallet update flow',
      { ...SETUP_ONLY, chargePermissionId: 'B02-1234567-1234567' },
    ],
    [
      'ProcessOrder for PayOnly with a paymentIntent',
      {
        ...READY,
        productType: 'PayOnly',
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL, checkoutMode: 'ProcessOrder' },
      },
    ],
    [
      'ProcessOrder for PayAndShip with addressDetails',
      {
        ...READY,
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL, checkoutMode: 'ProcessOrder' },
        addressDetails: defaultAddress('EU', 'Susie Smith'),
      },
    ],
    [
      'chargeAmount up to totalOrderAmount',
      {
        ...READY,
        paymentDetails: {
          paymentIntent: 'Authorize',
          chargeAmount: USD_14,
          totalOrderAmount: USD_14,
        },
      },
    ],
    [
      'plain http return URLs in Sandbox',
      {
        ...MINIMAL,
        webCheckoutDetails: { checkoutReviewReturnUrl: 'http://localhost:3000/review' },
      },
    ],
  ])('accepts %s', (_name, input) => {
    expect(create(input).state).toBe('Open');
  });

  it.each<[name: string, input: CreateCheckoutSessionInput, code: ErrorCode]>([
    [
      'no review or result URL',
      { ...MINIMAL, webCheckoutDetails: { checkoutCancelUrl: 'https://shop.example/cancel' } },
      'MissingParameterValue',
    ],
    ['no webCheckoutDetails at all', { storeId: 'store' }, 'MissingParameterValue'],
    [
      'a return URL that is not a URL',
      { ...MINIMAL, webCheckoutDetails: { checkoutReviewReturnUrl: 'shop/review' } },
      'InvalidParameterValue',
    ],
    [
      'an ftp cancel URL',
      {
        ...MINIMAL,
        webCheckoutDetails: {
          checkoutReviewReturnUrl: REVIEW_URL,
          checkoutCancelUrl: 'ftp://shop.example/cancel',
        },
      },
      'InvalidParameterValue',
    ],
    [
      'softDescriptor of 17 characters',
      {
        ...READY,
        paymentDetails: {
          paymentIntent: 'AuthorizeWithCapture',
          chargeAmount: USD_14,
          softDescriptor: 'x'.repeat(17),
        },
      },
      'InvalidParameterValue',
    ],
    [
      'softDescriptor with paymentIntent Authorize',
      {
        ...READY,
        paymentDetails: {
          paymentIntent: 'Authorize',
          chargeAmount: USD_14,
          softDescriptor: 'SHOP',
        },
      },
      'InvalidParameterCombination',
    ],
    [
      'softDescriptor with paymentIntent Confirm',
      {
        ...READY,
        paymentDetails: { paymentIntent: 'Confirm', chargeAmount: USD_14, softDescriptor: 'SHOP' },
      },
      'InvalidParameterCombination',
    ],
    [
      'setupOnly metadata with chargePermissionType OneTime',
      { ...SETUP_ONLY, chargePermissionType: 'OneTime' },
      'InvalidParameterCombination',
    ],
    [
      'setupOnly metadata with chargePermissionType Recurring',
      { ...SETUP_ONLY, chargePermissionType: 'Recurring' },
      'InvalidParameterCombination',
    ],
    [
      'setupOnly metadata without a chargePermissionType (OneTime by default)',
      { ...READY, paymentMethodOnFileMetadata: { setupOnly: true } },
      'InvalidParameterCombination',
    ],
    [
      'chargePermissionId without PaymentMethodOnFile',
      { ...READY, chargePermissionId: 'S02-1234567-1234567' },
      'InvalidParameterCombination',
    ],
    [
      'ProcessOrder without a paymentIntent',
      {
        ...MINIMAL,
        productType: 'PayOnly',
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL, checkoutMode: 'ProcessOrder' },
        paymentDetails: { chargeAmount: USD_14 },
      },
      'MissingParameterValue',
    ],
    [
      'ProcessOrder for PayAndShip without addressDetails',
      {
        ...READY,
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL, checkoutMode: 'ProcessOrder' },
      },
      'MissingParameterValue',
    ],
    [
      'chargeAmount above totalOrderAmount',
      {
        ...READY,
        paymentDetails: {
          paymentIntent: 'Authorize',
          chargeAmount: USD_14,
          totalOrderAmount: money(1399, 'USD'),
        },
      },
      'InvalidParameterValue',
    ],
    [
      'chargeAmount and totalOrderAmount in different currencies',
      {
        ...READY,
        paymentDetails: {
          paymentIntent: 'Authorize',
          chargeAmount: USD_14,
          totalOrderAmount: money(1400, 'EUR'),
        },
      },
      'CurrencyMismatch',
    ],
    [
      'chargeAmount not in the presentmentCurrency',
      {
        ...READY,
        paymentDetails: {
          paymentIntent: 'Authorize',
          chargeAmount: USD_14,
          presentmentCurrency: 'EUR',
        },
      },
      'CurrencyMismatch',
    ],
    [
      'merchantMetadata over its limits',
      { ...READY, merchantMetadata: { merchantStoreName: 'x'.repeat(51) } },
      'InvalidParameterValue',
    ],
  ])('rejects %s with %s', (_name, input, code) => {
    expect(errorCodeOf(() => create(input))).toBe(code);
  });

  it('names the review URL when neither return URL is set', () => {
    expect(() => create({ storeId: 'store' })).toThrow(
      "'webCheckoutDetails.checkoutReviewReturnUrl'",
    );
  });

  it('rejects plain http return URLs in Live', () => {
    const input = {
      ...MINIMAL,
      webCheckoutDetails: { checkoutReviewReturnUrl: 'http://shop.example/review' },
    };
    expect(errorCodeOf(() => create(input, 'Live'))).toBe('InvalidParameterValue');
    // Seed 004: http in Sandbox only "if you're testing on localhost" (urls.ts).
    expect(errorCodeOf(() => create(input, 'Sandbox'))).toBe('InvalidParameterValue');
  });
});

describe('constraintsOf', () => {
  const ids = (session: CheckoutSession): ConstraintId[] =>
    constraintsOf(session).map((c) => c.constraintId);

  it.each<[name: string, session: () => CheckoutSession, expected: ConstraintId[]]>([
    [
      'a minimal session',
      () => create(MINIMAL),
      [
        'BuyerNotAssociated',
        'ChargeAmountNotSet',
        'CheckoutResultReturnUrlNotSet',
        'PaymentIntentNotSet',
      ],
    ],
    ['a ready session before the buyer', () => create(READY), ['BuyerNotAssociated']],
    ['a ready session with a buyer', () => associated(READY), []],
    [
      'a session with a buyer but nothing else',
      () => associated(MINIMAL),
      ['ChargeAmountNotSet', 'CheckoutResultReturnUrlNotSet', 'PaymentIntentNotSet'],
    ],
    [
      'Recurring without a frequency',
      () => associated({ ...READY, chargePermissionType: 'Recurring' }),
      ['RecurringFrequencyNotSet'],
    ],
    [
      'Recurring with recurringMetadata but no frequency',
      () =>
        associated({
          ...READY,
          chargePermissionType: 'Recurring',
          recurringMetadata: { frequency: null, amount: USD_14 },
        }),
      ['RecurringFrequencyNotSet'],
    ],
    [
      'Recurring with a frequency',
      () =>
        associated({
          ...READY,
          chargePermissionType: 'Recurring',
          recurringMetadata: { frequency: { unit: 'Month', value: '1' }, amount: null },
        }),
      [],
    ],
    ['a setup-only Saved Wallet without an amount', () => associated(SETUP_ONLY), []],
    [
      'a Saved Wallet that is not setup-only without an amount',
      () => associated({ ...SETUP_ONLY, paymentMethodOnFileMetadata: { setupOnly: false } }),
      ['ChargeAmountNotSet'],
    ],
    [
      'a Saved Wallet without metadata and without an amount',
      () => associated({ ...SETUP_ONLY, paymentMethodOnFileMetadata: undefined }),
      ['ChargeAmountNotSet'],
    ],
    ['a processed session', () => processed(READY), []],
    [
      'a Canceled session, whatever is missing',
      () => cancelCheckoutSession(create(MINIMAL), 'BuyerCanceled', 'Canceled.', NOW),
      [],
    ],
    [
      'a Completed session',
      () => markCompleted(processed(READY), 'S02-1234567-1234567', null, NOW),
      [],
    ],
  ])('%s → %j', (_name, session, expected) => {
    expect(ids(session())).toEqual(expected);
  });

  it('describes every constraint', () => {
    for (const constraint of constraintsOf(
      create({ ...MINIMAL, chargePermissionType: 'Recurring' }),
    ))
      expect(constraint.description).not.toBe('');
    expect(constraintsOf(create(MINIMAL))[1]).toEqual({
      constraintId: 'ChargeAmountNotSet',
      description: 'chargeAmount is not set.',
    });
  });
});

describe('updateCheckoutSession', () => {
  it('merges: fields not sent stay, fields sent as null are cleared', () => {
    const session = create({ ...READY, merchantMetadata: { merchantReferenceId: 'order-1' } });
    const later = NOW + HOUR;
    const updated = updateCheckoutSession(
      session,
      {
        paymentDetails: { chargeAmount: money(2000, 'USD') },
        webCheckoutDetails: { checkoutReviewReturnUrl: null },
        merchantMetadata: { noteToBuyer: 'Thanks' },
        platformId: 'PLATFORM',
      },
      later,
    );
    expect(updated.paymentDetails.paymentIntent).toBe('Authorize');
    expect(updated.paymentDetails.chargeAmount).toEqual(money(2000, 'USD'));
    expect(updated.webCheckoutDetails).toMatchObject({
      checkoutReviewReturnUrl: null,
      checkoutResultReturnUrl: RESULT_URL,
    });
    expect(updated.merchantMetadata).toMatchObject({
      merchantReferenceId: 'order-1',
      noteToBuyer: 'Thanks',
    });
    expect(updated.platformId).toBe('PLATFORM');
    expect(updated.lastUpdatedAt).toBe(later);
    expect(updated.expiresAt).toBe(session.expiresAt);
  });

  it('clears constraints as the merchant fills them in', () => {
    const session = associated(MINIMAL);
    const updated = updateCheckoutSession(
      session,
      {
        webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
        paymentDetails: { paymentIntent: 'AuthorizeWithCapture', chargeAmount: USD_14 },
      },
      NOW,
    );
    expect(constraintsOf(updated)).toEqual([]);
  });

  it.each<[name: string, changes: Parameters<typeof updateCheckoutSession>[1], code: ErrorCode]>([
    [
      'softDescriptor with Authorize',
      { paymentDetails: { softDescriptor: 'SHOP' } },
      'InvalidParameterCombination',
    ],
    [
      'a result URL in the wrong scheme',
      { webCheckoutDetails: { checkoutResultReturnUrl: 'ftp://shop.example' } },
      'InvalidParameterValue',
    ],
    [
      'an amount in another currency than totalOrderAmount',
      { paymentDetails: { totalOrderAmount: money(5000, 'EUR') } },
      'CurrencyMismatch',
    ],
    [
      'merchantMetadata over its limits',
      { merchantMetadata: { noteToBuyer: 'x'.repeat(256) } },
      'InvalidParameterValue',
    ],
  ])('validates the merged result: %s → %s', (_name, changes, code) => {
    expect(errorCodeOf(() => updateCheckoutSession(create(READY), changes, NOW))).toBe(code);
  });

  it.each<[name: string, input: CreateCheckoutSessionInput]>([
    ['a EUR chargeAmount', { ...READY, paymentDetails: { chargeAmount: money(1400, 'EUR') } }],
    ['a GBP presentmentCurrency', { ...READY, paymentDetails: { presentmentCurrency: 'GBP' } }],
    [
      'a CHF recurring amount',
      {
        ...READY,
        chargePermissionType: 'Recurring',
        recurringMetadata: { frequency: { unit: 'Month', value: '1' }, amount: money(900, 'CHF') },
      },
    ],
  ])('keeps NA checkouts in the USD ledger currency: %s is CurrencyMismatch', (_name, input) => {
    expect(
      errorCodeOf(() =>
        newCheckoutSession(input, {
          id: 'cs-1',
          merchantId: 'AMERCHANT0001',
          environment: 'Sandbox',
          region: 'NA',
          now: NOW,
        }),
      ),
    ).toBe('CurrencyMismatch');
  });

  // Amazon Pay "Multi-currency integration", step 2: the chargeAmount's currency updates the
  // presentmentCurrency set at creation.
  it('moves the presentmentCurrency to the currency of an updated chargeAmount', () => {
    const chf = create({ ...READY, paymentDetails: { presentmentCurrency: 'CHF' } });
    const updated = updateCheckoutSession(
      chf,
      { paymentDetails: { chargeAmount: money(1400, 'EUR') } },
      NOW,
    );
    expect(updated.paymentDetails.presentmentCurrency).toBe('EUR');
  });

  it('keeps the presentmentCurrency once the buyer chose a payment method', () => {
    const chf = associateBuyer(
      create({ ...READY, paymentDetails: { presentmentCurrency: 'CHF' } }),
      buyerSelection(),
      NOW,
    );
    expect(
      errorCodeOf(() =>
        updateCheckoutSession(chf, { paymentDetails: { chargeAmount: money(1400, 'EUR') } }, NOW),
      ),
    ).toBe('CurrencyMismatch');
  });

  it('refuses a totalOrderAmount outside the presentmentCurrency', () => {
    const chf = create({ ...READY, paymentDetails: { presentmentCurrency: 'CHF' } });
    expect(
      errorCodeOf(() =>
        updateCheckoutSession(
          chf,
          { paymentDetails: { totalOrderAmount: money(5000, 'EUR') } },
          NOW,
        ),
      ),
    ).toBe('CurrencyMismatch');
  });
});

describe('associateBuyer', () => {
  it('records the buyer, addresses and payment method', () => {
    const selection = buyerSelection();
    const session = associateBuyer(create(READY), selection, NOW + 1);
    expect(session).toMatchObject({
      buyerProgress: 'Associated',
      buyer: selection.buyer,
      shippingAddress: selection.shippingAddress,
      billingAddress: selection.billingAddress,
      paymentInstrument: selection.paymentInstrument,
      lastUpdatedAt: NOW + 1,
    });
  });

  it('keeps no shipping address for PayOnly', () => {
    const session = associated({ ...READY, productType: 'PayOnly' });
    expect(session.shippingAddress).toBeNull();
    expect(session.billingAddress).not.toBeNull();
  });
});

describe('expireCheckoutSession', () => {
  it.each<[name: string, at: number, state: string]>([
    ['one millisecond before 24 h', NOW + DAY - 1, 'Open'],
    ['at 24 h', NOW + DAY, 'Canceled'],
    ['long after 24 h', NOW + 30 * DAY, 'Canceled'],
  ])('%s → %s', (_name, at, state) => {
    expect(expireCheckoutSession(create(READY), at).state).toBe(state);
  });

  it('cancels as Expired, dated at the expiry rather than when the timer ran', () => {
    const expired = expireCheckoutSession(processed(READY), NOW + 3 * DAY);
    expect(expired).toMatchObject({
      state: 'Canceled',
      reasonCode: 'Expired',
      lastUpdatedAt: NOW + DAY,
    });
  });
});

describe('checkCompletion', () => {
  const WITH_TOTAL: CreateCheckoutSessionInput = {
    ...READY,
    paymentDetails: {
      paymentIntent: 'Authorize',
      chargeAmount: USD_14,
      totalOrderAmount: money(2000, 'USD'),
    },
  };

  it.each<
    [
      name: string,
      session: () => CheckoutSession,
      input: CompleteCheckoutSessionInput,
      result: ErrorCode | 'no error',
    ]
  >([
    ['the matching chargeAmount', () => processed(READY), { chargeAmount: USD_14 }, 'no error'],
    [
      'a chargeAmount one cent off',
      () => processed(READY),
      { chargeAmount: money(1401, 'USD') },
      'AmountMismatch',
    ],
    [
      'a chargeAmount in another currency',
      () => processed(READY),
      { chargeAmount: money(1400, 'EUR') },
      'AmountMismatch',
    ],
    ['no chargeAmount', () => processed(READY), {}, 'MissingParameterValue'],
    [
      'only a totalOrderAmount',
      () => processed(WITH_TOTAL),
      { totalOrderAmount: money(2000, 'USD') },
      'MissingParameterValue',
    ],
    [
      'matching chargeAmount and totalOrderAmount',
      () => processed(WITH_TOTAL),
      { chargeAmount: USD_14, totalOrderAmount: money(2000, 'USD') },
      'no error',
    ],
    [
      // "You must also specify totalOrderAmount if one was provided" (Complete Checkout Session).
      'a matching chargeAmount without the session totalOrderAmount',
      () => processed(WITH_TOTAL),
      { chargeAmount: USD_14 },
      'MissingParameterValue',
    ],
    [
      'a different totalOrderAmount',
      () => processed(WITH_TOTAL),
      { chargeAmount: USD_14, totalOrderAmount: money(2100, 'USD') },
      'AmountMismatch',
    ],
    ['a setup-only Saved Wallet with no amounts', () => processed(SETUP_ONLY), {}, 'no error'],
    [
      'a setup-only Saved Wallet that also names an amount',
      () =>
        processed({
          ...SETUP_ONLY,
          paymentDetails: { paymentIntent: 'Confirm', chargeAmount: USD_14 },
        }),
      { chargeAmount: money(1, 'USD') },
      'no error',
    ],
    [
      'a Canceled session',
      () => cancelCheckoutSession(processed(READY), 'Declined', 'Declined.', NOW),
      { chargeAmount: USD_14 },
      'CheckoutSessionCanceled',
    ],
    [
      'a session the buyer has not returned to',
      () => associated(READY),
      { chargeAmount: USD_14 },
      'InvalidCheckoutSessionStatus',
    ],
    [
      'a session without a buyer',
      () => create(READY),
      { chargeAmount: USD_14 },
      'InvalidCheckoutSessionStatus',
    ],
    [
      'a Completed session',
      () => markCompleted(processed(READY), 'S02-1234567-1234567', null, NOW),
      { chargeAmount: USD_14 },
      'InvalidCheckoutSessionStatus',
    ],
  ])('%s → %s', (_name, session, input, result) => {
    expect(errorCodeOf(() => checkCompletion(session(), input))).toBe(result);
  });

  it('answers an expired session with InvalidCheckoutSessionStatus (Amazon Checkout Session page)', () => {
    const canceled = expireCheckoutSession(processed(READY), NOW + DAY);
    expect(errorCodeOf(() => checkCompletion(canceled, { chargeAmount: USD_14 }))).toBe(
      'InvalidCheckoutSessionStatus',
    );
    expect(() => checkCompletion(canceled, { chargeAmount: USD_14 })).toThrow('expired');
  });
});

describe('markCompleted', () => {
  it('records the permission and charge ids', () => {
    const completed = markCompleted(
      processed(READY),
      'S02-1234567-1234567',
      'S02-1234567-1234567-C000001',
      NOW + 5,
    );
    expect(completed).toMatchObject({
      state: 'Completed',
      chargePermissionId: 'S02-1234567-1234567',
      chargeId: 'S02-1234567-1234567-C000001',
      lastUpdatedAt: NOW + 5,
    });
  });
});
