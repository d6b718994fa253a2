import { describe, expect, it } from 'vitest';
import { processCheckout } from '../checkout-session/checkout-processing.js';
import {
  associateBuyer,
  newCheckoutSession,
} from '../checkout-session/checkout-session-operations.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import { terminalStates } from '../shared/lifecycle.js';
import { money } from '../shared/money.js';
import { DAY } from '../shared/time.js';
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
  closeByBuyer,
  closeChargePermission,
  expireChargePermission,
  openChargePermission,
  recordCharge,
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
      return recordCharge(chargeable, { chargeAmount: FIRST_CHARGE, state: 'Authorized' }, NOW);
    case 'Closed':
      return closeChargePermission(chargeable, 'No more charges required', NOW);
  }
}

const OPERATIONS = {
  'updateChargePermission (empty field)': (p: ChargePermission) =>
    updateChargePermission(p, { merchantReferenceId: 'order-42' }, LATER),
  'updateChargePermission (set field)': (p: ChargePermission) =>
    updateChargePermission(p, { merchantStoreName: 'Other Store' }, LATER),
  closeChargePermission: (p: ChargePermission) => closeChargePermission(p, 'Done', LATER),
  closeByBuyer: (p: ChargePermission) => closeByBuyer(p, LATER),
  'expireChargePermission (before expiry)': (p: ChargePermission) =>
    expireChargePermission(p, LATER),
  'expireChargePermission (at expiry)': (p: ChargePermission) =>
    expireChargePermission(p, NOW + 180 * DAY),
  'recordCharge (Authorized)': (p: ChargePermission) =>
    recordCharge(p, { chargeAmount: money(100, 'USD'), state: 'Authorized' }, LATER),
  'recordCharge (full capture)': (p: ChargePermission) =>
    recordCharge(p, { chargeAmount: ORDER_TOTAL, state: 'Captured' }, LATER),
} as const satisfies Record<string, (p: ChargePermission) => ChargePermission>;
type Operation = keyof typeof OPERATIONS;

type Outcome = `${ChargePermissionState}${'' | `/${string}`}` | ErrorCode;

const ICPS = 'InvalidChargePermissionStatus';

/** Each (state, operation) pair: the resulting `state/firstReason`, or the domain error. */
const EXPECTED: Record<ChargePermissionState, Record<Operation, Outcome>> = {
  Chargeable: {
    'updateChargePermission (empty field)': 'Chargeable',
    'updateChargePermission (set field)': 'Chargeable',
    closeChargePermission: 'Closed/MerchantClosed',
    closeByBuyer: 'Closed/BuyerClosed',
    'expireChargePermission (before expiry)': 'Chargeable',
    'expireChargePermission (at expiry)': 'Closed/Expired',
    'recordCharge (Authorized)': 'NonChargeable/ChargeInProgress',
    'recordCharge (full capture)': 'Closed/AmazonClosed',
  },
  NonChargeable: {
    'updateChargePermission (empty field)': 'NonChargeable/ChargeInProgress',
    'updateChargePermission (set field)': 'NonChargeable/ChargeInProgress',
    closeChargePermission: 'Closed/MerchantClosed',
    closeByBuyer: 'Closed/BuyerClosed',
    'expireChargePermission (before expiry)': 'NonChargeable/ChargeInProgress',
    'expireChargePermission (at expiry)': 'Closed/Expired',
    'recordCharge (Authorized)': 'NonChargeable/ChargeInProgress',
    'recordCharge (full capture)': 'Closed/AmazonClosed',
  },
  Closed: {
    'updateChargePermission (empty field)': 'Closed/MerchantClosed',
    'updateChargePermission (set field)': 'ChargePermissionNotModifiable',
    closeChargePermission: ICPS,
    closeByBuyer: ICPS,
    'expireChargePermission (before expiry)': 'Closed/MerchantClosed',
    'expireChargePermission (at expiry)': 'Closed/MerchantClosed',
    // A Closed permission has no exits, so a charge against it must be refused.
    'recordCharge (Authorized)': ICPS,
    'recordCharge (full capture)': ICPS,
  },
};

/**
 * Pairs where the code disagrees with EXPECTED. recordCharge never checks the transition table,
 * so a charge recorded against a Closed OneTime permission moves it to NonChargeable (or re-closes
 * it as AmazonClosed). `it.fails` keeps the finding visible; delete the entry once it is fixed.
 */
const KNOWN_GAPS: readonly (readonly [ChargePermissionState, Operation])[] = [
  ['Closed', 'recordCharge (Authorized)'],
  ['Closed', 'recordCharge (full capture)'],
];

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
  const isGap = (state: ChargePermissionState, operation: Operation): boolean =>
    KNOWN_GAPS.some(([s, o]) => s === state && o === operation);
  const cases = CHARGE_PERMISSION_STATES.flatMap((state) =>
    (Object.keys(OPERATIONS) as Operation[]).map(
      (operation) => [state, operation, EXPECTED[state][operation]] as const,
    ),
  );

  const check = (state: ChargePermissionState, operation: Operation, expected: Outcome): void => {
    const before = permissionIn(state);
    const { outcome, permission } = outcomeOf(() => OPERATIONS[operation](before));
    expect(outcome).toBe(expected);
    if (permission && permission.state !== before.state)
      expect(CHARGE_PERMISSION_TRANSITIONS[before.state]).toContain(permission.state);
  };

  it.each(cases.filter(([s, o]) => !isGap(s, o)))('%s × %s → %s', check);

  it.fails.each(cases.filter(([s, o]) => isGap(s, o)))('KNOWN GAP: %s × %s should give %s', check);
});
