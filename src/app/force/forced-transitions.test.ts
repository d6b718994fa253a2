import { describe, expect, it } from 'vitest';
import { BILLING_AGREEMENT_STATES } from '../../domain/billing-agreement/billing-agreement.js';
import { BILLING_AGREEMENT_TRANSITIONS } from '../../domain/billing-agreement/billing-agreement-lifecycle.js';
import { CHARGE_STATES } from '../../domain/charge/charge.js';
import { CHARGE_TRANSITIONS } from '../../domain/charge/charge-lifecycle.js';
import { CHARGE_PERMISSION_STATES } from '../../domain/charge-permission/charge-permission.js';
import { CHARGE_PERMISSION_TRANSITIONS } from '../../domain/charge-permission/charge-permission-lifecycle.js';
import { CHECKOUT_SESSION_STATES } from '../../domain/checkout-session/checkout-session.js';
import { CHECKOUT_SESSION_TRANSITIONS } from '../../domain/checkout-session/checkout-session-lifecycle.js';
import { ORDER_REFERENCE_STATES } from '../../domain/order-reference/order-reference.js';
import { ORDER_REFERENCE_TRANSITIONS } from '../../domain/order-reference/order-reference-lifecycle.js';
import {
  AUTHORIZATION_TRANSITIONS,
  CAPTURE_TRANSITIONS,
} from '../../domain/v1-payments/v1-payments-lifecycle.js';
import { AUTHORIZATION_STATES, CAPTURE_STATES } from '../../domain/v1-payments/v1-payments.js';
import { FORCEABLE_KINDS, forceTargets } from './forced-transitions.js';

/**
 * Only reachable transitions can be forced (issue 14 point 6): walked over every state of every
 * forceable kind, each target's state is an edge of that kind's lifecycle table (a dispute leaves
 * the charge Captured), and a terminal state offers nothing.
 */
const LIFECYCLES: Record<string, [readonly string[], Readonly<Record<string, readonly string[]>>]> =
  {
    'checkout-sessions': [CHECKOUT_SESSION_STATES, CHECKOUT_SESSION_TRANSITIONS],
    'charge-permissions': [CHARGE_PERMISSION_STATES, CHARGE_PERMISSION_TRANSITIONS],
    charges: [CHARGE_STATES, CHARGE_TRANSITIONS],
    'order-references': [ORDER_REFERENCE_STATES, ORDER_REFERENCE_TRANSITIONS],
    'billing-agreements': [BILLING_AGREEMENT_STATES, BILLING_AGREEMENT_TRANSITIONS],
    authorizations: [AUTHORIZATION_STATES, AUTHORIZATION_TRANSITIONS],
    captures: [CAPTURE_STATES, CAPTURE_TRANSITIONS],
  };

/** The fields the `from` predicates read, in both variants where they branch. */
const variants = (state: string) =>
  [true, false].flatMap((captureNow) =>
    [null, 0].map((expiresAt) => ({ id: 'X', state, captureNow, expiresAt })),
  );

describe('forced transitions', () => {
  it('has a lifecycle for every forceable kind', () => {
    expect([...FORCEABLE_KINDS.keys()].sort()).toEqual(Object.keys(LIFECYCLES).sort());
  });

  it.each(Object.entries(LIFECYCLES))(
    '%s: every target is an edge of the lifecycle',
    (kind, [states, table]) => {
      for (const state of states)
        for (const object of variants(state))
          for (const target of forceTargets(kind, object)) {
            const to = target.split('/')[0] ?? '';
            if (target === 'Dispute') expect(state).toBe('Captured');
            // A capture closed by Amazon completes first (resolveCapture): Pending → Completed → Closed.
            else if (kind === 'captures' && to === 'Closed')
              expect(table[state]).toContain('Completed');
            else expect(table[state], `${kind} ${state} → ${target}`).toContain(to);
          }
    },
  );

  it('offers the async outcomes of a pending charge and nothing from a final state', () => {
    const pending = { id: 'X', state: 'AuthorizationInitiated', captureNow: false };
    expect(forceTargets('charges', pending)).toEqual([
      'Authorized',
      'Declined/SoftDeclined',
      'Declined/HardDeclined',
      'Declined/AmazonRejected',
      'Declined/ProcessingFailure',
      'Declined/TransactionTimedOut',
    ]);
    expect(forceTargets('charges', { ...pending, state: 'CaptureInitiated' })).toEqual([
      'Captured',
      'Declined/SoftDeclined',
      'Declined/HardDeclined',
      'Declined/AmazonRejected',
      'Declined/ProcessingFailure',
    ]);
    for (const state of ['Canceled', 'Declined'])
      expect(forceTargets('charges', { ...pending, state })).toEqual([]);
    expect(forceTargets('refunds', { id: 'X', state: 'RefundInitiated' })).toEqual([]);
  });
});
