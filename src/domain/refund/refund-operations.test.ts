import { describe, expect, it } from 'vitest';
import type { ChargePermission } from '../charge-permission/charge-permission.js';
import { openChargePermission } from '../charge-permission/charge-permission-operations.js';
import {
  authorizeNewCharge,
  cancelCharge,
  captureCharge,
  chargeAwaitingChallenge,
  type NewChargeInput,
} from '../charge/charge-operations.js';
import type { AuthorizationOutcome, Charge } from '../charge/charge.js';
import { processCheckout } from '../checkout-session/checkout-processing.js';
import {
  associateBuyer,
  newCheckoutSession,
} from '../checkout-session/checkout-session-operations.js';
import type { Region } from '../shared/environment.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { newRefundId, type RandomSource } from '../shared/ids.js';
import { money, type Money } from '../shared/money.js';
import { DAY, HOUR, SECOND } from '../shared/time.js';
import type { SimulationCode } from '../simulation/simulation-codes.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import { refundDueAt, type Refund, type RefundState } from './refund.js';
import { REFUND_TRANSITIONS } from './refund-lifecycle.js';
import {
  MAX_REFUNDS_PER_CHARGE,
  maximumRefundable,
  newRefund,
  REFUND_PROCESSING_TIME,
  settleRefund,
} from './refund-operations.js';

const NOW = Date.UTC(2024, 4, 15, 12);
const usd = (minor: number): Money => money(minor, 'USD');
const jpy = (yen: number): Money => money(yen, 'JPY');
const APPROVED: AuthorizationOutcome = { kind: 'Approved', captureAsync: false };

/** A Saved Wallet set up at checkout (no order amount, so any charge fits). */
function savedWallet(region: Extract<Region, 'NA' | 'JP'>): ChargePermission {
  const open = newCheckoutSession(
    {
      storeId: 'amzn1.application-oa2-client.test',
      webCheckoutDetails: { checkoutResultReturnUrl: 'https://shop.example/result' },
      paymentDetails: { paymentIntent: 'Confirm' },
      chargePermissionType: 'PaymentMethodOnFile',
      paymentMethodOnFileMetadata: { setupOnly: true },
    },
    { id: 'cs-1', merchantId: 'AMERCHANT0001', environment: 'Sandbox', region, now: NOW - DAY },
  );
  const buyer = defaultTestBuyer(region, 'amzn1.account.TESTBUYER');
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
    'B01-1234567-1234567',
    NOW - DAY,
  );
}

const CHARGE_ID = 'S01-1234567-1234567-C000001';
const chargeInput = (amount: Money, captureNow = true): NewChargeInput => ({
  id: CHARGE_ID,
  chargeAmount: amount,
  captureNow,
  softDescriptor: null,
  canHandlePendingAuthorization: true,
});

/** A charge captured in full at creation (captureNow). */
const captured = (amount: Money): Charge =>
  authorizeNewCharge(
    savedWallet(amount.currency === 'JPY' ? 'JP' : 'NA'),
    chargeInput(amount),
    APPROVED,
    NOW,
  );

let sequence = 0;
const nextRefundId = (): string => `S01-1234567-1234567-R${String(++sequence).padStart(6, '0')}`;

const request = (amount: Money, softDescriptor: string | null = null) =>
  ({ id: nextRefundId(), refundAmount: amount, softDescriptor }) as const;

