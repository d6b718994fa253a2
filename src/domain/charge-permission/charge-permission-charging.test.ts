import { describe, expect, it } from 'vitest';
import {
  authorizeNewCharge,
  cancelCharge,
  captureCharge,
  chargeAwaitingChallenge,
  settleChargeTimers,
  type NewChargeInput,
} from '../charge/charge-operations.js';
import {
  CHARGE_STATES,
  DECLINE_REASONS,
  type AuthorizationOutcome,
  type Charge,
  type ChargeState,
  type DeclineReason,
} from '../charge/charge.js';
import { processCheckout } from '../checkout-session/checkout-processing.js';
import type { ChargePermissionType } from '../checkout-session/checkout-session.js';
import {
  associateBuyer,
  newCheckoutSession,
  type CreateCheckoutSessionInput,
} from '../checkout-session/checkout-session-operations.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { money, type Money } from '../shared/money.js';
import { DAY, HOUR, MINUTE } from '../shared/time.js';
import { TEST_CARDS, testCardInstrument } from '../simulation/payment-instruments.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import {
  NON_CHARGEABLE_REASONS,
  type ChargePermission,
  type NonChargeableReason,
} from './charge-permission.js';
import { CHARGE_PERMISSION_TRANSITIONS } from './charge-permission-lifecycle.js';
import {
  applyDecline,
  followCharge,
  recordFailedAuthentication,
  releaseCharge,
  remainingBalance,
  replacePaymentMethod,
  requireChargeable,
  reserveCharge,
  settleCapture,
} from './charge-permission-charging.js';
import { closeChargePermission, openChargePermission } from './charge-permission-operations.js';

const NOW = Date.UTC(2024, 4, 15, 12);
const LATER = NOW + MINUTE;
const usd = (minor: number): Money => money(minor, 'USD');
const USD_14 = usd(1400);
const ORDER_TOTAL = usd(2000);
const RESULT_URL = 'https://shop.example/result';

const card = (cardEnding: string) => {
  const found = TEST_CARDS.find((c) => c.cardEnding === cardEnding);
  if (!found) throw new Error(`no test card ${cardEnding}`);
  return testCardInstrument(found);
};
const VISA_1111 = card('1111');
const MASTERCARD_4444 = card('4444');

const SESSION_INPUT = {
  OneTime: {
    storeId: 'amzn1.application-oa2-client.test',
    webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
    paymentDetails: {
      paymentIntent: 'Authorize',
      chargeAmount: USD_14,
      totalOrderAmount: ORDER_TOTAL,
    },
  },
  Recurring: {
    storeId: 'amzn1.application-oa2-client.test',
    webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
    paymentDetails: { paymentIntent: 'Authorize', chargeAmount: USD_14 },
    chargePermissionType: 'Recurring',
    recurringMetadata: { frequency: { unit: 'Month', value: '1' }, amount: USD_14 },
  },
  PaymentMethodOnFile: {
    storeId: 'amzn1.application-oa2-client.test',
    webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
    paymentDetails: { paymentIntent: 'Authorize', chargeAmount: USD_14 },
    chargePermissionType: 'PaymentMethodOnFile',
  },
} as const satisfies Record<ChargePermissionType, CreateCheckoutSessionInput>;

/** A Chargeable permission opened by a real checkout (OneTime: a 20.00 USD order). */
function permissionOf(type: ChargePermissionType): ChargePermission {
  const open = newCheckoutSession(SESSION_INPUT[type], {
    id: 'cs-1',
    merchantId: 'AMERCHANT0001',
    environment: 'Sandbox',
    region: 'NA',
    now: NOW - HOUR,
  });
  const buyer = defaultTestBuyer('NA', 'amzn1.account.TESTBUYER');
  const associated = associateBuyer(
    open,
    {
      buyer: buyer.details,
      shippingAddress: buyer.addresses[0] ?? null,
      billingAddress: buyer.addresses[0] ?? null,
      paymentInstrument: VISA_1111,
    },
    NOW - HOUR,
  );
  return openChargePermission(processCheckout(associated, NOW - HOUR), 'S01-1234567-1234567', NOW);
}

