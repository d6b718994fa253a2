import { describe, expect, it } from 'vitest';
import { processCheckout } from '../checkout-session/checkout-processing.js';
import {
  associateBuyer,
  newCheckoutSession,
} from '../checkout-session/checkout-session-operations.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { terminalStates } from '../shared/lifecycle.js';
import { money, type Money } from '../shared/money.js';
import { DAY } from '../shared/time.js';
import { TEST_CARDS, testCardInstrument } from '../simulation/payment-instruments.js';
import { defaultTestBuyer } from '../simulation/test-buyers.js';
import {
  CHARGE_PERMISSION_STATES,
  type ChargePermission,
  type ChargePermissionState,
} from './charge-permission.js';
import {
  CHARGE_PERMISSION_IS_TERMINAL,
  CHARGE_PERMISSION_TRANSITIONS,
} from './charge-permission-lifecycle.js';
import {
  applyDecline,
  recordFailedAuthentication,
  releaseCharge,
  replacePaymentMethod,
  reserveCharge,
  settleCapture,
} from './charge-permission-charging.js';
import {
  closeByBuyer,
  closeChargePermission,
  expireChargePermission,
  openChargePermission,
  updateChargePermission,
} from './charge-permission-operations.js';

const NOW = Date.UTC(2024, 0, 15, 12);
const LATER = NOW + 60_000;
const ORDER_TOTAL = money(2000, 'USD');
const FIRST_CHARGE = money(1400, 'USD');

