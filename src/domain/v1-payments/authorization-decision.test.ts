import { describe, expect, it } from 'vitest';
import type { PaymentInstrument } from '../shared/buyer.js';
import { decideV1Authorization, decideV1Capture } from './authorization-decision.js';

const card = (cardEnding: string): PaymentInstrument => ({
  instrumentId: `card-${cardEnding}`,
  brand: 'Visa',
  cardEnding,
  descriptor: 'Visa',
});
const decide = (cardEnding: string, synchronous = true, authenticated = true) =>
  decideV1Authorization({
    instrument: card(cardEnding),
    simulation: null,
    synchronous,
    captureNow: false,
    authenticated,
  }).final;

describe('decideV1Authorization: the v2 test cards plus the v1 * cards (spec v1 §5)', () => {
  it.each([
    ['1111', true, { kind: 'Open' }],
    ['5656', true, { kind: 'Declined', reason: 'TransactionTimedOut', softDecline: true }],
    ['2323', true, { kind: 'Declined', reason: 'AmazonRejected', softDecline: false }],
    ['4545', true, { kind: 'Declined', reason: 'InvalidPaymentMethod', softDecline: false }],
    ['3434', true, { kind: 'Declined', reason: 'InvalidPaymentMethod', softDecline: false }],
    // the v2 pending cards: synchronous authorizations cannot wait for them
    ['0701', true, { kind: 'Declined', reason: 'TransactionTimedOut', softDecline: true }],
    ['0701', false, { kind: 'Open' }],
    ['4354', false, { kind: 'Declined', reason: 'InvalidPaymentMethod', softDecline: false }],
  ])('card %s (synchronous %s) → %j', (ending, synchronous, expected) => {
    expect(decide(ending, synchronous)).toEqual(expected);
  });

  it('declines a payment whose SCA challenge was not passed (seed 000), whatever the card', () => {
    const decision = decideV1Authorization({
      instrument: card('1111'),
      simulation: null,
      synchronous: true,
      captureNow: false,
      authenticated: false,
    });
    expect(decision).toMatchObject({
      final: { kind: 'Declined', reason: 'InvalidPaymentMethod', softDecline: true },
      authenticationMissing: true,
    });
  });

  it('a simulation wins over the card', () => {
    const decision = decideV1Authorization({
      instrument: card('1111'),
      simulation: {
        kind: 'Declined',
        reasonCode: 'InvalidPaymentMethod',
        softDecline: false,
        paymentMethodUpdateTimeInMins: 5,
      },
      synchronous: true,
      captureNow: false,
      authenticated: true,
    });
    expect(decision).toEqual({
      final: { kind: 'Declined', reason: 'InvalidPaymentMethod', softDecline: false },
      closeUnusedAfterMinutes: null,
      resumeAfterMinutes: 5,
    });
  });

  it('captures: completed, pending, declined, closed', () => {
    expect(decideV1Capture(null)).toEqual({ final: { kind: 'Completed' }, pending: false });
    expect(decideV1Capture({ kind: 'Pending' })).toEqual({
      final: { kind: 'Completed' },
      pending: true,
    });
    expect(decideV1Capture({ kind: 'Declined', reasonCode: 'AmazonRejected' })).toEqual({
      final: { kind: 'Declined', reason: 'AmazonRejected' },
      pending: false,
    });
    expect(decideV1Capture({ kind: 'AmazonClosed' })).toEqual({
      final: { kind: 'AmazonClosed' },
      pending: false,
    });
  });
});
