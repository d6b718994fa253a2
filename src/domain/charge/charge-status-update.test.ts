import { describe, expect, it } from 'vitest';
import { openScannedPermission } from '../in-store/in-store-permission.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { EMPTY_MERCHANT_METADATA } from '../shared/merchant-metadata.js';
import { money } from '../shared/money.js';
import { testCardInstrument, TEST_CARDS } from '../simulation/payment-instruments.js';
import type { AuthorizationOutcome, Charge, ChargeState } from './charge.js';
import { authorizeNewCharge, cancelCharge } from './charge-operations.js';
import { updateChargeStatus, type ChargeStatusUpdate } from './charge-status-update.js';

const NOW = Date.UTC(2026, 10, 1, 12);
const card = TEST_CARDS[0];
if (card === undefined) throw new Error('no sandbox card');
const permission = openScannedPermission(
  {
    id: 'S01-1111111-1111111',
    merchantId: 'AMERCHANT00001',
    environment: 'Sandbox',
    region: 'NA',
    ledgerCurrency: 'USD',
    merchantCOE: 'US',
    chargeTotal: null,
    buyer: { buyerId: 'amzn1.account.B', name: 'Susie', email: 's@example.com', phoneNumber: null },
    instrument: testCardInstrument(card),
    merchantMetadata: EMPTY_MERCHANT_METADATA,
  },
  NOW,
);

const charge = (outcome: AuthorizationOutcome, captureNow = false): Charge =>
  authorizeNewCharge(
    permission,
    {
      id: 'S01-1111111-1111111-C000001',
      chargeAmount: money(1000, 'USD'),
      captureNow,
      softDescriptor: null,
      canHandlePendingAuthorization: true,
    },
    outcome,
    NOW,
  );

/** One charge in each state a PSP may find it in. */
const FIXTURES = {
  AuthorizationInitiated: () => charge({ kind: 'Pending', resolution: 'Succeeded' }),
  Authorized: () => charge({ kind: 'Approved', captureAsync: false }),
  Captured: () => charge({ kind: 'Approved', captureAsync: false }, true),
  Canceled: () =>
    cancelCharge(charge({ kind: 'Approved', captureAsync: false }), 'MerchantCanceled', null, NOW),
  Declined: () => charge({ kind: 'Declined', reason: 'SoftDeclined' }),
} as const satisfies Partial<Record<ChargeState, () => Charge>>;

const UPDATES = {
  authorize: { state: 'Authorized', reasonCode: null, reasonDescription: null },
  capture: { state: 'Captured', reasonCode: null, reasonDescription: null },
  expire: { state: 'Canceled', reasonCode: 'ExpiredUnused', reasonDescription: null },
  decline: { state: 'Declined', reasonCode: 'HardDeclined', reasonDescription: 'issuer' },
} as const satisfies Record<string, ChargeStatusUpdate>;

/** The whole table: the state reached, or the error. */
const EXPECTED: Record<
  keyof typeof FIXTURES,
  Record<keyof typeof UPDATES, ChargeState | ErrorCode>
> = {
  AuthorizationInitiated: {
    authorize: 'Authorized',
    capture: 'InvalidChargeStatus',
    expire: 'Canceled',
    decline: 'Declined',
  },
  Authorized: {
    authorize: 'InvalidChargeStatus',
    capture: 'Captured',
    expire: 'Canceled',
    decline: 'Declined',
  },
  Captured: {
    authorize: 'InvalidChargeStatus',
    capture: 'InvalidChargeStatus',
    expire: 'InvalidChargeStatus',
    decline: 'InvalidChargeStatus',
  },
  Canceled: {
    authorize: 'InvalidChargeStatus',
    capture: 'InvalidChargeStatus',
    expire: 'InvalidChargeStatus',
    decline: 'InvalidChargeStatus',
  },
  Declined: {
    authorize: 'InvalidChargeStatus',
    capture: 'InvalidChargeStatus',
    expire: 'InvalidChargeStatus',
    decline: 'InvalidChargeStatus',
  },
};

const outcomeOf = (run: () => Charge): ChargeState | ErrorCode => {
  try {
    return run().state;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe('Update Charge (payment service providers)', () => {
  const cases = Object.entries(EXPECTED).flatMap(([fixture, row]) =>
    Object.entries(row).map(([update, expected]) => [fixture, update, expected] as const),
  );
  it.each(cases)('%s + %s → %s', (fixture, update, expected) => {
    const before = FIXTURES[fixture as keyof typeof FIXTURES]();
    expect(before.state).toBe(fixture);
    const result = outcomeOf(() =>
      updateChargeStatus(before, UPDATES[update as keyof typeof UPDATES], NOW + 1000),
    );
    expect(result).toBe(expected);
  });

  it('keeps the reported reason and captures the full amount', () => {
    const expired = updateChargeStatus(FIXTURES.Authorized(), UPDATES.expire, NOW);
    expect(expired).toMatchObject({ reasonCode: 'ExpiredUnused' });
    const declined = updateChargeStatus(FIXTURES.Authorized(), UPDATES.decline, NOW);
    expect(declined).toMatchObject({ reasonCode: 'HardDeclined', reasonDescription: 'issuer' });
    const captured = updateChargeStatus(FIXTURES.Authorized(), UPDATES.capture, NOW);
    expect(captured.captureAmount).toEqual(money(1000, 'USD'));
  });

  it.each([
    [{ state: 'Canceled', reasonCode: null, reasonDescription: null }, 'MissingParameterValue'],
    [
      { state: 'Canceled', reasonCode: 'SoftDeclined', reasonDescription: null },
      'InvalidParameterValue',
    ],
    [
      { state: 'Declined', reasonCode: 'ExpiredUnused', reasonDescription: null },
      'InvalidParameterValue',
    ],
    [
      { state: 'Captured', reasonCode: 'ExpiredUnused', reasonDescription: null },
      'InvalidParameterValue',
    ],
    [{ state: 'Authorized', reasonCode: 'X', reasonDescription: null }, 'InvalidParameterValue'],
    [
      { state: 'Canceled', reasonCode: 'ExpiredUnused', reasonDescription: 'x'.repeat(256) },
      'InvalidParameterValue',
    ],
  ] as const)('rejects %j with %s', (update, code) => {
    expect(outcomeOf(() => updateChargeStatus(FIXTURES.Authorized(), update, NOW))).toBe(code);
  });
});
