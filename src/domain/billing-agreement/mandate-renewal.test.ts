import { describe, expect, it } from 'vitest';
import type { V1Authorization } from '../v1-payments/v1-payments.js';
import { DAY } from '../shared/time.js';
import type { BillingAgreement } from './billing-agreement.js';
import { mandateLapsed, mandateLapsesAt } from './mandate-renewal.js';

// Seed 000: "make the Capture within 30 days of subscription creation … you can do a €0 charge as
// a placeholder". Only the fields the rule reads are filled in.
const passedAt = 1_000 * DAY;
const agreement = (status: 'Success' | 'NotRequired' | 'Required'): BillingAgreement =>
  ({
    id: 'B01-1',
    authentication: { status, answeredAt: status === 'Success' ? passedAt : null },
  }) as unknown as BillingAgreement;
const captured = (at: number, billingAgreementId = 'B01-1'): V1Authorization =>
  ({
    billingAgreementId,
    state: 'Closed',
    reasonCode: 'MaxCapturesProcessed',
    lastUpdatedAt: at,
  }) as V1Authorization;

describe('mandate renewal (seed 000)', () => {
  it('lapses 30 days after the passed challenge without a capture', () => {
    expect(mandateLapsesAt(agreement('Success'), [])).toBe(passedAt + 30 * DAY);
    expect(mandateLapsed(agreement('Success'), [], passedAt + 30 * DAY - 1)).toBe(false);
    expect(mandateLapsed(agreement('Success'), [], passedAt + 30 * DAY)).toBe(true);
  });

  it('each capture within the window renews it for 30 more days; a late one renews nothing', () => {
    const renewals = [captured(passedAt + 29 * DAY), captured(passedAt + 58 * DAY)];
    expect(mandateLapsesAt(agreement('Success'), renewals)).toBe(passedAt + 88 * DAY);
    const late = [captured(passedAt + 31 * DAY)];
    expect(mandateLapsesAt(agreement('Success'), late)).toBe(passedAt + 30 * DAY);
  });

  it('ignores declined or other agreements’ authorizations, and never lapses without a passed challenge', () => {
    const declined = { ...captured(passedAt + DAY), state: 'Declined' } as V1Authorization;
    expect(
      mandateLapsesAt(agreement('Success'), [declined, captured(passedAt + DAY, 'B01-2')]),
    ).toBe(passedAt + 30 * DAY);
    expect(mandateLapsesAt(agreement('NotRequired'), [])).toBeNull();
    expect(mandateLapsesAt(agreement('Required'), [])).toBeNull();
  });
});
