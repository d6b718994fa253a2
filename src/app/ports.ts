/**
 * What the app layer needs from the outside world, named here and implemented by store/ and main.ts
 * (DESIGN.md §2). Nothing in app/ imports a driver.
 */
import type { Charge } from '../domain/charge/charge.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import type { CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import type { Merchant, MerchantStore, PublicKey } from '../domain/merchant/merchant.js';
import type { Refund } from '../domain/refund/refund.js';
import type { ReleaseEnvironment } from '../domain/shared/environment.js';
import type { RandomSource } from '../domain/shared/ids.js';
import type { Instant } from '../domain/shared/time.js';
import type { TestBuyer } from '../domain/simulation/test-buyers.js';

/** Real time. Each merchant's time is this plus the merchant's clock offset. */
export interface Clock {
  now(): Instant;
}

/** Which merchant and environment a request acts for: everything it touches must match. */
export interface Scope {
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
}

/** An aggregate stored as one row: key columns for lookups and timers, the rest as a document. */
export interface AggregateRepository<T> {
  find(scope: Scope, id: string): Promise<T | undefined>;
  /** Loads for modification: locks the row until the transaction ends where the database can. */
  findForUpdate(scope: Scope, id: string): Promise<T | undefined>;
  insert(aggregate: T): Promise<void>;
  update(aggregate: T): Promise<void>;
  /** This merchant's objects whose next timer is due at `now`, earliest first (for the scheduler). */
  dueIds(merchantId: string, now: Instant, limit: number): Promise<DueObject[]>;
  /**
   * Whose object this is, for buyer-facing pages that arrive with only an id (an unguessable
   * UUID or a Charge Permission id the merchant handed to its buyer).
   */
  scopeOf(id: string): Promise<Scope | undefined>;
}

export interface DueObject {
  readonly id: string;
  readonly environment: ReleaseEnvironment;
}

export interface ChargeRepository extends AggregateRepository<Charge> {
  listByChargePermission(scope: Scope, chargePermissionId: string): Promise<Charge[]>;
  /**
   * The total, in minor units, of a permission's charges in `currency` created in [from, to) whose
   * state is one of `states` (the monthly limit, spec §7.4).
   */
  sumCharged(
    scope: Scope,
    chargePermissionId: string,
    currency: string,
    period: { readonly from: Instant; readonly to: Instant },
    states: readonly string[],
  ): Promise<number>;
}

export interface RefundRepository extends AggregateRepository<Refund> {
  listByCharge(scope: Scope, chargeId: string): Promise<Refund[]>;
}

export interface MerchantRepository {
  find(merchantId: string): Promise<Merchant | undefined>;
  list(): Promise<Merchant[]>;
  insert(merchant: Merchant): Promise<void>;
  update(merchant: Merchant): Promise<void>;
}

export interface PublicKeyRepository {
  find(publicKeyId: string): Promise<PublicKey | undefined>;
  listByMerchant(merchantId: string): Promise<PublicKey[]>;
  insert(key: PublicKey): Promise<void>;
}

export interface MerchantStoreRepository {
  find(storeId: string): Promise<MerchantStore | undefined>;
  listByMerchant(merchantId: string): Promise<MerchantStore[]>;
  insert(store: MerchantStore): Promise<void>;
}

export interface TestBuyerRepository {
  find(merchantId: string, buyerId: string): Promise<TestBuyer | undefined>;
  listByMerchant(merchantId: string): Promise<TestBuyer[]>;
  insert(merchantId: string, buyer: TestBuyer): Promise<void>;
}

/** The stored outcome of an idempotent POST: replayed byte for byte (spec §6). */
export interface IdempotencyRecord {
  readonly merchantId: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly statusCode: number;
  readonly responseBody: string;
  readonly createdAt: Instant;
}

export interface IdempotencyRepository {
  find(merchantId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Throws UniqueViolation when a concurrent request stored the same key first. */
  insert(record: IdempotencyRecord): Promise<void>;
}

/** A notification waiting for delivery, written with the change that causes it (DESIGN.md §1). */
export interface OutboxMessage {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly objectType: 'CHECKOUT_SESSION' | 'CHARGE_PERMISSION' | 'CHARGE' | 'REFUND';
  readonly objectId: string;
  readonly chargePermissionId: string | null;
  readonly notificationType: 'STATE_CHANGE' | 'ATTRIBUTE_CHANGE';
  readonly createdAt: Instant;
}

export interface OutboxRepository {
  add(message: OutboxMessage): Promise<void>;
  countPending(merchantId: string): Promise<number>;
}

export interface Transaction {
  readonly merchants: MerchantRepository;
  readonly publicKeys: PublicKeyRepository;
  readonly merchantStores: MerchantStoreRepository;
  readonly testBuyers: TestBuyerRepository;
  readonly checkoutSessions: AggregateRepository<CheckoutSession>;
  readonly chargePermissions: AggregateRepository<ChargePermission>;
  readonly charges: ChargeRepository;
  readonly refunds: RefundRepository;
  readonly idempotency: IdempotencyRepository;
  readonly outbox: OutboxRepository;
}

export interface Store {
  /** Runs `work` in one transaction: it commits only if `work` resolves, and rolls back otherwise. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raised by a repository when an insert collides with an existing key. */
export class UniqueViolation extends Error {
  override readonly name = 'UniqueViolation';
}

export interface AppDependencies {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: RandomSource;
}
