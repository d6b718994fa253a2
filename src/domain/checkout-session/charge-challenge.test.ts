import { describe, expect, it } from 'vitest';
import { reserveCharge } from '../charge-permission/charge-permission-charging.js';
import type { ChargePermission } from '../charge-permission/charge-permission.js';
import { openChargePermission } from '../charge-permission/charge-permission-operations.js';
import { chargeAwaitingChallenge, type NewChargeInput } from '../charge/charge-operations.js';
import type { Charge } from '../charge/charge.js';
import { decideAuthentication, NO_EXEMPTIONS_YET } from '../sca/sca-policy.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { money } from '../shared/money.js';
import { DAY, HOUR, MINUTE } from '../shared/time.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import {
  challengeCodeMatches,
  newChallengeSession,
  recordChallengeOutcome,
} from './charge-challenge.js';
import { processCheckout } from './checkout-processing.js';
import {
  constraintsOf,
  type ChallengeOutcome,
  type ChargePermissionType,
  type CheckoutSession,
} from './checkout-session.js';
import {
  associateBuyer,
  checkCompletion,
  CHECKOUT_SESSION_LIFETIME,
  expireCheckoutSession,
  markCompleted,
  newCheckoutSession,
  requireReadyForProcessing,
  type CreateCheckoutSessionInput,
} from './checkout-session-operations.js';

const NOW = Date.UTC(2024, 4, 15, 12);
const EUR_14 = money(1400, 'EUR');
const RESULT_URL = 'https://shop.example/result';
const CHALLENGE_RETURN_URL = 'https://shop.example/charge-result';
const CODE = '123456';

const SESSION_INPUT = {
  OneTime: {
    storeId: 'amzn1.application-oa2-client.test',
    webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
    paymentDetails: { paymentIntent: 'Confirm', chargeAmount: EUR_14 },
  },
  Recurring: {
    storeId: 'amzn1.application-oa2-client.test',
    webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
    paymentDetails: { paymentIntent: 'Confirm', chargeAmount: EUR_14 },
    chargePermissionType: 'Recurring',
    recurringMetadata: { frequency: { unit: 'Month', value: '1' }, amount: EUR_14 },
  },
  PaymentMethodOnFile: {
    storeId: 'amzn1.application-oa2-client.test',
    webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
    paymentDetails: { paymentIntent: 'Confirm' },
    chargePermissionType: 'PaymentMethodOnFile',
    paymentMethodOnFileMetadata: { setupOnly: true },
  },
} as const satisfies Record<ChargePermissionType, CreateCheckoutSessionInput>;

/** A permission an EU buyer set up at checkout the day before. */
function permissionOf(type: ChargePermissionType): ChargePermission {
  const open = newCheckoutSession(SESSION_INPUT[type], {
    id: 'cs-setup',
    merchantId: 'AMERCHANT0001',
    environment: 'Sandbox',
    region: 'EU',
    now: NOW - DAY,
  });
  const buyer = defaultTestBuyer('EU', 'amzn1.account.TESTBUYER');
  const associated = associateBuyer(
    open,
    {
      buyer: buyer.details,
      shippingAddress: buyer.addresses[0] ?? null,
      billingAddress: buyer.addresses[0] ?? null,
      paymentInstrument: buyer.instruments[0]!,
    },
    NOW - DAY,
  );
  return openChargePermission(
    processCheckout(associated, NOW - DAY),
    'B02-1234567-1234567',
    NOW - DAY,
  );
}

/** A customer-initiated charge that SCA sends to a challenge, and the session behind its redirect. */
function challenged(options: { captureNow?: boolean; type?: ChargePermissionType } = {}): {
  permission: ChargePermission;
  charge: Charge;
  session: CheckoutSession;
} {
  const captureNow = options.captureNow ?? false;
  const setUp = permissionOf(options.type ?? 'PaymentMethodOnFile');
  const input: NewChargeInput = {
    id: 'S02-1234567-1234567-C000001',
    chargeAmount: EUR_14,
    captureNow,
    softDescriptor: captureNow ? 'MYSHOP' : null,
    canHandlePendingAuthorization: false,
    chargeInitiator: 'CITU',
    channel: 'Web',
    checkoutResultReturnUrl: CHALLENGE_RETURN_URL,
    merchantMetadata: {
      merchantReferenceId: 'order-42',
      merchantStoreName: null,
      noteToBuyer: null,
      customInformation: null,
    },
    scaDecision: decideAuthentication({
      merchantRegion: 'EU',
      initiator: 'CITU',
      amount: EUR_14,
      // EUR 14 is low value; the issuer steps up so the charge needs the challenge.
      forced: true,
      setsUpMandate: false,
      counters: NO_EXEMPTIONS_YET,
      authenticatedSeriesAmount: null,
      traClass: 'None',
    }),
  };
  expect(input.scaDecision?.outcome).toBe('Challenge');
  const permission = reserveCharge(setUp, EUR_14, NOW);
  const charge = chargeAwaitingChallenge(
    permission,
    input,
    { kind: 'Approved', captureAsync: false },
    'cs-challenge',
    NOW,
  );
  const session = newChallengeSession(charge, permission, {
    id: 'cs-challenge',
    code: CODE,
    storeId: 'amzn1.application-oa2-client.test',
    returnUrl: CHALLENGE_RETURN_URL,
    now: NOW,
  });
  return { permission, charge, session };
}

