import { createPublicKey } from 'node:crypto';
import { LOOPBACK_DESTINATIONS } from '../domain/merchant/allowed-destinations.js';
import {
  advanceClock as advance,
  MAX_CLOCK_OFFSET_MS,
  type Merchant,
  type MerchantStore,
  type PublicKey,
} from '../domain/merchant/merchant.js';
import type { TraClass } from '../domain/sca/sca-policy.js';
import type { Region, ReleaseEnvironment } from '../domain/shared/environment.js';
import { DomainError, invalidParameter, notFound } from '../domain/shared/errors.js';
import {
  newBuyerId,
  newMerchantId,
  newPublicKeyId,
  newStoreId,
  type RandomSource,
} from '../domain/shared/ids.js';
import type { Instant } from '../domain/shared/time.js';
import { defaultTestBuyer } from '../domain/simulation/test-buyers.js';
import type { AppDependencies, Transaction } from './ports.js';
import { runDueTimers } from './run-due-timers.js';
import { issueMwsCredential } from './v1/mws-credentials.js';

/** Operator controls behind the admin API and the CLI: merchants, their keys, their clocks. */
export interface MerchantOverview {
  readonly merchant: Merchant;
  readonly stores: readonly MerchantStore[];
  readonly publicKeys: readonly Omit<PublicKey, 'publicKeyPem'>[];
  /** The merchant's current time, which timers run on. */
  readonly now: number;
}

export interface CreateMerchantInput {
  readonly name: string;
  readonly region: Region;
  readonly merchantId?: string | undefined;
}

/** A new merchant starts with one store and one sandbox test buyer holding every test card. */
export function createMerchant(
  deps: AppDependencies,
  input: CreateMerchantInput,
): Promise<MerchantOverview> {
  return deps.store.transaction((tx) => insertMerchant(tx, deps.random, input, deps.clock.now()));
}

/**
 * createMerchant inside a caller's transaction: the admin API, and a solution provider registering
 * a merchant account (issue 13), make the same merchant the same way.
 */
export async function insertMerchant(
  tx: Transaction,
  random: RandomSource,
  input: CreateMerchantInput,
  now: Instant,
): Promise<MerchantOverview> {
  const name = input.name.trim();
  if (name === '' || name.length > 100) throw invalidParameter('name', 'give 1 to 100 characters.');
  const merchantId = input.merchantId ?? newMerchantId(random);
  if (!/^A[A-Z0-9]{11,13}$/.test(merchantId))
    throw invalidParameter(
      'merchantId',
      'merchant ids are A followed by 11 to 13 upper-case letters or digits.',
    );
  if (await tx.merchants.find(merchantId))
    throw new DomainError('InvalidRequest', `The merchant ${merchantId} already exists.`);
  const merchant: Merchant = {
    merchantId,
    name,
    region: input.region,
    clockOffsetMs: 0,
    scaTraClass: 'None',
    createdAt: now,
  };
  const store: MerchantStore = {
    storeId: newStoreId(random),
    merchantId,
    name: `${name} store`,
    ...LOOPBACK_DESTINATIONS,
  };
  await tx.merchants.insert(merchant);
  await tx.merchantStores.insert(store);
  await tx.testBuyers.insert(
    merchantId,
    defaultTestBuyer(input.region, newBuyerId(random)),
    merchant.createdAt,
  );
  // Every merchant gets an MWS access key for the v1 API (spec v1 §1.3).
  await issueMwsCredential(tx, random, merchantId, merchant.createdAt);
  return { merchant, stores: [store], publicKeys: [], now: merchant.createdAt };
}

export function getMerchantOverview(
  deps: AppDependencies,
  merchantId: string,
): Promise<MerchantOverview> {
  return deps.store.transaction(async (tx) => {
    const merchant = await tx.merchants.find(merchantId);
    if (!merchant) throw notFound('merchant', merchantId);
    const keys = await tx.publicKeys.listByMerchant(merchantId);
    return {
      merchant,
      stores: await tx.merchantStores.listByMerchant(merchantId),
      publicKeys: keys.map(({ publicKeyPem: _pem, ...rest }) => rest),
      now: deps.clock.now() + merchant.clockOffsetMs,
    };
  });
}

