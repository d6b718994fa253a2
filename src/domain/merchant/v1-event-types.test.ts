import { describe, expect, it } from 'vitest';
import { eventTypePattern, eventTypesOf, storedEventTypes } from './v1-event-types.js';

/** SQL LIKE with only `%` wildcards, as the outbox insert uses it. */
const like = (value: string, pattern: string): boolean =>
  new RegExp(
    `^${pattern
      .split('%')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);

describe('v1 event types', () => {
  it('stores ALL or nothing as every type, and lists as comma-wrapped', () => {
    expect(storedEventTypes([])).toBeNull();
    expect(storedEventTypes(['PAYMENT_CAPTURE', 'ALL'])).toBeNull();
    expect(storedEventTypes(['PAYMENT_CAPTURE', 'PAYMENT_REFUND', 'PAYMENT_CAPTURE'])).toBe(
      ',PAYMENT_CAPTURE,PAYMENT_REFUND,',
    );
    expect(eventTypesOf(null)).toEqual(['ALL']);
    expect(eventTypesOf(',PAYMENT_REFUND,')).toEqual(['PAYMENT_REFUND']);
  });

  it.each([
    ['PaymentCapture', true],
    ['PaymentAuthorize', false],
    ['OrderReferenceNotification', false],
    ['ProviderCredit', false],
  ])('an endpoint on PAYMENT_CAPTURE and PAYMENT_REFUND gets %s: %s', (type, sent) => {
    const stored = storedEventTypes(['PAYMENT_CAPTURE', 'PAYMENT_REFUND'])!;
    expect(like(stored, eventTypePattern('v1', type))).toBe(sent);
  });

  it('does not filter v2 notifications', () => {
    expect(like(',PAYMENT_CAPTURE,', eventTypePattern('v2', 'STATE_CHANGE'))).toBe(true);
  });
});
