import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../shared/errors.js';
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

const codeOf = (run: () => unknown): ErrorCode | 'ok' => {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

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
    expect(codeOf(() => OPERATIONS[op](inState(state)))).toBe(EXPECTED[state][op]);
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
    expect(
      codeOf(() =>
        updateMerchantAccount(registered, { businessInfo: { businessLegalName: 'Other' } }, NOW),
      ),
    ).toBe('InvalidParameterValue');
  });

  it('claims only with the registered reference, and spends the link', () => {
    expect(codeOf(() => initiateClaim(registered, 'ref-2', 't', NOW))).toBe(
      'InvalidParameterValue',
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
    expect(
      codeOf(() =>
        newDelegation(
          { merchantId: 'A1', providerId: 'A1' },
          { mwsAuthToken: 'm', authorizationToken: 'a' },
          NOW,
        ),
      ),
    ).toBe('InvalidParameterValue');
  });
});
