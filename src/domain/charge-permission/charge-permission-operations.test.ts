import { describe, expect, it } from 'vitest';
import { processCheckout } from '../checkout-session/checkout-processing.js';
import type {
  ChargePermissionType,
  CheckoutSession,
} from '../checkout-session/checkout-session.js';
import {
  associateBuyer,
  newCheckoutSession,
  type CreateCheckoutSessionInput,
} from '../checkout-session/checkout-session-operations.js';
import type { Region } from '../shared/environment.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import type { MerchantMetadataPatch } from '../shared/merchant-metadata.js';
import { money, type CurrencyCode, type Money } from '../shared/money.js';
import { DAY } from '../shared/time.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import type { ChargePermission } from './charge-permission.js';
import {
  closeByBuyer,
  closeChargePermission,
  expireChargePermission,
  MAX_CLOSURE_REASON,
  ONE_TIME_LIFETIME,
  openChargePermission,
  updateChargePermission,
} from './charge-permission-operations.js';
import { reserveCharge } from './charge-permission-charging.js';

/** Jan 31 at noon, so 13 months later is clamped to Feb 28 (2025 is no leap year). */
const NOW = Date.UTC(2024, 0, 31, 12);
const THIRTEEN_MONTHS_LATER = Date.UTC(2025, 1, 28, 12);
const USD_14 = money(1400, 'USD');
const RESULT_URL = 'https://shop.example/result';

const ONE_TIME: CreateCheckoutSessionInput = {
  storeId: 'amzn1.application-oa2-client.test',
  webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
  paymentDetails: { paymentIntent: 'Authorize', chargeAmount: USD_14 },
  merchantMetadata: { merchantReferenceId: 'order-42' },
};

const RECURRING: CreateCheckoutSessionInput = {
  ...ONE_TIME,
  chargePermissionType: 'Recurring',
  recurringMetadata: { frequency: { unit: 'Month', value: '1' }, amount: USD_14 },
};

const SAVED_WALLET: CreateCheckoutSessionInput = {
  ...ONE_TIME,
  chargePermissionType: 'PaymentMethodOnFile',
};

const SETUP_ONLY: CreateCheckoutSessionInput = {
  storeId: 'amzn1.application-oa2-client.test',
  webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
  paymentDetails: { paymentIntent: 'Confirm' },
  chargePermissionType: 'PaymentMethodOnFile',
  paymentMethodOnFileMetadata: { setupOnly: true },
};

const INPUT_BY_TYPE = {
  OneTime: ONE_TIME,
  Recurring: RECURRING,
  PaymentMethodOnFile: SAVED_WALLET,
} as const satisfies Record<ChargePermissionType, CreateCheckoutSessionInput>;

/** A checkout session the buyer has completed on the hosted page. */
function processedSession(
  input: CreateCheckoutSessionInput,
  region: Region = 'NA',
): CheckoutSession {
  const open = newCheckoutSession(input, {
    id: 'cs-1',
    merchantId: 'AMERCHANT0001',
    environment: 'Sandbox',
    region,
    now: NOW - 60_000,
  });
  const buyer = defaultTestBuyer(region, 'amzn1.account.TESTBUYER');
  const associated = associateBuyer(
    open,
    {
      buyer: buyer.details,
      shippingAddress: buyer.addresses[0] ?? null,
      billingAddress: buyer.addresses[0] ?? null,
      paymentInstrument: buyer.instruments[0]!,
    },
    NOW - 30_000,
  );
  return processCheckout(associated, NOW - 10_000);
}

const permissionFor = (
  input: CreateCheckoutSessionInput,
  region: Region = 'NA',
): ChargePermission =>
  openChargePermission(processedSession(input, region), 'S01-1234567-1234567', NOW);

const closed = (permission: ChargePermission): ChargePermission =>
  closeChargePermission(permission, 'No more charges required', NOW);

function errorCodeOf(fn: () => unknown): ErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

it('uses the documented lifetimes and limits (spec §5.3, §7.1)', () => {
  expect(ONE_TIME_LIFETIME).toBe(180 * DAY);
  expect(MAX_CLOSURE_REASON).toBe(255);
});

