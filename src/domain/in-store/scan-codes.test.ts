import { describe, expect, it } from 'vitest';
import { EMPTY_MERCHANT_METADATA } from '../shared/merchant-metadata.js';
import { money } from '../shared/money.js';
import { testCardInstrument, TEST_CARDS } from '../simulation/payment-instruments.js';
import { openScannedPermission, SCAN_LIFETIME, type ScanInput } from './in-store-permission.js';
import { parseScanCode, SANDBOX_SCAN_CODES } from './scan-codes.js';

const card = TEST_CARDS[0];
if (card === undefined) throw new Error('no sandbox card');
const NOW = Date.UTC(2026, 10, 1);

const input = (overrides: Partial<ScanInput> = {}): ScanInput => ({
  id: 'S02-1111111-1111111',
  merchantId: 'AMERCHANT00001',
  environment: 'Sandbox',
  region: 'EU',
  ledgerCurrency: 'EUR',
  merchantCOE: 'DE',
  chargeTotal: null,
  buyer: { buyerId: 'amzn1.account.B', name: 'Susie', email: 's@example.com', phoneNumber: null },
  instrument: testCardInstrument(card),
  merchantMetadata: EMPTY_MERCHANT_METADATA,
  ...overrides,
});

/** A broken rule, by its code (the one catalogue, errors.ts). */
const rule = (code: string): Error =>
  // An asymmetric matcher: toThrowError accepts it in place of an Error.
  expect.objectContaining({ name: 'DomainError', code }) as Error;

describe('in-store scan codes', () => {
  it('documents one code per sandbox card', () => {
    expect(SANDBOX_SCAN_CODES).toHaveLength(TEST_CARDS.length);
    expect(SANDBOX_SCAN_CODES).toContain('LOCALPAY-SCAN-1111');
  });

  it.each([
    ['LOCALPAY-SCAN-1111', { cardEnding: '1111', buyerIndex: 0 }],
    ['LOCALPAY-SCAN-3434-2', { cardEnding: '3434', buyerIndex: 1 }],
    [' LOCALPAY-SCAN-0701 ', { cardEnding: '0701', buyerIndex: 0 }],
  ])('reads %s', (code, expected) => {
    expect(parseScanCode(code)).toEqual(expected);
  });

  it.each(['UKhrmatMeKdlfY6b', 'LOCALPAY-SCAN-111', 'LOCALPAY-SCAN-1111-0', 'localpay-scan-1111'])(
    'rejects %s',
    (code) => {
      expect(() => parseScanCode(code)).toThrowError(rule('InvalidParameterValue'));
    },
  );

  it('opens a Chargeable OneTime permission for a day, limited by chargeTotal', () => {
    const open = openScannedPermission(input({ chargeTotal: money(2000, 'EUR') }), NOW);
    expect(open).toMatchObject({
      type: 'OneTime',
      state: 'Chargeable',
      expiresAt: NOW + SCAN_LIFETIME,
    });
    expect(open.limits?.amountLimit).toEqual(money(2000, 'EUR'));
    expect(openScannedPermission(input(), NOW).limits).toBeNull();
  });

  it.each([
    [{ ledgerCurrency: 'USD' }, 'InvalidParameterValue'],
    [{ merchantCOE: 'Germany' }, 'InvalidParameterValue'],
    [{ chargeTotal: money(0, 'EUR') }, 'InvalidParameterValue'],
    [{ chargeTotal: money(100, 'GBP') }, 'CurrencyMismatch'],
  ] as const)('rejects %j', (overrides, code) => {
    expect(() => openScannedPermission(input(overrides), NOW)).toThrowError(rule(code));
  });
});