/** Earlier refunds on `charge`, each made by newRefund and, unless pending, settled. */
function history(
  charge: Charge,
  entries: readonly (readonly [amount: Money, state: RefundState])[],
): Refund[] {
  const refunds: Refund[] = [];
  for (const [amount, state] of entries) {
    const simulation = state === 'Declined' ? 'AmazonRejected' : null;
    const created = newRefund(charge, refunds, request(amount), simulation, NOW + HOUR);
    refunds.push(state === 'RefundInitiated' ? created : settleRefund(created, NOW + DAY));
    expect(refunds.at(-1)!.state).toBe(state);
  }
  return refunds;
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

it('uses the documented limits', () => {
  expect(MAX_REFUNDS_PER_CHARGE).toBe(10);
  expect(REFUND_PROCESSING_TIME).toBe(30 * SECOND);
});

describe('maximumRefundable: captured + min(15 %, 75 units) (spec §7.2)', () => {
  it.each<[captured: Money, maximum: Money]>([
    [usd(10_000), usd(11_500)],
    [usd(100_000), usd(107_500)],
    // 15 % of 500.00 is exactly 75.00
    [usd(50_000), usd(57_500)],
    [usd(50_001), usd(57_501)],
    [usd(1400), usd(1610)],
    // fractions of a cent round down
    [usd(1), usd(1)],
    [usd(7), usd(8)],
    [money(10_000, 'EUR'), money(11_500, 'EUR')],
    [money(100_000, 'GBP'), money(107_500, 'GBP')],
    [jpy(100), jpy(115)],
    [jpy(400), jpy(460)],
  ])('%j → %j', (capturedAmount, maximum) => {
    expect(maximumRefundable(capturedAmount)).toEqual(maximum);
  });
});

describe('newRefund', () => {
  it('starts RefundInitiated, due REFUND_PROCESSING_TIME later (spec §10.1)', () => {
    const charge = captured(usd(1400));
    const refund = newRefund(
      charge,
      [],
      { id: 'S01-1234567-1234567-R000001', refundAmount: usd(500), softDescriptor: 'REFUND 42' },
      null,
      NOW + HOUR,
    );
    expect(refund).toEqual({
      id: 'S01-1234567-1234567-R000001',
      chargeId: CHARGE_ID,
      chargePermissionId: 'B01-1234567-1234567',
      merchantId: 'AMERCHANT0001',
      environment: 'Sandbox',
      region: 'NA',
      refundAmount: usd(500),
      softDescriptor: 'REFUND 42',
      state: 'RefundInitiated',
      reasonCode: null,
      reasonDescription: null,
      lastUpdatedAt: NOW + HOUR,
      createdAt: NOW + HOUR,
      resolvesAt: NOW + HOUR + REFUND_PROCESSING_TIME,
      resolution: 'Refunded',
    } satisfies Refund);
    expect(refundDueAt(refund)).toBe(NOW + HOUR + REFUND_PROCESSING_TIME);
  });

  it('hangs the refund id off the charge id', () => {
    const random: RandomSource = {
      digits: (count) => '7'.repeat(count),
      upperAlphanumeric: (count) => 'A'.repeat(count),
      hex: (count) => 'a'.repeat(count),
      uuid: () => '00000000-0000-4000-8000-000000000000',
      timeOrderedUuid: () => '00000000-0000-7000-8000-000000000000',
    };
    expect(newRefundId(random, CHARGE_ID)).toBe('S01-1234567-1234567-R777777');
  });

  it.each<[name: string, charge: () => Charge]>([
    [
      'ActionRequired',
      () =>
        chargeAwaitingChallenge(
          savedWallet('NA'),
          { ...chargeInput(usd(1400), false), chargeInitiator: 'CITU' },
          APPROVED,
          'cs-challenge',
          NOW,
        ),
    ],
    [
      'AuthorizationInitiated',
      () =>
        authorizeNewCharge(
          savedWallet('NA'),
          chargeInput(usd(1400), false),
          { kind: 'Pending', resolution: 'Succeeded' },
          NOW,
        ),
    ],
    [
      'Authorized',
      () => authorizeNewCharge(savedWallet('NA'), chargeInput(usd(1400), false), APPROVED, NOW),
    ],
    [
      'CaptureInitiated',
      () =>
        captureCharge(
          authorizeNewCharge(savedWallet('NA'), chargeInput(usd(1400), false), APPROVED, NOW),
          { captureAmount: usd(1400), softDescriptor: null },
          APPROVED,
          NOW + 8 * DAY,
        ),
    ],
    [
      'Canceled',
      () =>
        cancelCharge(
          authorizeNewCharge(savedWallet('NA'), chargeInput(usd(1400), false), APPROVED, NOW),
          'MerchantCanceled',
          null,
          NOW + 1,
        ),
    ],
    [
      'Declined',
      () =>
        authorizeNewCharge(
          savedWallet('NA'),
          chargeInput(usd(1400)),
          { kind: 'Declined', reason: 'HardDeclined' },
          NOW,
        ),
    ],
  ])('refuses a charge that is %s with InvalidChargeStatus', (state, charge) => {
    const built = charge();
    expect(built.state).toBe(state);
    // the state is checked before anything else, even a refund in the wrong currency
    for (const amount of [usd(100), money(100, 'EUR'), usd(0)])
      expect(codeOf(() => newRefund(built, [], request(amount), null, NOW + HOUR))).toBe(
        'InvalidChargeStatus',
      );
  });

  it.each<
    [name: string, amount: Money, softDescriptor: string | null, result: ErrorCode | 'no error']
  >([
    ['a part of the capture', usd(500), null, 'no error'],
    ['the whole capture', usd(1400), null, 'no error'],
    ['another currency', money(500, 'EUR'), null, 'CurrencyMismatch'],
    ['nothing', usd(0), null, 'InvalidParameterValue'],
    ['a 16-character softDescriptor', usd(500), 'x'.repeat(16), 'no error'],
    ['a 17-character softDescriptor', usd(500), 'x'.repeat(17), 'InvalidParameterValue'],
  ])('a Captured charge of 14.00 USD: %s → %s', (_name, amount, softDescriptor, result) => {
    const charge = captured(usd(1400));
    expect(
      codeOf(() => newRefund(charge, [], request(amount, softDescriptor), null, NOW + HOUR)),
    ).toBe(result);
  });

  it('a charge captured later can be refunded up to what was captured, not what was authorized', () => {
    const authorized = authorizeNewCharge(
      savedWallet('NA'),
      chargeInput(usd(10_000), false),
      APPROVED,
      NOW,
    );
    const charge = captureCharge(
      authorized,
      { captureAmount: usd(5000), softDescriptor: null },
      APPROVED,
      NOW + 1,
    );
    expect(codeOf(() => newRefund(charge, [], request(usd(5750)), null, NOW + HOUR))).toBe(
      'no error',
    );
    expect(codeOf(() => newRefund(charge, [], request(usd(5751)), null, NOW + HOUR))).toBe(
      'TransactionAmountExceeded',
    );
  });

  describe('at most ten refunds per charge, declined ones not counted', () => {
    const ten = (state: RefundState): [Money, RefundState][] =>
      Array.from({ length: 10 }, () => [usd(100), state]);

    it.each<[name: string, earlier: [Money, RefundState][], result: ErrorCode | 'no error']>([
      ['no refund yet', [], 'no error'],
      ['nine Refunded', ten('Refunded').slice(1), 'no error'],
      ['ten Refunded', ten('Refunded'), 'TransactionCountExceeded'],
      ['ten still pending', ten('RefundInitiated'), 'TransactionCountExceeded'],
      [
        'five Refunded and five pending',
        [...ten('Refunded').slice(5), ...ten('RefundInitiated').slice(5)],
        'TransactionCountExceeded',
      ],
      [
        'nine Refunded and one Declined',
        [...ten('Refunded').slice(1), [usd(100), 'Declined']],
        'no error',
      ],
      ['ten Declined', ten('Declined'), 'no error'],
      [
        'three Declined and nine Refunded',
        [...ten('Declined').slice(7), ...ten('Refunded').slice(1)],
        'no error',
      ],
      [
        'three Declined and ten Refunded',
        [...ten('Declined').slice(7), ...ten('Refunded')],
        'TransactionCountExceeded',
      ],
    ])('%s → %s', (_name, earlier, result) => {
      const charge = captured(usd(10_000));
      const refunds = history(charge, earlier);
      expect(codeOf(() => newRefund(charge, refunds, request(usd(100)), null, NOW + HOUR))).toBe(
        result,
      );
    });
  });

  describe('over-refund boundary (spec §7.2: captured + 15 % or 75, whichever is less)', () => {
    type Row = [
      name: string,
      capture: Money,
      earlier: [Money, RefundState][],
      amount: Money,
      result: ErrorCode | 'no error',
    ];
    it.each<Row>([
      ['100.00 USD: 115.00 at once', usd(10_000), [], usd(11_500), 'no error'],
      ['100.00 USD: 115.01 at once', usd(10_000), [], usd(11_501), 'TransactionAmountExceeded'],
      [
        '100.00 USD: 15.00 after 100.00 refunded',
        usd(10_000),
        [[usd(10_000), 'Refunded']],
        usd(1500),
        'no error',
      ],
      [
        '100.00 USD: 15.01 after 100.00 refunded',
        usd(10_000),
        [[usd(10_000), 'Refunded']],
        usd(1501),
        'TransactionAmountExceeded',
      ],
      [
        '100.00 USD: pending refunds count',
        usd(10_000),
        [
          [usd(5000), 'RefundInitiated'],
          [usd(5000), 'Refunded'],
        ],
        usd(1501),
        'TransactionAmountExceeded',
      ],
      [
        '100.00 USD: declined refunds do not count',
        usd(10_000),
        [[usd(11_500), 'Declined']],
        usd(11_500),
        'no error',
      ],
      ['1000.00 USD: 1075.00 at once', usd(100_000), [], usd(107_500), 'no error'],
      ['1000.00 USD: 1075.01 at once', usd(100_000), [], usd(107_501), 'TransactionAmountExceeded'],
      [
        '1000.00 USD: 75.00 after 1000.00 refunded',
        usd(100_000),
        [[usd(100_000), 'Refunded']],
        usd(7500),
        'no error',
      ],
      [
        '1000.00 USD: 75.01 after 1000.00 refunded',
        usd(100_000),
        [[usd(100_000), 'Refunded']],
        usd(7501),
        'TransactionAmountExceeded',
      ],
      ['100 JPY: 115 at once', jpy(100), [], jpy(115), 'no error'],
      ['100 JPY: 116 at once', jpy(100), [], jpy(116), 'TransactionAmountExceeded'],
      ['400 JPY: 460 at once', jpy(400), [], jpy(460), 'no error'],
      ['400 JPY: 461 at once', jpy(400), [], jpy(461), 'TransactionAmountExceeded'],
    ])('%s → %s', (_name, capture, earlier, amount, result) => {
      const charge = captured(capture);
      const refunds = history(charge, earlier);
      expect(codeOf(() => newRefund(charge, refunds, request(amount), null, NOW + HOUR))).toBe(
        result,
      );
    });

    it('says how much may be refunded in total', () => {
      const charge = captured(usd(10_000));
      expect(() => newRefund(charge, [], request(usd(11_501)), null, NOW)).toThrow('115.00 USD');
    });

    // In JPY the over-refund cap is 8,400 yen, not 75 (amazon-pay-v1.md §2.8, §3.6): with 10,000
    // JPY captured the maximum is 10,000 + min(1,500, 8,400) = 11,500 JPY.
    it.each<[capture: Money, amount: Money]>([
      [jpy(10_000), jpy(11_500)],
      [jpy(1_000), jpy(1_150)],
      [jpy(100_000), jpy(108_400)],
    ])('%j captured may be refunded up to %j (JPY cap 8,400)', (capture, amount) => {
      const charge = captured(capture);
      expect(codeOf(() => newRefund(charge, [], request(amount), null, NOW + HOUR))).toBe(
        'no error',
      );
    });
  });
});

describe('settleRefund', () => {
  const pending = (simulation: SimulationCode<'createRefund'> | null = null): Refund => {
    const charge = captured(usd(1400));
    return newRefund(charge, [], request(usd(500)), simulation, NOW);
  };
  const DUE = NOW + REFUND_PROCESSING_TIME;

  it.each<[name: string, at: number, state: RefundState]>([
    ['a millisecond early', DUE - 1, 'RefundInitiated'],
    ['when due', DUE, 'Refunded'],
    ['a day later', DUE + DAY, 'Refunded'],
  ])('%s → %s', (_name, at, state) => {
    expect(settleRefund(pending(), at).state).toBe(state);
  });

  it('leaves a refund that is not due as it was', () => {
    const refund = pending();
    expect(settleRefund(refund, DUE - 1)).toBe(refund);
  });

  it('completes, dated when it was due rather than when the timer ran', () => {
    const settled = settleRefund(pending(), DUE + DAY);
    expect(settled).toMatchObject({
      state: 'Refunded',
      reasonCode: null,
      reasonDescription: null,
      resolvesAt: null,
      lastUpdatedAt: DUE,
    });
    expect(refundDueAt(settled)).toBeNull();
  });

  it.each(['AmazonRejected', 'ProcessingFailure'] as const)(
    'a simulated %s declines the refund when due',
    (reason) => {
      const refund = pending(reason);
      expect(refund).toMatchObject({ state: 'RefundInitiated', resolution: reason });
      expect(settleRefund(refund, DUE + HOUR)).toMatchObject({
        state: 'Declined',
        reasonCode: reason,
        reasonDescription: expect.stringMatching(/refund/i) as unknown,
        resolvesAt: null,
        lastUpdatedAt: DUE,
      });
    },
  );

  /** Every (state, timer) pair: settled refunds never change again. */
  const FIXTURES = {
    'RefundInitiated (to be Refunded)': () => pending(),
    'RefundInitiated (to be Declined)': () => pending('AmazonRejected'),
    Refunded: () => settleRefund(pending(), DUE),
    Declined: () => settleRefund(pending('ProcessingFailure'), DUE),
  } as const satisfies Record<string, () => Refund>;
  const EXPECTED: Record<
    keyof typeof FIXTURES,
    readonly [early: string, due: string, late: string]
  > = {
    'RefundInitiated (to be Refunded)': ['unchanged', 'Refunded', 'Refunded'],
    'RefundInitiated (to be Declined)': [
      'unchanged',
      'Declined/AmazonRejected',
      'Declined/AmazonRejected',
    ],
    Refunded: ['unchanged', 'unchanged', 'unchanged'],
    Declined: ['unchanged', 'unchanged', 'unchanged'],
  };
  const TIMES = [DUE - 1, DUE, DUE + 365 * DAY] as const;

  it.each(
    (Object.keys(FIXTURES) as (keyof typeof FIXTURES)[]).flatMap((fixture) =>
      TIMES.map((at, i) => [fixture, at - NOW, EXPECTED[fixture][i]!] as const),
    ),
  )('%s, settled %i ms after creation → %s', (fixture, offset, expected) => {
    const before = FIXTURES[fixture]();
    const after = settleRefund(before, NOW + offset);
    const shown =
      after === before
        ? 'unchanged'
        : after.reasonCode
          ? `${after.state}/${after.reasonCode}`
          : after.state;
    expect(shown).toBe(expected);
    if (after.state !== before.state)
      expect(REFUND_TRANSITIONS[before.state]).toContain(after.state);
  });
});