const oneTime = (): ChargePermission => permissionOf('OneTime');
/** A OneTime permission holding a charge for `amount` (ChargeInProgress). */
const holding = (amount: Money = ORDER_TOTAL): ChargePermission =>
  reserveCharge(oneTime(), amount, NOW);
const closed = (permission: ChargePermission): ChargePermission =>
  closeChargePermission(permission, 'Done', NOW);

function errorOf(fn: () => unknown): DomainError | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}
const codeOf = (fn: () => unknown): ErrorCode | 'no error' => {
  const error = errorOf(fn);
  return error === 'no error' ? error : error.code;
};
/** The permission an operation returns, or the code of the domain error it throws. */
function attempt(fn: () => ChargePermission): ChargePermission | ErrorCode {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** `state` or `state/firstReason`, as the wire shows it. */
const statusOf = (permission: ChargePermission): string => {
  const reason = permission.reasons?.[0]?.reasonCode;
  return reason === undefined ? permission.state : `${permission.state}/${reason}`;
};

/** Every state change a charging function makes must be an edge of the lifecycle table. */
function expectLegalMove(before: ChargePermission, after: ChargePermission): void {
  if (after.state !== before.state || statusOf(after) !== statusOf(before))
    expect(CHARGE_PERMISSION_TRANSITIONS[before.state]).toContain(after.state);
}

describe('requireChargeable', () => {
  it.each<[name: string, permission: () => ChargePermission, result: string]>([
    ['Chargeable', oneTime, 'no error'],
    ['NonChargeable (ChargeInProgress)', () => holding(USD_14), 'ChargeInProgress'],
    [
      'NonChargeable (PaymentMethodInvalid)',
      () => applyDecline(permissionOf('PaymentMethodOnFile'), USD_14, 'HardDeclined', NOW),
      'PaymentMethodInvalid',
    ],
    ['Closed', () => closed(oneTime()), 'Closed'],
  ])('%s → %s', (_name, permission, result) => {
    const error = errorOf(() => requireChargeable(permission()));
    if (result === 'no error') expect(error).toBe('no error');
    else {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('InvalidChargePermissionStatus');
      expect((error as DomainError).message).toContain(result);
    }
  });
});

describe('remainingBalance', () => {
  it.each<[name: string, permission: () => ChargePermission, balance: Money | null]>([
    ['a fresh OneTime order', oneTime, ORDER_TOTAL],
    ['a OneTime order holding 14.00', () => holding(USD_14), usd(600)],
    ['a OneTime order holding all of it', () => holding(ORDER_TOTAL), usd(0)],
    [
      'a OneTime order after a partial capture of 10.00',
      () => settleCapture(holding(USD_14), USD_14, usd(1000), LATER),
      usd(1000),
    ],
    ['a Recurring permission', () => permissionOf('Recurring'), null],
    ['a Saved Wallet', () => permissionOf('PaymentMethodOnFile'), null],
  ])('%s: %j', (_name, permission, balance) => {
    expect(remainingBalance(permission())).toEqual(balance);
  });
});

describe('reserveCharge', () => {
  it.each<[name: string, permission: () => ChargePermission, amount: Money, result: string]>([
    ['OneTime: part of the order', oneTime, USD_14, 'NonChargeable/ChargeInProgress'],
    ['OneTime: exactly the balance', oneTime, ORDER_TOTAL, 'NonChargeable/ChargeInProgress'],
    ['OneTime: one cent over the balance', oneTime, usd(2001), 'TransactionAmountExceeded'],
    ['OneTime: another currency', oneTime, money(1400, 'EUR'), 'CurrencyMismatch'],
    [
      'OneTime after a partial capture: the rest',
      () => settleCapture(holding(USD_14), USD_14, usd(1000), LATER),
      usd(1000),
      'NonChargeable/ChargeInProgress',
    ],
    [
      'OneTime after a partial capture: one cent over the rest',
      () => settleCapture(holding(USD_14), USD_14, usd(1000), LATER),
      usd(1001),
      'TransactionAmountExceeded',
    ],
    [
      'OneTime while a charge is in progress',
      () => holding(USD_14),
      usd(100),
      'InvalidChargePermissionStatus',
    ],
    ['a Closed permission', () => closed(oneTime()), usd(100), 'InvalidChargePermissionStatus'],
    [
      'a Closed Saved Wallet',
      () => closed(permissionOf('PaymentMethodOnFile')),
      usd(100),
      'InvalidChargePermissionStatus',
    ],
    [
      'a Saved Wallet after a hard decline',
      () => applyDecline(permissionOf('PaymentMethodOnFile'), USD_14, 'HardDeclined', NOW),
      usd(100),
      'InvalidChargePermissionStatus',
    ],
    ['Recurring: any amount', () => permissionOf('Recurring'), usd(100_000), 'Chargeable'],
    [
      'Saved Wallet: any amount',
      () => permissionOf('PaymentMethodOnFile'),
      usd(100_000),
      'Chargeable',
    ],
    // Issue 10: a Saved Wallet or Recurring permission has no order amount, yet it is charged in
    // the currency it was set up in, like a OneTime one.
    [
      'Saved Wallet: another currency',
      () => permissionOf('PaymentMethodOnFile'),
      money(100, 'EUR'),
      'CurrencyMismatch',
    ],
    [
      'Recurring: another currency',
      () => permissionOf('Recurring'),
      money(100, 'GBP'),
      'CurrencyMismatch',
    ],
  ])('%s → %s', (_name, permission, amount, result) => {
    const before = permission();
    const after = attempt(() => reserveCharge(before, amount, LATER));
    if (typeof after === 'string') expect(after).toBe(result);
    else {
      expect(statusOf(after)).toBe(result);
      expectLegalMove(before, after);
    }
  });

  it('counts the amount against the order and shows ChargeInProgress', () => {
    expect(reserveCharge(oneTime(), USD_14, LATER)).toMatchObject({
      state: 'NonChargeable',
      reasons: [
        {
          reasonCode: 'ChargeInProgress',
          reasonDescription: expect.stringContaining('charge is already in progress') as unknown,
        },
      ],
      limits: { amountLimit: ORDER_TOTAL, amountCharged: USD_14 },
      lastUpdatedAt: LATER,
    });
  });

  it.each(['Recurring', 'PaymentMethodOnFile'] as const)(
    'leaves a %s permission as it was: it has no order amount',
    (type) => {
      const permission = permissionOf(type);
      expect(reserveCharge(permission, USD_14, LATER)).toBe(permission);
    },
  );

  it('names the balance left when refusing', () => {
    const error = errorOf(() => reserveCharge(oneTime(), usd(2001), LATER));
    expect((error as DomainError).message).toContain('20.01 USD');
    expect((error as DomainError).message).toContain('20.00 USD');
  });
});

describe('settleCapture and releaseCharge', () => {
  it('a capture of the whole order closes the OneTime permission as AmazonClosed', () => {
    const after = settleCapture(holding(ORDER_TOTAL), ORDER_TOTAL, ORDER_TOTAL, LATER);
    expect(after).toMatchObject({
      state: 'Closed',
      reasons: [
        { reasonCode: 'AmazonClosed', reasonDescription: 'The order amount was fully captured.' },
      ],
      limits: { amountCharged: ORDER_TOTAL },
      lastUpdatedAt: LATER,
    });
    expect(remainingBalance(after)).toEqual(usd(0));
  });

  it('a full capture of part of the order clears ChargeInProgress and keeps the rest chargeable', () => {
    const after = settleCapture(holding(USD_14), USD_14, USD_14, LATER);
    expect(after).toMatchObject({
      state: 'Chargeable',
      reasons: null,
      limits: { amountCharged: USD_14 },
    });
    expect(remainingBalance(after)).toEqual(usd(600));
  });

  it('a partial capture releases the rest of the charge', () => {
    const after = settleCapture(holding(ORDER_TOTAL), ORDER_TOTAL, usd(1500), LATER);
    expect(after).toMatchObject({
      state: 'Chargeable',
      reasons: null,
      limits: { amountCharged: usd(1500) },
    });
    expect(remainingBalance(after)).toEqual(usd(500));
  });

  it('two charges that add up to the order close it', () => {
    const first = settleCapture(holding(USD_14), USD_14, USD_14, NOW + 1);
    const second = reserveCharge(first, usd(600), NOW + 2);
    const done = settleCapture(second, usd(600), usd(600), NOW + 3);
    expect([statusOf(first), statusOf(second), statusOf(done)]).toEqual([
      'Chargeable',
      'NonChargeable/ChargeInProgress',
      'Closed/AmazonClosed',
    ]);
  });

  it('a canceled or expired charge gives its whole amount back', () => {
    const after = releaseCharge(holding(ORDER_TOTAL), ORDER_TOTAL, LATER);
    expect(after).toMatchObject({
      state: 'Chargeable',
      reasons: null,
      limits: { amountCharged: usd(0) },
    });
    expect(remainingBalance(after)).toEqual(ORDER_TOTAL);
  });

  it('a permission the merchant closed meanwhile stays Closed; the amount is still released', () => {
    const closedMeanwhile = closed(holding(USD_14));
    const after = releaseCharge(closedMeanwhile, USD_14, LATER);
    expect(statusOf(after)).toBe('Closed/MerchantClosed');
    expect(after.limits?.amountCharged).toEqual(usd(0));
  });

  it.each(['Recurring', 'PaymentMethodOnFile'] as const)(
    'leaves a %s permission as it was',
    (type) => {
      const permission = permissionOf(type);
      expect(settleCapture(permission, USD_14, USD_14, LATER)).toBe(permission);
      expect(releaseCharge(permission, USD_14, LATER)).toBe(permission);
    },
  );
});

describe('applyDecline', () => {
  type Row = [decline: DeclineReason, oneTime: string, recurring: string, savedWallet: string];
  // Seed 004: soft declines, processing failures and timeouts may be retried; a hard decline needs
  // a new payment method; Amazon's rejection ends the permission (spec §4.3).
  it.each<Row>([
    ['SoftDeclined', 'Chargeable', 'Chargeable', 'Chargeable'],
    ['ProcessingFailure', 'Chargeable', 'Chargeable', 'Chargeable'],
    ['TransactionTimedOut', 'Chargeable', 'Chargeable', 'Chargeable'],
    [
      'HardDeclined',
      'NonChargeable/PaymentMethodInvalid',
      'NonChargeable/PaymentMethodInvalid',
      'NonChargeable/PaymentMethodInvalid',
    ],
    ['AmazonRejected', 'Closed/AmazonCanceled', 'Closed/AmazonCanceled', 'Closed/AmazonCanceled'],
  ])('%s: OneTime %s, Recurring %s, Saved Wallet %s', (decline, ...expected) => {
    const befores = [
      holding(USD_14),
      permissionOf('Recurring'),
      permissionOf('PaymentMethodOnFile'),
    ];
    const afters = befores.map((before) => applyDecline(before, USD_14, decline, LATER));
    expect(afters.map(statusOf)).toEqual(expected);
    befores.forEach((before, i) => expectLegalMove(before, afters[i]!));
    // the OneTime order gets the declined amount back whatever the reason
    expect(afters[0]!.limits?.amountCharged).toEqual(usd(0));
  });

  it('covers every decline reason', () => {
    expect([...DECLINE_REASONS].sort()).toEqual(
      [
        'AmazonRejected',
        'HardDeclined',
        'ProcessingFailure',
        'SoftDeclined',
        'TransactionTimedOut',
      ].sort(),
    );
  });

  it('describes why the permission changed', () => {
    expect(applyDecline(holding(USD_14), USD_14, 'HardDeclined', LATER).reasons).toEqual([
      {
        reasonCode: 'PaymentMethodInvalid',
        reasonDescription: expect.stringContaining('update the payment method') as unknown,
      },
    ]);
    expect(applyDecline(holding(USD_14), USD_14, 'AmazonRejected', LATER).reasons).toEqual([
      {
        reasonCode: 'AmazonCanceled',
        reasonDescription: expect.stringContaining('rejected') as unknown,
      },
    ]);
  });

  it.each(DECLINE_REASONS)('leaves a Closed permission Closed on %s', (decline) => {
    const permission = closed(permissionOf('PaymentMethodOnFile'));
    expect(statusOf(applyDecline(permission, USD_14, decline, LATER))).toBe(
      'Closed/MerchantClosed',
    );
  });

  it('a second hard decline keeps the permission NonChargeable', () => {
    const once = applyDecline(permissionOf('PaymentMethodOnFile'), USD_14, 'HardDeclined', NOW);
    expect(statusOf(applyDecline(once, USD_14, 'HardDeclined', LATER))).toBe(
      'NonChargeable/PaymentMethodInvalid',
    );
  });
});

describe('recordFailedAuthentication', () => {
  it.each<[name: string, permission: () => ChargePermission, result: string]>([
    ['a OneTime charge in progress', () => holding(USD_14), 'NonChargeable/MFAFailed'],
    ['a Saved Wallet', () => permissionOf('PaymentMethodOnFile'), 'NonChargeable/MFAFailed'],
    ['a Recurring permission', () => permissionOf('Recurring'), 'NonChargeable/MFAFailed'],
    [
      'a Closed Saved Wallet',
      () => closed(permissionOf('PaymentMethodOnFile')),
      'Closed/MerchantClosed',
    ],
  ])('%s → %s', (_name, permission, result) => {
    const before = permission();
    const after = recordFailedAuthentication(before, USD_14, LATER);
    expect(statusOf(after)).toBe(result);
    expectLegalMove(before, after);
  });

  it('releases the OneTime amount and says the buyer must verify', () => {
    const after = recordFailedAuthentication(holding(USD_14), USD_14, LATER);
    expect(after.limits?.amountCharged).toEqual(usd(0));
    expect(after.reasons?.[0]?.reasonDescription).toContain('did not verify');
  });
});

describe('replacePaymentMethod', () => {
  it.each<[name: string, permission: () => ChargePermission, result: string]>([
    ['Chargeable', () => permissionOf('PaymentMethodOnFile'), 'Chargeable'],
    [
      'NonChargeable after a hard decline',
      () => applyDecline(permissionOf('PaymentMethodOnFile'), USD_14, 'HardDeclined', NOW),
      'Chargeable',
    ],
    [
      'NonChargeable after a failed challenge',
      () => recordFailedAuthentication(permissionOf('PaymentMethodOnFile'), USD_14, NOW),
      'Chargeable',
    ],
    [
      'NonChargeable with a charge in progress',
      () => holding(USD_14),
      'NonChargeable/ChargeInProgress',
    ],
    ['Closed', () => closed(permissionOf('PaymentMethodOnFile')), 'InvalidChargePermissionStatus'],
    [
      'Closed by Amazon after a rejection',
      () => applyDecline(permissionOf('PaymentMethodOnFile'), USD_14, 'AmazonRejected', NOW),
      'InvalidChargePermissionStatus',
    ],
  ])('%s → %s', (_name, permission, result) => {
    const before = permission();
    const after = attempt(() => replacePaymentMethod(before, MASTERCARD_4444, LATER));
    if (typeof after === 'string') expect(after).toBe(result);
    else {
      expect(statusOf(after)).toBe(result);
      expect(after.paymentInstrument).toEqual(MASTERCARD_4444);
      expect(after.lastUpdatedAt).toBe(LATER);
      expectLegalMove(before, after);
    }
  });

  /**
   * Reasons no domain function sets yet (they come from the buyer's or Amazon's side): the state is
   * a real NonChargeable permission with its reasons replaced.
   */
  const CLEARED_BY_NEW_METHOD = {
    PaymentMethodInvalid: true,
    PaymentMethodDeleted: true,
    BillingAddressDeleted: false,
    PaymentMethodExpired: true,
    PaymentMethodNotAllowed: true,
    PaymentMethodNotSet: true,
    ChargeInProgress: false,
    MFAFailed: true,
    TransactionAmountExceeded: false,
  } as const satisfies Record<NonChargeableReason, boolean>;

  it.each(NON_CHARGEABLE_REASONS.map((r) => [r, CLEARED_BY_NEW_METHOD[r]] as const))(
    'NonChargeable/%s: cleared by a new payment method %s',
    (reasonCode, cleared) => {
      const blocked: ChargePermission = {
        ...applyDecline(permissionOf('PaymentMethodOnFile'), USD_14, 'HardDeclined', NOW),
        reasons: [{ reasonCode, reasonDescription: null }],
      };
      expect(statusOf(replacePaymentMethod(blocked, MASTERCARD_4444, LATER))).toBe(
        cleared ? 'Chargeable' : `NonChargeable/${reasonCode}`,
      );
    },
  );

  it('does not clear a payment-method reason that comes with ChargeInProgress', () => {
    const blocked: ChargePermission = {
      ...holding(USD_14),
      reasons: [
        { reasonCode: 'PaymentMethodInvalid', reasonDescription: null },
        { reasonCode: 'ChargeInProgress', reasonDescription: null },
      ],
    };
    expect(replacePaymentMethod(blocked, MASTERCARD_4444, LATER).state).toBe('NonChargeable');
  });

  it('a hard-declined Saved Wallet can be charged again once the buyer picks a new card (seed 004)', () => {
    const declined = applyDecline(permissionOf('PaymentMethodOnFile'), USD_14, 'HardDeclined', NOW);
    expect(codeOf(() => requireChargeable(declined))).toBe('InvalidChargePermissionStatus');
    const updated = replacePaymentMethod(declined, MASTERCARD_4444, LATER);
    expect(codeOf(() => requireChargeable(updated))).toBe('no error');
    expect(updated.reasons).toBeNull();
  });
});

describe('followCharge', () => {
  const OUTCOMES = {
    approved: { kind: 'Approved', captureAsync: false },
    approvedAsync: { kind: 'Approved', captureAsync: true },
    pending: { kind: 'Pending', resolution: 'Succeeded' },
  } as const satisfies Record<string, AuthorizationOutcome>;

  const INPUT: NewChargeInput = {
    id: 'S01-1234567-1234567-C000001',
    chargeAmount: ORDER_TOTAL,
    captureNow: false,
    softDescriptor: null,
    canHandlePendingAuthorization: true,
  };

  /** The whole 20.00 order reserved, and the charge for it in `state`, built by real operations. */
  function chargeIn(state: ChargeState): { permission: ChargePermission; charge: Charge } {
    const permission = holding(ORDER_TOTAL);
    const authorized = authorizeNewCharge(permission, INPUT, OUTCOMES.approved, NOW);
    const charges: Record<ChargeState, () => Charge> = {
      ActionRequired: () =>
        chargeAwaitingChallenge(
          permission,
          { ...INPUT, chargeInitiator: 'CITU', checkoutResultReturnUrl: RESULT_URL },
          OUTCOMES.approved,
          'cs-challenge',
          NOW,
        ),
      AuthorizationInitiated: () => authorizeNewCharge(permission, INPUT, OUTCOMES.pending, NOW),
      Authorized: () => authorized,
      CaptureInitiated: () =>
        authorizeNewCharge(permission, { ...INPUT, captureNow: true }, OUTCOMES.approvedAsync, NOW),
      Captured: () =>
        captureCharge(
          authorized,
          { captureAmount: ORDER_TOTAL, softDescriptor: null },
          OUTCOMES.approved,
          LATER,
        ),
      Canceled: () => cancelCharge(authorized, 'MerchantCanceled', null, LATER),
      Declined: () =>
        authorizeNewCharge(permission, INPUT, { kind: 'Declined', reason: 'SoftDeclined' }, NOW),
    };
    const charge = charges[state]();
    expect(charge.state).toBe(state);
    return { permission, charge };
  }

  const AFTER_OPEN_CHARGE = {
    ActionRequired: 'unchanged',
    AuthorizationInitiated: 'unchanged',
    Authorized: 'unchanged',
    CaptureInitiated: 'unchanged',
    Captured: 'Closed/AmazonClosed',
    Canceled: 'Chargeable',
    Declined: 'Chargeable',
  } as const satisfies Record<ChargeState, string>;

  it.each(
    CHARGE_STATES.flatMap((state) => [true, false].map((wasOpen) => [wasOpen, state] as const)),
  )('wasOpen %s, charge now %s', (wasOpen, state) => {
    const { permission, charge } = chargeIn(state);
    const after = followCharge(permission, wasOpen, charge, LATER);
    const expected = wasOpen ? AFTER_OPEN_CHARGE[state] : 'unchanged';
    if (expected === 'unchanged') expect(after).toBe(permission);
    else {
      expect(statusOf(after)).toBe(expected);
      expectLegalMove(permission, after);
    }
  });

  it.each<[decline: DeclineReason | null, result: string]>([
    ['SoftDeclined', 'Chargeable'],
    ['ProcessingFailure', 'Chargeable'],
    ['TransactionTimedOut', 'Chargeable'],
    ['HardDeclined', 'NonChargeable/PaymentMethodInvalid'],
    ['AmazonRejected', 'Closed/AmazonCanceled'],
    // a Declined charge always has a reason; without one it counts as a soft decline
    [null, 'Chargeable'],
  ])('a charge Declined with %s → %s', (decline, result) => {
    const permission = holding(ORDER_TOTAL);
    const after = followCharge(
      permission,
      true,
      { state: 'Declined', reasonCode: decline, chargeAmount: ORDER_TOTAL, captureAmount: null },
      LATER,
    );
    expect(statusOf(after)).toBe(result);
  });

  it('a partial capture leaves the rest of the order chargeable', () => {
    const { permission, charge } = chargeIn('Authorized');
    const captured = captureCharge(
      charge,
      { captureAmount: USD_14, softDescriptor: null },
      OUTCOMES.approved,
      LATER,
    );
    const after = followCharge(permission, true, captured, LATER);
    expect(statusOf(after)).toBe('Chargeable');
    expect(remainingBalance(after)).toEqual(usd(600));
  });

  it('a capture without a captureAmount counts the whole charge', () => {
    const after = followCharge(
      holding(ORDER_TOTAL),
      true,
      { state: 'Captured', reasonCode: null, chargeAmount: ORDER_TOTAL, captureAmount: null },
      LATER,
    );
    expect(statusOf(after)).toBe('Closed/AmazonClosed');
  });

  it('follows a pending authorization through its timer to the end of the order', () => {
    const { permission, charge } = chargeIn('AuthorizationInitiated');
    const authorized = settleChargeTimers(charge, NOW + DAY);
    expect(followCharge(permission, true, authorized, NOW + DAY)).toBe(permission);
    const expired = settleChargeTimers(authorized, NOW + 31 * DAY);
    expect(expired).toMatchObject({ state: 'Canceled', reasonCode: 'ExpiredUnused' });
    const after = followCharge(permission, true, expired, NOW + 31 * DAY);
    expect(statusOf(after)).toBe('Chargeable');
    expect(remainingBalance(after)).toEqual(ORDER_TOTAL);
  });

  it.each(['Recurring', 'PaymentMethodOnFile'] as const)(
    'a Captured or Canceled charge leaves a %s permission as it was',
    (type) => {
      const permission = permissionOf(type);
      for (const state of ['Captured', 'Canceled'] as const)
        expect(
          followCharge(
            permission,
            true,
            { state, reasonCode: null, chargeAmount: USD_14, captureAmount: USD_14 },
            LATER,
          ),
        ).toBe(permission);
    },
  );
});