function codeOf(fn: () => unknown): ErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const resultOf = (session: CheckoutSession): string =>
  session.state === 'Open' ? session.buyerProgress : `${session.state}/${session.reasonCode}`;

describe('newChallengeSession', () => {
  it('is an Open session whose buyer is known, so nothing but the challenge is left', () => {
    const { permission, charge, session } = challenged();
    expect(session).toMatchObject({
      id: 'cs-challenge',
      merchantId: charge.merchantId,
      environment: 'Sandbox',
      region: 'EU',
      storeId: 'amzn1.application-oa2-client.test',
      state: 'Open',
      buyerProgress: 'Associated',
      reasonCode: null,
      productType: 'PayOnly',
      chargePermissionType: 'PaymentMethodOnFile',
      buyer: permission.buyer,
      billingAddress: permission.billingAddress,
      shippingAddress: null,
      paymentInstrument: permission.paymentInstrument,
      merchantMetadata: charge.merchantMetadata,
      simulation: null,
      challenge: {
        chargeId: charge.id,
        chargePermissionId: permission.id,
        code: CODE,
        outcome: 'Pending',
      },
      chargePermissionId: permission.id,
      chargeId: charge.id,
      createdAt: NOW,
      lastUpdatedAt: NOW,
      expiresAt: NOW + CHECKOUT_SESSION_LIFETIME,
    });
    expect(session.webCheckoutDetails).toEqual({
      checkoutReviewReturnUrl: null,
      checkoutResultReturnUrl: CHALLENGE_RETURN_URL,
      checkoutCancelUrl: null,
      checkoutMode: null,
    });
  });

  it.each(['OneTime', 'Recurring', 'PaymentMethodOnFile'] as const)(
    'has no constraints for a %s permission, so it can be processed at once',
    (type) => {
      const { session } = challenged({ type });
      expect(constraintsOf(session)).toEqual([]);
      expect(codeOf(() => requireReadyForProcessing(session))).toBe('no error');
      expect(session.chargePermissionType).toBe(type);
    },
  );

  it.each<[captureNow: boolean, paymentIntent: string]>([
    [false, 'Authorize'],
    [true, 'AuthorizeWithCapture'],
  ])('captureNow %s → paymentIntent %s', (captureNow, paymentIntent) => {
    const { charge, session } = challenged({ captureNow });
    expect(session.paymentDetails).toEqual({
      paymentIntent,
      canHandlePendingAuthorization: false,
      chargeAmount: EUR_14,
      totalOrderAmount: null,
      softDescriptor: charge.softDescriptor,
      presentmentCurrency: 'EUR',
      allowOvercharge: false,
      extendExpiration: false,
    });
  });

  it('expires with the charge it carries: 24 hours', () => {
    const { session } = challenged();
    expect(expireCheckoutSession(session, NOW + DAY - 1)).toBe(session);
    expect(resultOf(expireCheckoutSession(session, NOW + DAY))).toBe('Canceled/Expired');
  });
});

