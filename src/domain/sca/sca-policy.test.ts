import { describe, expect, it } from 'vitest';
import type { ChargeInitiator } from '../charge/charge.js';
import type { Region } from '../shared/environment.js';
import { money, type CurrencyCode, type Money } from '../shared/money.js';
import { toEurCents } from './eur-rates.js';
import {
  countersAfterAuthentication,
  countersAfterDecision,
  decideAuthentication,
  NO_EXEMPTIONS_YET,
  type ScaCounters,
  type ScaRequest,
  type TraClass,
} from './sca-policy.js';

/**
 * The PSD2 SCA policy as a table of cases, one group per RTS rule (issue "Buyer-facing pages",
 * scope 4), with the low-value counters and their reset after an authentication.
 */
const eur = (cents: number): Money => money(cents, 'EUR');

const request = (overrides: Partial<ScaRequest> = {}): ScaRequest => ({
  merchantRegion: 'EU',
  initiator: 'CITU',
  amount: eur(5_000),
  forced: null,
  setsUpMandate: false,
  counters: NO_EXEMPTIONS_YET,
  authenticatedSeriesAmount: null,
  traClass: 'None',
  ...overrides,
});

const outcome = (overrides: Partial<ScaRequest>) => {
  const decision = decideAuthentication(request(overrides));
  return [decision.outcome, decision.exemption] as const;
};

describe('scope: only EU and UK merchants, only customer-initiated payments', () => {
  it.each<[Region, ChargeInitiator, string, string | null]>([
    ['EU', 'CITU', 'Challenge', null],
    ['UK', 'CITR', 'Challenge', null],
    ['NA', 'CITU', 'OutOfScope', null],
    ['JP', 'CITR', 'OutOfScope', null],
    ['EU', 'MITU', 'OutOfScope', null],
    ['UK', 'MITR', 'OutOfScope', null],
  ])('%s merchant, %s → %s', (merchantRegion, initiator, expected, exemption) => {
    expect(outcome({ merchantRegion, initiator })).toEqual([expected, exemption]);
  });

  it('merchant-initiated stays out of scope even when a simulation asks for a challenge', () => {
    expect(outcome({ initiator: 'MITR', forced: true })).toEqual(['OutOfScope', null]);
  });
});

describe('issuer step-up and skip (sandbox simulations)', () => {
  it.each<[boolean, Partial<ScaRequest>, string]>([
    [true, { amount: eur(500) }, 'Challenge'],
    [true, { traClass: 'UpTo1bp', amount: eur(10_000) }, 'Challenge'],
    [false, { amount: eur(100_000) }, 'Frictionless'],
    [false, { setsUpMandate: true }, 'Frictionless'],
  ])('forced=%s → %s', (forced, overrides, expected) => {
    expect(decideAuthentication(request({ ...overrides, forced })).outcome).toBe(expected);
  });
});

describe('setting up a mandate (Saved Wallet or Recurring checkout) is always authenticated', () => {
  it.each([eur(0), eur(1_000), eur(50_000)])('amount %j → Challenge', (amount) => {
    expect(outcome({ setsUpMandate: true, amount, traClass: 'UpTo1bp' })).toEqual([
      'Challenge',
      null,
    ]);
  });
});