describe('openChargePermission', () => {
  it('opens a Chargeable permission carrying the buyer and the session details', () => {
    const session = processedSession(ONE_TIME);
    const permission = openChargePermission(session, 'S01-1234567-1234567', NOW);
    expect(permission).toMatchObject({
      id: 'S01-1234567-1234567',
      merchantId: 'AMERCHANT0001',
      environment: 'Sandbox',
      region: 'NA',
      type: 'OneTime',
      state: 'Chargeable',
      reasons: null,
      buyer: session.buyer,
      shippingAddress: session.shippingAddress,
      billingAddress: session.billingAddress,
      paymentInstrument: session.paymentInstrument,
      merchantMetadata: session.merchantMetadata,
      checkoutSessionId: 'cs-1',
      presentmentCurrency: 'USD',
      createdAt: NOW,
      lastUpdatedAt: NOW,
    });
  });

  it.each<[name: string, input: CreateCheckoutSessionInput, expiresAt: number | null]>([
    ['OneTime: 180 days', ONE_TIME, NOW + 180 * DAY],
    [
      'OneTime with extendExpiration: 13 calendar months',
      { ...ONE_TIME, paymentDetails: { ...ONE_TIME.paymentDetails, extendExpiration: true } },
      THIRTEEN_MONTHS_LATER,
    ],
    ['Recurring: 13 calendar months', RECURRING, THIRTEEN_MONTHS_LATER],
    ['Saved Wallet: never', SAVED_WALLET, null],
    ['setup-only Saved Wallet: never', SETUP_ONLY, null],
  ])('expires %s', (_name, input, expiresAt) => {
    expect(permissionFor(input).expiresAt).toBe(expiresAt);
  });

  it.each<[name: string, input: CreateCheckoutSessionInput, limit: Money | null]>([
    ['OneTime: the charge amount', ONE_TIME, USD_14],
    [
      'OneTime with a totalOrderAmount: the order total',
      {
        ...ONE_TIME,
        paymentDetails: { ...ONE_TIME.paymentDetails, totalOrderAmount: money(5000, 'USD') },
      },
      money(5000, 'USD'),
    ],
    ['Recurring: none', RECURRING, null],
    ['Saved Wallet: none', SAVED_WALLET, null],
    ['setup-only Saved Wallet: none', SETUP_ONLY, null],
  ])('limits %s', (_name, input, limit) => {
    const { limits } = permissionFor(input);
    if (limit === null) expect(limits).toBeNull();
    else expect(limits).toEqual({ amountLimit: limit, amountCharged: money(0, limit.currency) });
  });

  it.each<[region: Region, currency: CurrencyCode]>([
    ['NA', 'USD'],
    ['EU', 'EUR'],
    ['UK', 'GBP'],
    ['JP', 'JPY'],
  ])(
    'falls back to the %s ledger currency %s when the session names no amount',
    (region, currency) => {
      expect(permissionFor(SETUP_ONLY, region).presentmentCurrency).toBe(currency);
    },
  );

  // Multi-currency needs an EUR or GBP ledger (Amazon Pay "Multi-currency integration").
  it('prefers the presentmentCurrency (a UK merchant charging in EUR)', () => {
    const input = {
      ...ONE_TIME,
      paymentDetails: {
        ...ONE_TIME.paymentDetails,
        chargeAmount: money(1400, 'EUR'),
        presentmentCurrency: 'EUR',
      },
    } as const;
    expect(permissionFor(input, 'UK').presentmentCurrency).toBe('EUR');
  });
});

describe('updateChargePermission', () => {
  type Case = [
    name: string,
    type: ChargePermissionType,
    close: boolean,
    patch: MerchantMetadataPatch | undefined,
    result: ErrorCode | 'no error',
  ];
  it.each<Case>([
    [
      'an open OneTime permission: any field',
      'OneTime',
      false,
      { merchantReferenceId: 'order-43' },
      'no error',
    ],
    [
      'an open Recurring permission: any field',
      'Recurring',
      false,
      { merchantReferenceId: 'order-43' },
      'no error',
    ],
    [
      'an open Saved Wallet: any field',
      'PaymentMethodOnFile',
      false,
      { noteToBuyer: null },
      'no error',
    ],
    [
      'a Closed OneTime permission: an empty field',
      'OneTime',
      true,
      { noteToBuyer: 'Thanks' },
      'no error',
    ],
    [
      'a Closed OneTime permission: several empty fields',
      'OneTime',
      true,
      { noteToBuyer: 'Thanks', customInformation: 'x', merchantStoreName: undefined },
      'no error',
    ],
    ['a Closed OneTime permission: no patch', 'OneTime', true, undefined, 'no error'],
    [
      'a Closed OneTime permission: a field already set',
      'OneTime',
      true,
      { merchantReferenceId: 'order-43' },
      'ChargePermissionNotModifiable',
    ],
    [
      'a Closed OneTime permission: clearing a set field',
      'OneTime',
      true,
      { merchantReferenceId: null },
      'ChargePermissionNotModifiable',
    ],
    [
      'a Closed OneTime permission: one set field among empty ones',
      'OneTime',
      true,
      { noteToBuyer: 'Thanks', merchantReferenceId: 'order-43' },
      'ChargePermissionNotModifiable',
    ],
    [
      'a Closed Recurring permission: an empty field',
      'Recurring',
      true,
      { noteToBuyer: 'Thanks' },
      'ChargePermissionNotModifiable',
    ],
    [
      'a Closed Saved Wallet: an empty field',
      'PaymentMethodOnFile',
      true,
      { noteToBuyer: 'Thanks' },
      'ChargePermissionNotModifiable',
    ],
    [
      'an open permission: a field over its limit',
      'OneTime',
      false,
      { merchantStoreName: 'x'.repeat(51) },
      'InvalidParameterValue',
    ],
    [
      'a Closed OneTime permission: an empty field over its limit',
      'OneTime',
      true,
      { noteToBuyer: 'x'.repeat(256) },
      'InvalidParameterValue',
    ],
  ])('%s → %s', (_name, type, close, patch, result) => {
    const open = permissionFor(INPUT_BY_TYPE[type]);
    const permission = close ? closed(open) : open;
    expect(errorCodeOf(() => updateChargePermission(permission, patch, NOW + 1))).toBe(result);
  });

  it('merges the patch and keeps the state', () => {
    const permission = closed(permissionFor(ONE_TIME));
    const updated = updateChargePermission(permission, { noteToBuyer: 'Thanks' }, NOW + 1);
    expect(updated.merchantMetadata).toEqual({
      ...permission.merchantMetadata,
      noteToBuyer: 'Thanks',
    });
    expect(updated.state).toBe('Closed');
    expect(updated.lastUpdatedAt).toBe(NOW + 1);
  });
});