describe('recordChallengeOutcome', () => {
  it.each<[outcome: Exclude<ChallengeOutcome, 'Pending'>, result: string, description: string]>([
    ['Success', 'Processed', ''],
    ['Failure', 'Canceled/Declined', 'failed the multi-factor authentication'],
    ['Abandoned', 'Canceled/BuyerCanceled', 'abandoned the multi-factor authentication'],
  ])('%s → %s (spec §11.1)', (outcome, result, description) => {
    const { session } = challenged();
    const answered = recordChallengeOutcome(session, outcome, NOW + MINUTE);
    expect(resultOf(answered)).toBe(result);
    expect(answered.challenge).toEqual({ ...session.challenge, outcome });
    expect(answered.lastUpdatedAt).toBe(NOW + MINUTE);
    if (description) expect(answered.reasonDescription).toContain(description);
    else expect(answered.reasonDescription).toBeNull();
  });

  const OUTCOMES = ['Success', 'Failure', 'Abandoned'] as const;

  it.each(OUTCOMES.flatMap((first) => OUTCOMES.map((second) => [first, second] as const)))(
    'answering %s and then %s is refused',
    (first, second) => {
      const { session } = challenged();
      const answered = recordChallengeOutcome(session, first, NOW + MINUTE);
      expect(codeOf(() => recordChallengeOutcome(answered, second, NOW + 2 * MINUTE))).toBe(
        'InvalidCheckoutSessionStatus',
      );
    },
  );

  it('an expired challenge can no longer be answered', () => {
    const expired = expireCheckoutSession(challenged().session, NOW + DAY);
    expect(codeOf(() => recordChallengeOutcome(expired, 'Success', NOW + DAY + 1))).toBe(
      'InvalidCheckoutSessionStatus',
    );
  });

  it('a completed challenge can no longer be answered', () => {
    const { charge, session } = challenged();
    const passed = recordChallengeOutcome(session, 'Success', NOW + MINUTE);
    const completed = markCompleted(passed, charge.chargePermissionId, charge.id, NOW + HOUR);
    expect(codeOf(() => recordChallengeOutcome(completed, 'Failure', NOW + HOUR))).toBe(
      'InvalidCheckoutSessionStatus',
    );
  });

  it('a checkout without a challenge has nothing to answer', () => {
    const checkout = newCheckoutSession(SESSION_INPUT.OneTime, {
      id: 'cs-2',
      merchantId: 'AMERCHANT0001',
      environment: 'Sandbox',
      region: 'EU',
      now: NOW,
    });
    expect(checkout.challenge).toBeNull();
    expect(codeOf(() => recordChallengeOutcome(checkout, 'Success', NOW))).toBe('InvalidRequest');
  });
});

describe('Complete Checkout Session on a challenge session (seed 004)', () => {
  it.each<
    [
      name: string,
      answer: ChallengeOutcome,
      amount: 'none' | 'same' | 'other',
      result: ErrorCode | 'no error',
    ]
  >([
    ['before the buyer answered', 'Pending', 'none', 'InvalidCheckoutSessionStatus'],
    ['after Success, without a chargeAmount', 'Success', 'none', 'no error'],
    ['after Success, with the charge amount', 'Success', 'same', 'no error'],
    ['after Success, with another amount', 'Success', 'other', 'AmountMismatch'],
    ['after Failure', 'Failure', 'none', 'CheckoutSessionCanceled'],
    ['after Abandoned', 'Abandoned', 'same', 'CheckoutSessionCanceled'],
  ])('%s → %s', (_name, answer, amount, result) => {
    const { session } = challenged();
    const answered =
      answer === 'Pending' ? session : recordChallengeOutcome(session, answer, NOW + MINUTE);
    const chargeAmount = { none: undefined, same: EUR_14, other: money(1500, 'EUR') }[amount];
    expect(codeOf(() => checkCompletion(answered, { chargeAmount }))).toBe(result);
  });

  it('a checkout without a challenge still needs its chargeAmount', () => {
    const checkout = newCheckoutSession(
      {
        ...SESSION_INPUT.OneTime,
        paymentDetails: { paymentIntent: 'Authorize', chargeAmount: EUR_14 },
      },
      { id: 'cs-2', merchantId: 'AMERCHANT0001', environment: 'Sandbox', region: 'EU', now: NOW },
    );
    const buyer = defaultTestBuyer('EU', 'amzn1.account.TESTBUYER');
    const processed = processCheckout(
      associateBuyer(
        checkout,
        {
          buyer: buyer.details,
          shippingAddress: buyer.addresses[0] ?? null,
          billingAddress: null,
          paymentInstrument: buyer.instruments[0]!,
        },
        NOW,
      ),
      NOW,
    );
    expect(codeOf(() => checkCompletion(processed, {}))).toBe('MissingParameterValue');
  });
});

describe('challengeCodeMatches', () => {
  it.each<[entered: string, matches: boolean]>([
    [CODE, true],
    [` ${CODE} `, true],
    [`\t${CODE}\n`, true],
    ['654321', false],
    ['12345', false],
    [`${CODE}0`, false],
    ['123 456', false],
    ['', false],
  ])('%j → %s', (entered, matches) => {
    expect(challengeCodeMatches(challenged().session, entered)).toBe(matches);
  });

  it('a checkout without a challenge matches no code', () => {
    const checkout = newCheckoutSession(SESSION_INPUT.OneTime, {
      id: 'cs-2',
      merchantId: 'AMERCHANT0001',
      environment: 'Sandbox',
      region: 'EU',
      now: NOW,
    });
    expect(challengeCodeMatches(checkout, '')).toBe(false);
    expect(challengeCodeMatches(checkout, CODE)).toBe(false);
  });
});
