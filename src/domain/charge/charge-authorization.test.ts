import { describe, expect, it } from 'vitest';
import { describeInstrument, type PaymentInstrument } from '../shared/buyer.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import {
  INSTRUMENT_BEHAVIOURS,
  TEST_CARDS,
  testCardInstrument,
} from '../simulation/payment-instruments.js';
import { SIMULATION_CODES, type SimulationCode } from '../simulation/simulation-codes.js';
import type { AuthorizationOutcome, DeclineReason } from './charge.js';
import { decideAuthorization, decideCapture } from './charge-authorization.js';

/** An outcome in one word: `Approved`, `Approved/async`, `Declined/<reason>`, `Pending/<resolution>`. */
type Shown =
  | 'Approved'
  | 'Approved/async'
  | `Declined/${DeclineReason}`
  | `Pending/${'Succeeded' | DeclineReason}`;
const show = (outcome: AuthorizationOutcome): Shown => {
  switch (outcome.kind) {
    case 'Approved':
      return outcome.captureAsync ? 'Approved/async' : 'Approved';
    case 'Declined':
      return `Declined/${outcome.reason}`;
    case 'Pending':
      return `Pending/${outcome.resolution}`;
  }
};

function decide(...args: Parameters<typeof decideAuthorization>): Shown | ErrorCode {
  try {
    return show(decideAuthorization(...args));
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

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
const VISA_1111 = instrumentEnding('1111');

/** The four request shapes, in the order of the columns below. */
const SHAPES = [
  { canHandlePendingAuthorization: false, captureNow: false },
  { canHandlePendingAuthorization: false, captureNow: true },
  { canHandlePendingAuthorization: true, captureNow: false },
  { canHandlePendingAuthorization: true, captureNow: true },
] as const;
type Row = readonly [Shown | ErrorCode, Shown | ErrorCode, Shown | ErrorCode, Shown | ErrorCode];

const IPC = 'InvalidParameterCombination';
const all = (shown: Shown): Row => [shown, shown, shown, shown];
/** Pending outcomes need canHandlePendingAuthorization (spec §10.1). */
const pendingOnly = (shown: Shown): Row => [IPC, IPC, shown, shown];

describe('decideAuthorization: every simulation code (a working card)', () => {
  //                                 pending: no, no;  yes, yes
  //                              captureNow: no, yes; no,  yes
  const EXPECTED: Record<SimulationCode<'createCharge'> | 'none', Row> = {
    none: all('Approved'),
    SoftDeclined: all('Declined/SoftDeclined'),
    HardDeclined: all('Declined/HardDeclined'),
    AmazonRejected: all('Declined/AmazonRejected'),
    ProcessingFailure: all('Declined/ProcessingFailure'),
    TransactionTimedOut: all('Declined/TransactionTimedOut'),
    AuthorizationInitiated: pendingOnly('Pending/Succeeded'),
    PendingSoftDeclined: pendingOnly('Pending/SoftDeclined'),
    PendingHardDeclined: pendingOnly('Pending/HardDeclined'),
    PendingAmazonRejected: pendingOnly('Pending/AmazonRejected'),
    PendingProcessingFailure: pendingOnly('Pending/ProcessingFailure'),
    PendingTransactionTimedOut: pendingOnly('Pending/TransactionTimedOut'),
    // an asynchronous capture needs a capture
    CaptureInitiated: [IPC, 'Approved/async', IPC, 'Approved/async'],
    // these only steer the SCA decision; the card decides the authorization
    BuyerActionRequired: all('Approved'),
    BuyerActionNotRequired: all('Approved'),
  };

  it('has a row for every createCharge simulation code', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(['none', ...SIMULATION_CODES.createCharge].sort());
  });

  const cases = (Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]).flatMap((code) =>
    SHAPES.map(
      (shape, i) =>
        [code, shape.canHandlePendingAuthorization, shape.captureNow, EXPECTED[code][i]!] as const,
    ),
  );

  it.each(cases)(
    '%s, canHandlePendingAuthorization %s, captureNow %s → %s',
    (code, pending, captureNow, expected) => {
      expect(
        decide({
          instrument: VISA_1111,
          simulation: code === 'none' ? null : code,
          canHandlePendingAuthorization: pending,
          captureNow,
        }),
      ).toBe(expected);
    },
  );

  it('explains what is missing', () => {
    expect(() =>
      decideAuthorization({
        instrument: VISA_1111,
        simulation: 'PendingHardDeclined',
        canHandlePendingAuthorization: false,
        captureNow: false,
      }),
    ).toThrow('canHandlePendingAuthorization');
    expect(() =>
      decideAuthorization({
        instrument: VISA_1111,
        simulation: 'CaptureInitiated',
        canHandlePendingAuthorization: false,
        captureNow: false,
      }),
    ).toThrow('captureNow');
  });
});