export const listMerchants = (deps: AppDependencies): Promise<Merchant[]> =>
  deps.store.transaction((tx) => tx.merchants.list());

export interface RegisterPublicKeyInput {
  readonly publicKeyPem: string;
  /** null registers a legacy key, whose requests name the environment in the path. */
  readonly environment: ReleaseEnvironment | null;
  readonly publicKeyId?: string | undefined;
}

/** Only RSA keys sign Amazon Pay requests (spec §1.5); the PEM is stored normalised (SPKI). */
function normalisePublicKey(pem: string): string {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw invalidParameter('publicKeyPem', 'it must be an RSA public key in PEM form.');
  }
}

export async function registerPublicKey(
  deps: AppDependencies,
  merchantId: string,
  input: RegisterPublicKeyInput,
): Promise<PublicKey> {
  const publicKeyPem = normalisePublicKey(input.publicKeyPem);
  const publicKeyId = input.publicKeyId ?? newPublicKeyId(deps.random, input.environment);
  if (!/^[A-Za-z0-9-]{8,64}$/.test(publicKeyId))
    throw invalidParameter('publicKeyId', 'use 8 to 64 letters, digits or dashes.');
  const prefixed = /^(SANDBOX|LIVE)/i.exec(publicKeyId)?.[1]?.toUpperCase();
  const implied = prefixed === 'SANDBOX' ? 'Sandbox' : prefixed === 'LIVE' ? 'Live' : null;
  if (implied !== input.environment)
    throw invalidParameter(
      'publicKeyId',
      'environment-specific key ids start with SANDBOX- or LIVE- and match the environment; legacy ids have neither.',
    );
  return deps.store.transaction(async (tx) => {
    if (!(await tx.merchants.find(merchantId))) throw notFound('merchant', merchantId);
    if (await tx.publicKeys.find(publicKeyId))
      throw new DomainError(
        'InvalidRequest',
        `The public key id ${publicKeyId} is already registered.`,
      );
    const key: PublicKey = {
      publicKeyId,
      merchantId,
      environment: input.environment,
      publicKeyPem,
      createdAt: deps.clock.now(),
    };
    await tx.publicKeys.insert(key);
    return key;
  });
}

/** Moves the merchant's clock forward and fires every timer that became due. */
export async function advanceMerchantClock(
  deps: AppDependencies,
  merchantId: string,
  byMs: number,
): Promise<MerchantOverview> {
  if (!Number.isSafeInteger(byMs) || byMs < 0)
    throw invalidParameter(
      'by',
      'the clock only moves forward, by a whole number of milliseconds.',
    );
  await deps.store.transaction(async (tx) => {
    const merchant = await tx.merchants.find(merchantId);
    if (!merchant) throw notFound('merchant', merchantId);
    if (merchant.clockOffsetMs + byMs > MAX_CLOCK_OFFSET_MS)
      throw invalidParameter('by', 'the clock can run at most 100 years ahead of the real one.');
    await tx.merchants.update(advance(merchant, byMs));
  });
  await runDueTimers(deps, merchantId);
  return getMerchantOverview(deps, merchantId);
}

/** Sets the merchant's fraud-rate class for the transaction-risk-analysis exemption (PSD2 RTS art. 18). */
export async function setScaSettings(
  deps: AppDependencies,
  merchantId: string,
  settings: { readonly scaTraClass: TraClass },
): Promise<MerchantOverview> {
  await deps.store.transaction(async (tx) => {
    const merchant = await tx.merchants.find(merchantId);
    if (!merchant) throw notFound('merchant', merchantId);
    await tx.merchants.update({ ...merchant, scaTraClass: settings.scaTraClass });
  });
  return getMerchantOverview(deps, merchantId);
}
