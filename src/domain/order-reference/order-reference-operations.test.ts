import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { money } from '../shared/money.js';
import { DAY, HOUR, MINUTE } from '../shared/time.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import {
  applyAuthorizationDecline,
  cancelOrderReference,
  checkCaptureFits,
  confirmOrderReference,
  constraintsOf,
  newOrderReference,
  recordCapture,
  selectAddress,
  selectPaymentMethod,
  setOrderAttributes,
  setOrderReferenceDetails,
  settleOrderReferenceTimers,
} from './order-reference-operations.js';
import type { OrderReference } from './order-reference.js';

const NOW = Date.UTC(2025, 2, 1, 12);
const buyer = defaultTestBuyer('EU', 'amzn1.account.BUYER');
const card = (ending: string) => ({
  ...buyer.instruments[0]!,
  instrumentId: `card-${ending}`,
  cardEnding: ending,
});
const eur = (minor: number) => money(minor, 'EUR');
const NO_URLS = {
  successUrl: null,
  failureUrl: null,
  authorizationAmount: null,
  expectImmediateAuthorization: false,
};

function codeOf(fn: () => unknown): ErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const draft = (): OrderReference =>
  newOrderReference(
    {
      id: 'S02-1234567-1234567',
      merchantId: 'AMERCHANT00001',
      environment: 'Sandbox',
      region: 'EU',
      buyer: buyer.details,
    },
    NOW,
  );

function ready(cardEnding = '1111'): OrderReference {
  let oro = setOrderReferenceDetails(draft(), { orderTotal: eur(10_000) }, NOW);
  oro = selectAddress(oro, buyer.addresses[0]!, NOW);
  return selectPaymentMethod(oro, card(cardEnding), null, NOW);
}

const open = (cardEnding = '1111') =>
  confirmOrderReference(ready(cardEnding), NO_URLS, null, false, NOW + 1);

describe('order reference rules (spec v1 §2.6, §3.1)', () => {
  it('lists the constraints a Draft still has', () => {
    expect(constraintsOf(draft())).toEqual([
      'AmountNotSet',
      'ShippingAddressNotSet',
      'PaymentPlanNotSet',
    ]);
    expect(constraintsOf(ready())).toEqual([]);
    expect(constraintsOf(ready('4545'))).toEqual(['PaymentMethodNotAllowed']);
    const simulated = setOrderReferenceDetails(
      ready(),
      { sellerNote: '{"SandboxSimulation":{"Constraint":"PaymentMethodNotAllowed"}}' },
      NOW,
    );
    expect(constraintsOf(simulated)).toEqual(['PaymentMethodNotAllowed']);
  });

  it('confirms only without constraints (ConstraintsExist), then refuses SetOrderReferenceDetails', () => {
    expect(codeOf(() => confirmOrderReference(draft(), NO_URLS, null, false, NOW))).toBe(
      'ConstraintsExist',
    );
    const confirmed = open();
    expect(confirmed.state).toBe('Open');
    expect(codeOf(() => setOrderReferenceDetails(confirmed, { sellerNote: 'x' }, NOW))).toBe(
      'OrderReferenceNotModifiable',
    );
    expect(codeOf(() => setOrderAttributes(confirmed, { orderTotal: eur(1) }, NOW))).toBe(
      'OrderReferenceNotModifiable',
    );
    expect(setOrderAttributes(confirmed, { sellerNote: 'gift' }, NOW).sellerNote).toBe('gift');
  });

  it.each([
    ['InvalidPaymentMethod', 'Suspended', 'InvalidPaymentMethod'],
    ['AmazonRejected', 'Closed', 'AmazonClosed'],
    ['TransactionTimedOut', 'Open', null],
    ['ProcessingFailure', 'Open', null],
  ] as const)('a %s decline leaves it %s', (reason, state, reasonCode) => {
    const after = applyAuthorizationDecline(open(), reason, null, NOW + 2);
    expect([after.state, after.reasonCode]).toEqual([state, reasonCode]);
  });

  it('a Suspended order reference is confirmed again only after the buyer picked another card', () => {
    const suspended = applyAuthorizationDecline(open(), 'InvalidPaymentMethod', 5, NOW + 2);
    expect(codeOf(() => confirmOrderReference(suspended, NO_URLS, null, false, NOW + 3))).toBe(
      'PaymentMethodNotUpdated',
    );
    const updated = selectPaymentMethod(suspended, card('4444'), null, NOW + 3);
    expect(confirmOrderReference(updated, NO_URLS, null, false, NOW + 4).state).toBe('Open');
    expect(settleOrderReferenceTimers(suspended, NOW + 2 + 5 * MINUTE).state).toBe('Open');
  });

  it('cancels only while nothing is captured; captures close it at the total plus tolerance', () => {
    const captured = recordCapture(open(), eur(5_000), NOW + 2);
    expect(captured.state).toBe('Open');
    expect(codeOf(() => cancelOrderReference(captured, NOW + 3))).toBe('InvalidCancelAttempt');
    expect(recordCapture(captured, eur(6_500), NOW + 3)).toMatchObject({
      state: 'Closed',
      reasonCode: 'MaxAmountCharged',
    });
    expect(cancelOrderReference(open(), NOW + 3)).toMatchObject({
      state: 'Canceled',
      reasonCode: 'SellerCanceled',
    });
  });

  it('timers: Stale after 3 hours in Draft, Expired after 180 days, ExpectImmediateAuthorization after 60 minutes', () => {
    expect(settleOrderReferenceTimers(draft(), NOW + 3 * HOUR)).toMatchObject({
      state: 'Canceled',
      reasonCode: 'Stale',
    });
    expect(settleOrderReferenceTimers(draft(), NOW + 3 * HOUR - 1).state).toBe('Draft');
    expect(settleOrderReferenceTimers(open(), NOW + 180 * DAY)).toMatchObject({
      state: 'Closed',
      reasonCode: 'Expired',
    });
    const immediate = confirmOrderReference(
      ready(),
      { ...NO_URLS, expectImmediateAuthorization: true },
      null,
      false,
      NOW,
    );
    expect(settleOrderReferenceTimers(immediate, NOW + 60 * MINUTE)).toMatchObject({
      state: 'Closed',
      reasonCode: 'AmazonClosed',
    });
  });
});

describe('captures against the order total (issue 10: no amount skips the check)', () => {
  const open = (): OrderReference => confirmOrderReference(ready(), NO_URLS, null, false, NOW);

  it.each<[name: string, amount: ReturnType<typeof money>, result: ErrorCode | 'no error']>([
    ['within the total', eur(10_000), 'no error'],
    ['up to the tolerance', eur(11_500), 'no error'],
    ['past the tolerance', eur(11_501), 'TransactionAmountExceeded'],
    ['in another currency', money(100, 'USD'), 'CurrencyMismatch'],
  ])('%s → %s', (_name, amount, result) => {
    expect(codeOf(() => checkCaptureFits(open(), amount))).toBe(result);
  });

  it('refuses to record a capture in another currency than those before it', () => {
    const captured = recordCapture(open(), eur(1_000), NOW);
    expect(codeOf(() => recordCapture(captured, money(1_000, 'GBP'), NOW))).toBe(
      'CurrencyMismatch',
    );
  });

  it('answers OrderReferenceNotModifiable, not a currency error, for a new total once Open', () => {
    expect(
      codeOf(() => setOrderAttributes(open(), { orderTotal: money(10_000, 'USD') }, NOW)),
    ).toBe('OrderReferenceNotModifiable');
  });
});
