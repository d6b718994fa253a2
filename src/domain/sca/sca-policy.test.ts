import { describe, expect, it } from 'vitest';
import type { ChargeInitiator } from '../charge/charge.js';
import { REGIONS } from '../shared/environment.js';
import { money } from '../shared/money.js';
import { decideAuthentication, SCA_OUTCOMES, type ScaOutcome } from './sca-policy.js';

const C = 'Challenge';
const F = 'Frictionless';
const O = 'OutOfScope';

type Forced = boolean | null;
type Row = readonly [NA: ScaOutcome, EU: ScaOutcome, UK: ScaOutcome, JP: ScaOutcome];

/**
 * Region × initiator × forced (seed 004 "Handling charge when MFA Challenge is required (for EU and
 * UK merchants only)"): customer-initiated payments of EU and UK merchants are challenged,
 * merchant-initiated ones never are, checkouts (no initiator) authenticated at sign-in, and a
 * simulation forces or skips the challenge of any customer-initiated payment.
 */
const EXPECTED: readonly (readonly [ChargeInitiator | null, Forced, Row])[] = [
  ['CITU', null, [O, C, C, O]],
  ['CITU', true, [C, C, C, C]],
  ['CITU', false, [F, F, F, F]],
  ['CITR', null, [O, C, C, O]],
  ['CITR', true, [C, C, C, C]],
  ['CITR', false, [F, F, F, F]],
  ['MITU', null, [O, O, O, O]],
  ['MITU', true, [O, O, O, O]],
  ['MITU', false, [O, O, O, O]],
  ['MITR', null, [O, O, O, O]],
  ['MITR', true, [O, O, O, O]],
  ['MITR', false, [O, O, O, O]],
  [null, null, [O, F, F, O]],
  [null, true, [C, C, C, C]],
  [null, false, [F, F, F, F]],
];

describe('decideAuthentication', () => {
  const cases = EXPECTED.flatMap(([initiator, forced, row]) =>
    REGIONS.map((region, i) => [region, initiator, forced, row[i]!] as const),
  );

  it('covers every region × initiator × forced combination once', () => {
    expect(cases).toHaveLength(REGIONS.length * 5 * 3);
    expect(new Set(cases.map(([r, i, f]) => `${r}/${i}/${f}`)).size).toBe(cases.length);
  });

  it.each(cases)(
    '%s merchant, initiator %s, forced %s → %s',
    (region, initiator, forced, outcome) => {
      const decision = decideAuthentication({
        merchantRegion: region,
        initiator,
        amount: money(1400, 'EUR'),
        forced,
      });
      expect(decision.outcome).toBe(outcome);
      expect(SCA_OUTCOMES).toContain(decision.outcome);
      expect(decision.reason.length).toBeGreaterThan(0);
    },
  );

  it.each([1, 100_000_000])('does not depend on the amount (%i minor units)', (minor) => {
    for (const [initiator, forced, row] of EXPECTED)
      for (const [i, region] of REGIONS.entries())
        expect(
          decideAuthentication({
            merchantRegion: region,
            initiator,
            amount: money(minor, 'EUR'),
            forced,
          }).outcome,
        ).toBe(row[i]);
  });

  it('says why, in words an integrator can read', () => {
    const decide = (
      region: (typeof REGIONS)[number],
      initiator: ChargeInitiator | null,
      forced: Forced,
    ) =>
      decideAuthentication({ merchantRegion: region, initiator, amount: money(1, 'EUR'), forced })
        .reason;
    expect(decide('EU', 'MITU', true)).toContain('Merchant-initiated');
    expect(decide('NA', 'CITU', null)).toContain('NA');
    expect(decide('UK', 'CITR', null)).toContain('CITR');
    expect(decide('EU', 'CITU', true)).toContain('simulation');
    expect(decide('EU', 'CITU', false)).toContain('simulation');
    expect(decide('EU', null, null)).toContain('signing in');
  });
});