/** A OneTime permission for a 20.00 USD order whose first charge is 14.00 USD. */
function chargeablePermission(): ChargePermission {
  const open = newCheckoutSession(
    {
      storeId: 'amzn1.application-oa2-client.test',
      webCheckoutDetails: { checkoutResultReturnUrl: 'https://shop.example/result' },
      paymentDetails: {
        paymentIntent: 'Authorize',
        chargeAmount: FIRST_CHARGE,
        totalOrderAmount: ORDER_TOTAL,
      },
      merchantMetadata: { merchantStoreName: 'Test Store' },
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

function permissionIn(state: ChargePermissionState): ChargePermission {
  const chargeable = chargeablePermission();
  switch (state) {
    case 'Chargeable':
      return chargeable;
    case 'NonChargeable':
      // the whole order is held by one open charge
      return reserveCharge(chargeable, ORDER_TOTAL, NOW);
    case 'Closed':
      return closeChargePermission(chargeable, 'No more charges required', NOW);
  }
}

const NEW_CARD = testCardInstrument(TEST_CARDS[1]!);

/** What the permission's open charge holds of the order: the amount a charge that ends gives back. */
const held = (p: ChargePermission): Money => p.limits?.amountCharged ?? money(0, 'USD');

const OPERATIONS = {
  'updateChargePermission (empty field)': (p: ChargePermission) =>
    updateChargePermission(p, { merchantReferenceId: 'order-42' }, LATER),
  'updateChargePermission (set field)': (p: ChargePermission) =>
    updateChargePermission(p, { merchantStoreName: 'Other Store' }, LATER),
  closeChargePermission: (p: ChargePermission) => closeChargePermission(p, 'Done', LATER),
  'closeChargePermission (AmazonClosed)': (p: ChargePermission) =>
    closeChargePermission(p, 'Simulated', LATER, 'AmazonClosed'),
  closeByBuyer: (p: ChargePermission) => closeByBuyer(p, LATER),
  'expireChargePermission (before expiry)': (p: ChargePermission) =>
    expireChargePermission(p, LATER),
  'expireChargePermission (at expiry)': (p: ChargePermission) =>
    expireChargePermission(p, NOW + 180 * DAY),
  'reserveCharge (14.00)': (p: ChargePermission) => reserveCharge(p, FIRST_CHARGE, LATER),
  'reserveCharge (over the order)': (p: ChargePermission) =>
    reserveCharge(p, money(2001, 'USD'), LATER),
  'open charge captured in full': (p: ChargePermission) =>
    settleCapture(p, held(p), held(p), LATER),
  'open charge canceled': (p: ChargePermission) => releaseCharge(p, held(p), LATER),
  'open charge SoftDeclined': (p: ChargePermission) =>
    applyDecline(p, held(p), 'SoftDeclined', LATER),
  'open charge HardDeclined': (p: ChargePermission) =>
    applyDecline(p, held(p), 'HardDeclined', LATER),
  'open charge AmazonRejected': (p: ChargePermission) =>
    applyDecline(p, held(p), 'AmazonRejected', LATER),
  'open charge failed its challenge': (p: ChargePermission) =>
    recordFailedAuthentication(p, held(p), LATER),
  replacePaymentMethod: (p: ChargePermission) => replacePaymentMethod(p, NEW_CARD, LATER),
} as const satisfies Record<string, (p: ChargePermission) => ChargePermission>;
type Operation = keyof typeof OPERATIONS;

type Outcome = `${ChargePermissionState}${'' | `/${string}`}` | ErrorCode;

const ICPS = 'InvalidChargePermissionStatus';

/**
 * Each (state, operation) pair: the resulting `state/firstReason`, or the domain error. The
 * NonChargeable permission holds the whole 20.00 order in one open charge; the Chargeable one
 * holds nothing, so a charge ending there gives nothing back.
 */
const EXPECTED: Record<ChargePermissionState, Record<Operation, Outcome>> = {
  Chargeable: {
    'updateChargePermission (empty field)': 'Chargeable',
    'updateChargePermission (set field)': 'Chargeable',
    closeChargePermission: 'Closed/MerchantClosed',
    'closeChargePermission (AmazonClosed)': 'Closed/AmazonClosed',
    closeByBuyer: 'Closed/BuyerClosed',
    'expireChargePermission (before expiry)': 'Chargeable',
    'expireChargePermission (at expiry)': 'Closed/Expired',
    'reserveCharge (14.00)': 'NonChargeable/ChargeInProgress',
    'reserveCharge (over the order)': 'TransactionAmountExceeded',
    'open charge captured in full': 'Chargeable',
    'open charge canceled': 'Chargeable',
    'open charge SoftDeclined': 'Chargeable',
    'open charge HardDeclined': 'NonChargeable/PaymentMethodInvalid',
    'open charge AmazonRejected': 'Closed/AmazonCanceled',
    'open charge failed its challenge': 'NonChargeable/MFAFailed',
    replacePaymentMethod: 'Chargeable',
  },
  NonChargeable: {
    'updateChargePermission (empty field)': 'NonChargeable/ChargeInProgress',
    'updateChargePermission (set field)': 'NonChargeable/ChargeInProgress',
    closeChargePermission: 'Closed/MerchantClosed',
    'closeChargePermission (AmazonClosed)': 'Closed/AmazonClosed',
    closeByBuyer: 'Closed/BuyerClosed',
    'expireChargePermission (before expiry)': 'NonChargeable/ChargeInProgress',
    'expireChargePermission (at expiry)': 'Closed/Expired',
    'reserveCharge (14.00)': ICPS,
    'reserveCharge (over the order)': ICPS,
    'open charge captured in full': 'Closed/AmazonClosed',
    'open charge canceled': 'Chargeable',
    'open charge SoftDeclined': 'Chargeable',
    'open charge HardDeclined': 'NonChargeable/PaymentMethodInvalid',
    'open charge AmazonRejected': 'Closed/AmazonCanceled',
    'open charge failed its challenge': 'NonChargeable/MFAFailed',
    // a new payment method does not end the charge in progress
    replacePaymentMethod: 'NonChargeable/ChargeInProgress',
  },
  Closed: {
    'updateChargePermission (empty field)': 'Closed/MerchantClosed',
    'updateChargePermission (set field)': 'ChargePermissionNotModifiable',
    closeChargePermission: ICPS,
    'closeChargePermission (AmazonClosed)': ICPS,
    closeByBuyer: ICPS,
    'expireChargePermission (before expiry)': 'Closed/MerchantClosed',
    'expireChargePermission (at expiry)': 'Closed/MerchantClosed',
    // A Closed permission has no exits, so a charge against it is refused (requireChargeable).
    'reserveCharge (14.00)': ICPS,
    'reserveCharge (over the order)': ICPS,
    'open charge captured in full': 'Closed/MerchantClosed',
    'open charge canceled': 'Closed/MerchantClosed',
    'open charge SoftDeclined': 'Closed/MerchantClosed',
    'open charge HardDeclined': 'Closed/MerchantClosed',
    'open charge AmazonRejected': 'Closed/MerchantClosed',
    'open charge failed its challenge': 'Closed/MerchantClosed',
    replacePaymentMethod: ICPS,
  },
};

function outcomeOf(operation: () => ChargePermission): {
  outcome: Outcome;
  permission?: ChargePermission;
} {
  try {
    const permission = operation();
    const reason = permission.reasons?.[0]?.reasonCode;
    return {
      outcome: reason === undefined ? permission.state : `${permission.state}/${reason}`,
      permission,
    };
  } catch (error) {
    if (error instanceof DomainError) return { outcome: error.code };
    throw error;
  }
}

function reachableFrom(start: ChargePermissionState): ChargePermissionState[] {
  const seen = new Set<ChargePermissionState>([start]);
  for (const state of seen) for (const next of CHARGE_PERMISSION_TRANSITIONS[state]) seen.add(next);
  return [...seen];
}

describe('charge permission transition table', () => {
  it('agrees with IS_TERMINAL: terminal states are exactly those without exits', () => {
    for (const state of CHARGE_PERMISSION_STATES)
      expect(CHARGE_PERMISSION_TRANSITIONS[state].length === 0).toBe(
        CHARGE_PERMISSION_IS_TERMINAL[state],
      );
    expect(terminalStates(CHARGE_PERMISSION_TRANSITIONS)).toEqual(['Closed']);
  });

  it('reaches every state from Chargeable', () => {
    expect(reachableFrom('Chargeable').sort()).toEqual([...CHARGE_PERMISSION_STATES].sort());
  });

  it('builds a permission in every state', () => {
    for (const state of CHARGE_PERMISSION_STATES) expect(permissionIn(state).state).toBe(state);
  });
});

describe('every (state, operation) pair', () => {
  const cases = CHARGE_PERMISSION_STATES.flatMap((state) =>
    (Object.keys(OPERATIONS) as Operation[]).map(
      (operation) => [state, operation, EXPECTED[state][operation]] as const,
    ),
  );

  it.each(cases)('%s × %s → %s', (state, operation, expected) => {
    const before = permissionIn(state);
    const { outcome, permission } = outcomeOf(() => OPERATIONS[operation](before));
    expect(outcome).toBe(expected);
    if (permission && permission.state !== before.state)
      expect(CHARGE_PERMISSION_TRANSITIONS[before.state]).toContain(permission.state);
  });

  it('uses every edge of the transition table', () => {
    const used = new Set<string>();
    for (const [state, operation] of cases) {
      const { permission } = outcomeOf(() => OPERATIONS[operation](permissionIn(state)));
      if (permission) used.add(`${state}→${permission.state}`);
    }
    for (const from of CHARGE_PERMISSION_STATES)
      for (const to of CHARGE_PERMISSION_TRANSITIONS[from]) expect(used).toContain(`${from}→${to}`);
  });
});