describe('closeChargePermission', () => {
  it.each(['Chargeable', 'NonChargeable'] as const)(
    'closes a %s permission with MerchantClosed and the closureReason as description',
    (state) => {
      const chargeable = permissionFor(ONE_TIME);
      const permission =
        state === 'Chargeable' ? chargeable : reserveCharge(chargeable, USD_14, NOW);
      expect(closeChargePermission(permission, 'No more charges required', NOW + 1)).toMatchObject({
        state: 'Closed',
        reasons: [{ reasonCode: 'MerchantClosed', reasonDescription: 'No more charges required' }],
        lastUpdatedAt: NOW + 1,
      });
    },
  );

  it.each(['MerchantClosed', 'AmazonClosed'] as const)(
    'closes with the reason code %s when asked to',
    (reasonCode) => {
      expect(
        closeChargePermission(permissionFor(SAVED_WALLET), 'Simulated', NOW + 1, reasonCode)
          .reasons,
      ).toEqual([{ reasonCode, reasonDescription: 'Simulated' }]);
    },
  );

  it('allows no closureReason', () => {
    expect(closeChargePermission(permissionFor(ONE_TIME), null, NOW).reasons).toEqual([
      { reasonCode: 'MerchantClosed', reasonDescription: null },
    ]);
  });

  it.each<[name: string, reason: string, result: ErrorCode | 'no error']>([
    ['255 characters', 'x'.repeat(MAX_CLOSURE_REASON), 'no error'],
    ['256 characters', 'x'.repeat(MAX_CLOSURE_REASON + 1), 'InvalidParameterValue'],
  ])('closureReason of %s → %s', (_name, reason, result) => {
    expect(errorCodeOf(() => closeChargePermission(permissionFor(ONE_TIME), reason, NOW))).toBe(
      result,
    );
  });

  it.each(['OneTime', 'Recurring', 'PaymentMethodOnFile'] as const)(
    'refuses an already Closed %s permission',
    (type) => {
      const permission = closed(permissionFor(INPUT_BY_TYPE[type]));
      expect(errorCodeOf(() => closeChargePermission(permission, 'Again', NOW))).toBe(
        'InvalidChargePermissionStatus',
      );
    },
  );
});

describe('closeByBuyer', () => {
  it('closes with BuyerClosed', () => {
    expect(closeByBuyer(permissionFor(SAVED_WALLET), NOW + 1)).toMatchObject({
      state: 'Closed',
      reasons: [{ reasonCode: 'BuyerClosed' }],
      lastUpdatedAt: NOW + 1,
    });
  });

  it('refuses an already Closed permission', () => {
    expect(errorCodeOf(() => closeByBuyer(closed(permissionFor(SAVED_WALLET)), NOW))).toBe(
      'InvalidChargePermissionStatus',
    );
  });
});

describe('expireChargePermission', () => {
  it.each<[name: string, input: CreateCheckoutSessionInput, at: number, state: string]>([
    ['OneTime, a millisecond early', ONE_TIME, NOW + 180 * DAY - 1, 'Chargeable'],
    ['OneTime, at 180 days', ONE_TIME, NOW + 180 * DAY, 'Closed'],
    ['Recurring, at 180 days', RECURRING, NOW + 180 * DAY, 'Chargeable'],
    ['Recurring, at 13 months', RECURRING, THIRTEEN_MONTHS_LATER, 'Closed'],
    ['Saved Wallet, ten years on', SAVED_WALLET, NOW + 3650 * DAY, 'Chargeable'],
  ])('%s → %s', (_name, input, at, state) => {
    expect(expireChargePermission(permissionFor(input), at).state).toBe(state);
  });

  it('closes as Expired, dated at the expiry rather than when the timer ran', () => {
    const expired = expireChargePermission(permissionFor(ONE_TIME), NOW + 200 * DAY);
    expect(expired).toMatchObject({
      state: 'Closed',
      reasons: [{ reasonCode: 'Expired' }],
      lastUpdatedAt: NOW + 180 * DAY,
    });
  });

  it('leaves a Closed permission as it was', () => {
    const permission = closed(permissionFor(ONE_TIME));
    expect(expireChargePermission(permission, NOW + 365 * DAY)).toBe(permission);
  });
});