describe('decideAuthorization: every test card (no simulation, spec §9.1)', () => {
  const BY_ENDING: Record<string, Row> = {
    '1111': all('Approved'),
    '4444': all('Approved'),
    '0005': all('Approved'),
    '9424': all('Approved'),
    '0000': all('Approved'),
    // the buyer-cancel card only matters on the hosted checkout page
    '3064': all('Approved'),
    '3434': all('Declined/HardDeclined'),
    // without pending handling the issuer cannot answer in time
    '0701': [
      'Declined/TransactionTimedOut',
      'Declined/TransactionTimedOut',
      'Pending/Succeeded',
      'Pending/Succeeded',
    ],
    '4354': [
      'Declined/HardDeclined',
      'Declined/HardDeclined',
      'Pending/HardDeclined',
      'Pending/HardDeclined',
    ],
    // a card the merchant added behaves like a working card
    '9999': all('Approved'),
  };

  it('covers every test card and every behaviour', () => {
    for (const card of TEST_CARDS) expect(Object.keys(BY_ENDING)).toContain(card.cardEnding);
    expect(new Set(TEST_CARDS.map((card) => card.behaviour))).toEqual(
      new Set(INSTRUMENT_BEHAVIOURS),
    );
  });

  const cases = Object.keys(BY_ENDING).flatMap((ending) =>
    SHAPES.map(
      (shape, i) =>
        [
          ending,
          shape.canHandlePendingAuthorization,
          shape.captureNow,
          BY_ENDING[ending]![i]!,
        ] as const,
    ),
  );

  it.each(cases)(
    'card …%s, canHandlePendingAuthorization %s, captureNow %s → %s',
    (ending, pending, captureNow, expected) => {
      expect(
        decide({
          instrument: instrumentEnding(ending),
          simulation: null,
          canHandlePendingAuthorization: pending,
          captureNow,
        }),
      ).toBe(expected);
    },
  );

  it.each(SHAPES)('no payment instrument at all is approved (%j)', (shape) => {
    expect(decide({ instrument: null, simulation: null, ...shape })).toBe('Approved');
  });
});

describe('decideAuthorization: a simulation code wins over the card (spec §9.2)', () => {
  it.each<[ending: string, code: SimulationCode<'createCharge'>, expected: Shown]>([
    ['3434', 'AuthorizationInitiated', 'Pending/Succeeded'],
    ['3434', 'CaptureInitiated', 'Approved/async'],
    ['0701', 'SoftDeclined', 'Declined/SoftDeclined'],
    ['4354', 'PendingProcessingFailure', 'Pending/ProcessingFailure'],
    ['1111', 'AmazonRejected', 'Declined/AmazonRejected'],
    // codes about the challenge leave the authorization to the card
    ['3434', 'BuyerActionRequired', 'Declined/HardDeclined'],
    ['0701', 'BuyerActionNotRequired', 'Pending/Succeeded'],
  ])('card …%s with %s → %s', (ending, code, expected) => {
    expect(
      decide({
        instrument: instrumentEnding(ending),
        simulation: code,
        canHandlePendingAuthorization: true,
        captureNow: true,
      }),
    ).toBe(expected);
  });
});

describe('decideCapture', () => {
  const EXPECTED: Record<SimulationCode<'captureCharge'> | 'none', Shown> = {
    none: 'Approved',
    DisputeOpened: 'Approved',
    CaptureInitiated: 'Approved/async',
    SoftDeclined: 'Declined/SoftDeclined',
    HardDeclined: 'Declined/HardDeclined',
    AmazonRejected: 'Declined/AmazonRejected',
    ProcessingFailure: 'Declined/ProcessingFailure',
    PendingSoftDeclined: 'Pending/SoftDeclined',
    PendingHardDeclined: 'Pending/HardDeclined',
    PendingAmazonRejected: 'Pending/AmazonRejected',
    PendingProcessingFailure: 'Pending/ProcessingFailure',
  };

  it('has a row for every captureCharge simulation code', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(
      ['none', ...SIMULATION_CODES.captureCharge].sort(),
    );
  });

  it.each(Object.entries(EXPECTED) as [SimulationCode<'captureCharge'> | 'none', Shown][])(
    '%s → %s',
    (code, expected) => {
      expect(show(decideCapture(code === 'none' ? null : code))).toBe(expected);
    },
  );
});
