import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../shared/errors.js';
import { terminalStates } from '../shared/lifecycle.js';
import {
  completeClaim,
  deleteMerchantAccount,
  initiateClaim,
  MERCHANT_ACCOUNT_STATES,
  MERCHANT_ACCOUNT_TRANSITIONS,
  updateMerchantAccount,
  type MerchantAccount,
  type MerchantAccountState,
} from './merchant-account.js';
import { newDelegation, permits, revokeDelegation } from './delegation.js';

const NOW = Date.UTC(2026, 10, 1);
const registered: MerchantAccount = {
  merchantAccountId: 'AACCOUNT000001',
  providerId: 'APROVIDER00001',
  uniqueReferenceId: 'ref-1',
  ledgerCurrency: 'JPY',
  state: 'Registered',
  details: {
    businessInfo: { businessLegalName: 'Acme', businessDisplayName: 'Acme Cafe', email: 'a@x' },
  },
  claimToken: null,
  createdAt: NOW,
  updatedAt: NOW,
};

const inState = (state: MerchantAccountState): MerchantAccount => ({ ...registered, state });

/** A broken rule, by its code (the one catalogue, errors.ts). */
const rule = (code: ErrorCode): Error =>
  // An asymmetric matcher: toThrowError accepts it in place of an Error.
  expect.objectContaining({ name: 'DomainError', code }) as Error;

/** Runs an operation that must pass ('ok') or break the named rule. */
function expectOutcome(run: () => unknown, expected: ErrorCode | 'ok'): void {
  if (expected === 'ok') expect(run).not.toThrow();
  else expect(run).toThrowError(rule(expected));
}

describe('merchant account lifecycle', () => {
  it('reaches every state from Registered, and Deleted is the only end', () => {
    const seen = new Set<MerchantAccountState>(['Registered']);
    for (const state of seen)
      for (const next of MERCHANT_ACCOUNT_TRANSITIONS[state]) seen.add(next);
    expect([...seen].sort()).toEqual([...MERCHANT_ACCOUNT_STATES].sort());
    expect(terminalStates(MERCHANT_ACCOUNT_TRANSITIONS)).toEqual(['Deleted']);
  });

  /** Every operation in every state: ok or the error it raises. */
  const EXPECTED: Record<
    MerchantAccountState,
    Record<'update' | 'claim' | 'accept' | 'delete', ErrorCode | 'ok'>
  > = {
    Registered: { update: 'ok', claim: 'ok', accept: 'InvalidAccountStatus', delete: 'ok' },
    ClaimInitiated: { update: 'ok', claim: 'ok', accept: 'ok', delete: 'ok' },
    Claimed: {
      update: 'InvalidAccountStatus',
      claim: 'InvalidAccountStatus',
      accept: 'InvalidAccountStatus',
      delete: 'ok',
    },
    Deleted: {
      update: 'InvalidAccountStatus',
      claim: 'InvalidAccountStatus',
      accept: 'InvalidAccountStatus',
      delete: 'InvalidAccountStatus',
    },
  };
  const OPERATIONS = {
    update: (a: MerchantAccount) =>
      updateMerchantAccount(a, { businessInfo: { email: 'b@x' } }, NOW),
    claim: (a: MerchantAccount) => initiateClaim(a, 'ref-1', 'token', NOW),
    accept: (a: MerchantAccount) => completeClaim(a, NOW),
    delete: (a: MerchantAccount) => deleteMerchantAccount(a, NOW),
  };
  it.each(
    MERCHANT_ACCOUNT_STATES.flatMap((state) =>
      (Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]).map((op) => [state, op] as const),
    ),
  )('%s: %s', (state, op) => {
    expectOutcome(() => OPERATIONS[op](inState(state)), EXPECTED[state][op]);
  });

  it('merges updates field by field and keeps the legal entity', () => {
    const updated = updateMerchantAccount(
      registered,
      { businessInfo: { email: 'b@x', businessLegalName: 'Acme' } },
      NOW,
    );
    expect(updated.details.businessInfo).toEqual({
      businessLegalName: 'Acme',
      businessDisplayName: 'Acme Cafe',
      email: 'b@x',
    });
    expect(() =>
      updateMerchantAccount(registered, { businessInfo: { businessLegalName: 'Other' } }, NOW),
    ).toThrowError(rule('InvalidParameterValue'));
  });

  it('claims only with the registered reference, and spends the link', () => {
    expect(() => initiateClaim(registered, 'ref-2', 't', NOW)).toThrowError(
      rule('InvalidParameterValue'),
    );
    const pending = initiateClaim(registered, 'ref-1', 't', NOW);
    expect(pending).toMatchObject({ state: 'ClaimInitiated', claimToken: 't' });
    expect(completeClaim(pending, NOW)).toMatchObject({ state: 'Claimed', claimToken: null });
  });
});

describe('delegation', () => {
  const grant = newDelegation(
    { merchantId: 'AMERCHANT00001', providerId: 'APROVIDER00001' },
    { mwsAuthToken: 'amzn.mws.x', authorizationToken: 'Atzr|x' },
    NOW,
  );
  it('permits exactly the provider the merchant chose, until revoked', () => {
    expect(permits(grant, 'AMERCHANT00001', 'APROVIDER00001')).toBe(true);
    expect(permits(grant, 'AOTHER0000001', 'APROVIDER00001')).toBe(false);
    expect(permits(grant, 'AMERCHANT00001', 'AOTHER0000001')).toBe(false);
    expect(permits(undefined, 'AMERCHANT00001', 'APROVIDER00001')).toBe(false);
    const revoked = revokeDelegation(grant, NOW + 1);
    expect(permits(revoked, 'AMERCHANT00001', 'APROVIDER00001')).toBe(false);
    expect(revokeDelegation(revoked, NOW + 2)).toBe(revoked);
  });
  it('refuses a merchant delegating to itself', () => {
    expect(() =>
      newDelegation(
        { merchantId: 'A1', providerId: 'A1' },
        { mwsAuthToken: 'm', authorizationToken: 'a' },
        NOW,
      ),
    ).toThrowError(rule('InvalidParameterValue'));
  });
});
