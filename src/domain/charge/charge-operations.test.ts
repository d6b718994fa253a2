import { describe, expect, it } from 'vitest';
import type { ChargePermission } from '../charge-permission/charge-permission.js';
import { openChargePermission } from '../charge-permission/charge-permission-operations.js';
import { processCheckout } from '../checkout-session/checkout-processing.js';
import {
  associateBuyer,
  newCheckoutSession,
} from '../checkout-session/checkout-session-operations.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { EMPTY_MERCHANT_METADATA } from '../shared/merchant-metadata.js';
import { money } from '../shared/money.js';
import { DAY } from '../shared/time.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import { CHARGE_STATES, type Charge, type ChargeState } from './charge.js';
import { CHARGE_TRANSITIONS } from './charge-lifecycle.js';
import {
  AUTHORIZATION_LIFETIME,
  authorizedCharge,
  cancelCharge,
  expireCharge,
  isCancelable,
  type NewChargeInput,
} from './charge-operations.js';

const NOW = Date.UTC(2024, 0, 15, 12);
const USD_14 = money(1400, 'USD');

/** The OneTime permission a completed checkout for 14.00 USD opens. */
function chargePermission(): ChargePermission {
  const open = newCheckoutSession(
    {
      storeId: 'amzn1.application-oa2-client.test',
      webCheckoutDetails: { checkoutResultReturnUrl: 'https://shop.example/result' },
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: USD_14 },
    },
    { id: 'cs-1', merchantId: 'AMERCHANT0001', environment: 'Sandbox', region: 'NA', now: NOW },
  );
  const buyer = defaultTestBuyer('NA', 'amzn1.account.TESTBUYER');
  const associated = associateBuyer(
    open,
    {
      buyer: buyer.details,
      shippingAddress: buyer.addresses[0] ?? null,
      billingAddress: null,
      paymentInstrument: buyer.instruments[0]!,
    },
    NOW,
  );
  return openChargePermission(processCheckout(associated, NOW), 'S01-1234567-1234567', NOW);
}

const INPUT: NewChargeInput = {
  id: 'S01-1234567-1234567-C000001',
  chargeAmount: USD_14,
  captureNow: false,
  softDescriptor: 'MYSHOP',
  canHandlePendingAuthorization: false,
};

const authorized = (input: Partial<NewChargeInput> = {}): Charge =>
  authorizedCharge(chargePermission(), { ...INPUT, ...input }, NOW);

/**
 * A charge in any state. Only Authorized and Captured have a domain constructor so far; the other
 * states are the authorized charge with its state replaced, as the charges lifecycle will store it.
 */
function chargeIn(state: ChargeState): Charge {
  if (state === 'Captured') return authorized({ captureNow: true });
  return { ...authorized(), state };
}

function errorCodeOf(fn: () => unknown): ErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('authorizedCharge', () => {
  it('is Authorized, not yet captured, expiring 30 days after creation', () => {
    expect(AUTHORIZATION_LIFETIME).toBe(30 * DAY);
    expect(authorized()).toMatchObject({
      id: INPUT.id,
      chargePermissionId: 'S01-1234567-1234567',
      merchantId: 'AMERCHANT0001',
      environment: 'Sandbox',
      region: 'NA',
      state: 'Authorized',
      chargeAmount: USD_14,
      captureAmount: null,
      refundedAmount: null,
      softDescriptor: null, // only sent to the processor with a capture
      captureNow: false,
      reasonCode: null,
      merchantMetadata: EMPTY_MERCHANT_METADATA,
      providerReferenceId: null,
      platformId: null,
      chargeInitiator: null,
      channel: null,
      webCheckoutDetails: null,
      createdAt: NOW,
      lastUpdatedAt: NOW,
      authorizedAt: NOW,
      expiresAt: NOW + 30 * DAY,
    });
  });

  it('with captureNow is Captured for the whole amount, nothing refunded yet', () => {
    expect(authorized({ captureNow: true })).toMatchObject({
      state: 'Captured',
      captureAmount: USD_14,
      refundedAmount: money(0, 'USD'),
      softDescriptor: 'MYSHOP',
      captureNow: true,
      expiresAt: NOW + 30 * DAY,
    });
  });

  it('keeps the optional request fields', () => {
    const charge = authorized({
      merchantMetadata: { ...EMPTY_MERCHANT_METADATA, merchantReferenceId: 'order-42' },
      providerReferenceId: 'PROVIDER',
      platformId: 'PLATFORM',
      chargeInitiator: 'MITU',
      channel: 'Web',
      canHandlePendingAuthorization: true,
    });
    expect(charge).toMatchObject({
      merchantMetadata: { merchantReferenceId: 'order-42' },
      providerReferenceId: 'PROVIDER',
      platformId: 'PLATFORM',
      chargeInitiator: 'MITU',
      channel: 'Web',
      canHandlePendingAuthorization: true,
    });
  });
});

describe('expireCharge', () => {
  it.each<[name: string, at: number, state: ChargeState]>([
    ['a millisecond before 30 days', NOW + 30 * DAY - 1, 'Authorized'],
    ['at 30 days', NOW + 30 * DAY, 'Canceled'],
    ['long after 30 days', NOW + 90 * DAY, 'Canceled'],
  ])('an Authorized charge %s → %s', (_name, at, state) => {
    expect(expireCharge(authorized(), at).state).toBe(state);
  });

  it('cancels as ExpiredUnused, dated at the expiry', () => {
    expect(expireCharge(authorized(), NOW + 40 * DAY)).toMatchObject({
      state: 'Canceled',
      reasonCode: 'ExpiredUnused',
      lastUpdatedAt: NOW + 30 * DAY,
    });
  });

  it.each(CHARGE_STATES.filter((state) => state !== 'Authorized'))(
    'leaves a %s charge as it was',
    (state) => {
      const charge = chargeIn(state);
      expect(expireCharge(charge, NOW + 365 * DAY)).toBe(charge);
    },
  );
});

describe('cancelCharge', () => {
  const CANCELABLE: Record<ChargeState, boolean> = {
    ActionRequired: true,
    AuthorizationInitiated: true,
    Authorized: true,
    CaptureInitiated: false,
    Captured: false,
    Canceled: false,
    Declined: false,
  };

  it.each(CHARGE_STATES.map((state) => [state, CANCELABLE[state]] as const))(
    '%s: cancelable %s',
    (state, cancelable) => {
      const charge = chargeIn(state);
      expect(isCancelable(charge)).toBe(cancelable);
      const outcome = errorCodeOf(() =>
        cancelCharge(charge, 'MerchantCanceled', 'Out of stock', NOW + 1),
      );
      expect(outcome).toBe(cancelable ? 'no error' : 'InvalidChargeStatus');
      // the table must agree: whatever cancels here may move to Canceled there
      expect((CHARGE_TRANSITIONS[state] as readonly ChargeState[]).includes('Canceled')).toBe(
        cancelable,
      );
    },
  );

  it.each([
    'MerchantCanceled',
    'ChargePermissionCanceled',
    'BuyerCanceled',
    'AmazonCanceled',
  ] as const)('records the reason %s', (reason) => {
    expect(cancelCharge(authorized(), reason, 'why', NOW + 1)).toMatchObject({
      state: 'Canceled',
      reasonCode: reason,
      reasonDescription: 'why',
      lastUpdatedAt: NOW + 1,
    });
  });

  it('allows no description', () => {
    expect(cancelCharge(authorized(), 'MerchantCanceled', null, NOW).reasonDescription).toBeNull();
  });
});