describe('low value (RTS art. 16)', () => {
  const counters = (exemptedCount: number, exemptedEurCents: number): ScaCounters => ({
    exemptedCount,
    exemptedEurCents,
  });
  it.each<[string, Money, ScaCounters, string, string | null]>([
    ['EUR 30.00 exactly', eur(3_000), NO_EXEMPTIONS_YET, 'Frictionless', 'LowValue'],
    ['EUR 30.01', eur(3_001), NO_EXEMPTIONS_YET, 'Challenge', null],
    ['EUR 0.01', eur(1), NO_EXEMPTIONS_YET, 'Frictionless', 'LowValue'],
    ['fifth exempted in a row', eur(1_000), counters(4, 4_000), 'Frictionless', 'LowValue'],
    ['sixth exempted in a row', eur(1_000), counters(5, 5_000), 'Challenge', null],
    [
      'cumulative reaches EUR 100.00 exactly',
      eur(2_000),
      counters(3, 8_000),
      'Frictionless',
      'LowValue',
    ],
    ['cumulative would pass EUR 100.00', eur(2_001), counters(3, 8_000), 'Challenge', null],
  ])('%s → %s', (_name, amount, seen, expected, exemption) => {
    expect(outcome({ amount, counters: seen })).toEqual([expected, exemption]);
  });

  it('compares other currencies after converting them with the fixed table', () => {
    // GBP 25.00 is EUR 29.25 at the fixed rate; GBP 26.00 is EUR 30.42.
    expect(toEurCents(money(2_500, 'GBP'))).toBe(2_925);
    expect(outcome({ amount: money(2_500, 'GBP') })).toEqual(['Frictionless', 'LowValue']);
    expect(outcome({ amount: money(2_600, 'GBP') })).toEqual(['Challenge', null]);
    expect(outcome({ amount: money(3_000, 'USD') })).toEqual(['Frictionless', 'LowValue']);
    expect(outcome({ amount: money(4_800, 'JPY') })).toEqual(['Frictionless', 'LowValue']);
    expect(outcome({ amount: money(4_900, 'JPY') })).toEqual(['Challenge', null]);
  });

  it('counts each low-value exemption and starts again after an authentication', () => {
    let counters = NO_EXEMPTIONS_YET;
    const decisions: string[] = [];
    for (let payment = 1; payment <= 7; payment += 1) {
      const decision = decideAuthentication(request({ amount: eur(1_000), counters }));
      decisions.push(decision.outcome);
      counters =
        decision.outcome === 'Challenge'
          ? countersAfterAuthentication()
          : countersAfterDecision(counters, decision);
    }
    expect(decisions).toEqual([
      'Frictionless',
      'Frictionless',
      'Frictionless',
      'Frictionless',
      'Frictionless',
      'Challenge',
      'Frictionless',
    ]);
  });

  it('only low-value exemptions count', () => {
    const tra = decideAuthentication(request({ amount: eur(9_000), traClass: 'UpTo13bp' }));
    expect(tra.exemption).toBe('TransactionRiskAnalysis');
    expect(countersAfterDecision(NO_EXEMPTIONS_YET, tra)).toBe(NO_EXEMPTIONS_YET);
    const low = decideAuthentication(request({ amount: eur(1_234) }));
    expect(countersAfterDecision(NO_EXEMPTIONS_YET, low)).toEqual({
      exemptedCount: 1,
      exemptedEurCents: 1_234,
    });
  });
});

describe('recurring series of the same amount after an authenticated first payment (RTS art. 14)', () => {
  it.each<[ChargeInitiator, Money | null, Money, string, string | null]>([
    ['CITR', eur(9_900), eur(9_900), 'Frictionless', 'RecurringSeries'],
    ['CITR', eur(9_900), eur(9_901), 'Challenge', null],
    ['CITR', null, eur(9_900), 'Challenge', null],
    ['CITU', eur(9_900), eur(9_900), 'Challenge', null],
    ['CITR', money(9_900, 'GBP'), eur(9_900), 'Challenge', null],
  ])(
    '%s, series %j, amount %j → %s',
    (initiator, authenticatedSeriesAmount, amount, expected, exemption) => {
      expect(outcome({ initiator, authenticatedSeriesAmount, amount })).toEqual([
        expected,
        exemption,
      ]);
    },
  );
});

describe('transaction risk analysis by amount band (RTS art. 18)', () => {
  it.each<[TraClass, number, string, string | null]>([
    ['None', 3_001, 'Challenge', null],
    ['UpTo13bp', 10_000, 'Frictionless', 'TransactionRiskAnalysis'],
    ['UpTo13bp', 10_001, 'Challenge', null],
    ['UpTo6bp', 25_000, 'Frictionless', 'TransactionRiskAnalysis'],
    ['UpTo6bp', 25_001, 'Challenge', null],
    ['UpTo1bp', 50_000, 'Frictionless', 'TransactionRiskAnalysis'],
    ['UpTo1bp', 50_001, 'Challenge', null],
  ])('class %s, EUR cents %i → %s', (traClass, cents, expected, exemption) => {
    expect(outcome({ traClass, amount: eur(cents) })).toEqual([expected, exemption]);
  });
});

describe('every decision says why', () => {
  it.each<[Partial<ScaRequest>, RegExp]>([
    [{ merchantRegion: 'NA' }, /PSD2 does not apply/],
    [{ initiator: 'MITU' }, /Merchant-initiated/],
    [{ setsUpMandate: true }, /Saving the payment method/],
    [{ amount: eur(1_000) }, /low value/],
    [
      { amount: eur(1_000), counters: { exemptedCount: 5, exemptedEurCents: 100 } },
      /5 payments have been exempted/,
    ],
    [{ amount: eur(60_000) }, /needs strong customer authentication/],
  ])('%j', (overrides, reason) => {
    expect(decideAuthentication(request(overrides)).reason).toMatch(reason);
  });

  it('records the amount as the thresholds saw it', () => {
    const currencies: CurrencyCode[] = ['EUR', 'GBP', 'USD', 'CHF'];
    for (const currency of currencies) {
      const amount = money(10_000, currency);
      expect(decideAuthentication(request({ amount })).amountEurCents).toBe(toEurCents(amount));
    }
  });
});
