/**
 * What the app layer needs from the outside world, named here and implemented by store/ and main.ts
 * (DESIGN.md §2). Nothing in app/ imports a driver.
 */
import type { Charge } from '../domain/charge/charge.js';
import type { SandboxHttpHosts } from '../domain/shared/urls.js';
import type { ChargePermission } from '../domain/charge-permission/charge-permission.js';
import type { CheckoutSession } from '../domain/checkout-session/checkout-session.js';
import type { Merchant, MerchantStore, PublicKey } from '../domain/merchant/merchant.js';
import type { Refund } from '../domain/refund/refund.js';
import type { BuyerToken } from '../domain/sign-in/buyer-token.js';
import type { DeliveryTracker, DeliveryTrackerKey } from '../domain/delivery/delivery-tracker.js';
import type { Region, ReleaseEnvironment } from '../domain/shared/environment.js';
import type { RandomSource } from '../domain/shared/ids.js';
import type { Instant } from '../domain/shared/time.js';
import type { TestBuyer } from '../domain/simulation/test-buyers.js';
import type { PartnerRepositories } from './partners/partner-ports.js';
import type { MerchantDataRepository } from './back-office/reset-ports.js';
import type { InspectionRepository, ObjectListFilter } from './inspection/inspection-ports.js';
import type { ChangeCause, RequestContext } from './inspection/change-cause.js';
import type { V1Repositories } from './v1/v1-ports.js';
import type { RestoreHooks } from './snapshots/restore-hooks.js';
import type { BackOfficeRepositories } from './back-office/back-office-ports.js';

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
  /** The console's listings (app/inspection/): newest first, off the hot path. */
  list(filter: ObjectListFilter): Promise<T[]>;
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
  /** Saves a store's name (Update Store) and its allowed return URLs and JavaScript origins. */
  update(store: MerchantStore): Promise<void>;
}

export interface TestBuyerRepository {
  find(merchantId: string, buyerId: string): Promise<TestBuyer | undefined>;
  listByMerchant(merchantId: string): Promise<TestBuyer[]>;
  /** `addedAt` orders the list: the merchant's first buyer stays the default one. */
  insert(merchantId: string, buyer: TestBuyer, addedAt: Instant): Promise<void>;
  update(merchantId: string, buyer: TestBuyer): Promise<void>;
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
  /** CHARGEBACK: a dispute (amazon-pay-checkout/manage-disputes.html, dispute IPNs). */
  readonly objectType:
    'CHECKOUT_SESSION' | 'CHARGE_PERMISSION' | 'CHARGE' | 'REFUND' | 'CHARGEBACK';
  readonly objectId: string;
  readonly chargePermissionId: string | null;
  readonly notificationType: 'STATE_CHANGE' | 'ATTRIBUTE_CHANGE';
  readonly createdAt: Instant;
}

/**
 * The outbox and its delivery side (src/ipn/): one repository per transaction, described by the
 * smaller ports below so each caller names only what it uses.
 */
export interface OutboxRepository
  extends IpnDispatchRepository, IpnLogRepository, IpnSettingsRepository {
  /** v2 messages (OutboxMessage) and v1 ones (V1OutboxMessage, spec v1 §6) share the outbox. */
  add(message: OutboxMessage | V1OutboxMessage): Promise<void>;
  countPending(merchantId: string): Promise<number>;
  /** Notifications of every merchant waiting for delivery (first attempt or a retry). */
  countQueued(): Promise<number>;
}

/** v1 NotificationType values the emulator sends (spec v1 §6.2). */
export type V1NotificationType =
  | 'OrderReferenceNotification'
  | 'BillingAgreementNotification'
  | 'PaymentAuthorize'
  | 'PaymentCapture'
  | 'PaymentRefund'
  | 'ProviderCredit'
  | 'ProviderCreditReversal';

/** BillingAgreementNotification's EventType (spec v1 §6.2). */
export type V1EventType =
  | 'BillingAgreementStatusUpdated'
  | 'PaymentMethodUpdated'
  | 'AddressUpdated'
  | 'AddressAndPaymentMethodUpdated';

/**
 * An XML element's content as data: keys are child element names in document order, arrays repeat
 * an element, `{}` is an empty element, null leaves the element out.
 */
export interface XmlContent {
  readonly [element: string]: XmlValue | readonly XmlValue[];
}
export type XmlValue = string | number | boolean | null | XmlContent;

/**
 * A v1 notification. Unlike v2, a v1 IPN carries the object's details (NotificationData XML), so
 * they are captured with the change and rendered to XML when the notification is delivered.
 */
export interface V1OutboxMessage {
  readonly apiVersion: 'v1';
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly notificationType: V1NotificationType;
  /** AmazonOrderReferenceId, AmazonBillingAgreementId, AmazonAuthorizationId, … */
  readonly objectId: string;
  /** The order reference or billing agreement the object belongs to (for filtering). */
  readonly parentId: string | null;
  readonly eventType?: V1EventType | undefined;
  /** The content of OrderReference, AuthorizationDetails, CaptureDetails, … as of the change. */
  readonly details: XmlContent;
  readonly createdAt: Instant;
}

export type NotificationStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

/** An outbox row as the dispatcher and the delivery log see it. */
export interface NotificationRecord {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly apiVersion: 'v2' | 'v1';
  readonly objectType: string;
  readonly objectId: string;
  readonly chargePermissionId: string | null;
  readonly notificationType: string;
  /** v1 only: `{ eventType?, details }` as JSON. */
  readonly payload: string | null;
  /** On the merchant's clock, like every time below except leases. */
  readonly createdAt: Instant;
  readonly status: NotificationStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Instant;
  readonly deliveredAt: Instant | null;
  /** Retries are scheduled as offsets from this instant (creation, or the last redelivery). */
  readonly scheduleFrom: Instant;
  /** How many scheduled attempts have run since scheduleFrom. */
  readonly scheduleStep: number;
  readonly lastAttemptAt: Instant | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
}

/** A due notification leased to one dispatcher, with what delivering it needs. */
export interface ClaimedNotification extends NotificationRecord {
  readonly endpointUrl: string;
  readonly subscriptionId: string;
  readonly merchantRegion: Region;
  readonly clockOffsetMs: number;
  /** The merchant's settings (IpnMerchantSettings), read with the claim. */
  readonly signingCertUrl: string | null;
  readonly chaos: IpnChaos;
}

export interface ClaimRequest {
  /** Real time: due means next_attempt_at <= now + the merchant's clock offset. */
  readonly now: Instant;
  readonly owner: string;
  /** Real time until which the claim holds; a crashed owner's rows become claimable after it. */
  readonly leaseUntil: Instant;
  readonly limit: number;
}

/** Copies sent by chaos settings, beside the scheduled delivery (null). */
export type ChaosCopy = 'duplicate' | 'badSignature';

export type AttemptOutcome = 'delivered' | 'rejected' | 'httpError' | 'timeout' | 'networkError';

/** One POST to a merchant endpoint, as the delivery log keeps it (append-only). */
export interface DeliveryAttempt {
  readonly id: string;
  readonly notificationId: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  /** The notification's attempt number; chaos copies share the number of the attempt they copy. */
  readonly attempt: number;
  readonly chaos: ChaosCopy | null;
  readonly url: string;
  /** When it was due and when it was sent, on the merchant's clock. */
  readonly scheduledAt: Instant;
  readonly attemptedAt: Instant;
  readonly latencyMs: number;
  readonly outcome: AttemptOutcome;
  readonly statusCode: number | null;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
  readonly dispatcher: string;
}

/** What one attempt did to its notification; applied only while `owner` still holds the lease. */
export interface NotificationUpdate {
  readonly id: string;
  readonly owner: string;
  readonly status: NotificationStatus;
  readonly scheduleStep: number;
  readonly nextAttemptAt: Instant;
  readonly deliveredAt: Instant | null;
  readonly lastAttemptAt: Instant;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
}

/** The dispatcher's side: lease due notifications, record what happened, let go on shutdown. */
export interface IpnDispatchRepository {
  /** Due notifications of merchants with an endpoint for their environment, oldest due first. */
  claimDue(request: ClaimRequest): Promise<ClaimedNotification[]>;
  recordAttempts(
    attempts: readonly DeliveryAttempt[],
    updates: readonly NotificationUpdate[],
  ): Promise<void>;
  releaseLeases(owner: string, ids: readonly string[]): Promise<void>;
  /** Extends this owner's leases (a chaos delay holds a claimed row longer). */
  renewLeases(owner: string, ids: readonly string[], leaseUntil: Instant): Promise<void>;
}

export interface NotificationFilter {
  readonly merchantId?: string | undefined;
  readonly status?: NotificationStatus | undefined;
  readonly objectId?: string | undefined;
  readonly limit: number;
}

export interface AttemptFilter {
  readonly merchantId?: string | undefined;
  readonly notificationId?: string | undefined;
  readonly limit: number;
}

/** The delivery log: notifications and attempts, newest first, and redelivery. */
export interface IpnLogRepository {
  findNotification(id: string): Promise<NotificationRecord | undefined>;
  listNotifications(filter: NotificationFilter): Promise<NotificationRecord[]>;
  listAttempts(filter: AttemptFilter): Promise<DeliveryAttempt[]>;
  /**
   * Makes notifications due at `now` (the merchant's time) with a fresh retry schedule: one by id,
   * or every one of a merchant in the given statuses. Pending ones only become due now. Answers
   * how many were requeued.
   */
  requeue(
    target:
      | { readonly id: string }
      | { readonly merchantId: string; readonly statuses: readonly NotificationStatus[] },
    now: Instant,
  ): Promise<number>;
}

/** Where a merchant's IPNs go, per environment (Seller Central keeps one URL per environment). */
export interface IpnEndpoint {
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly url: string;
  /** The last part of the subscription ARN; the UnsubscribeURL names it. */
  readonly subscriptionId: string;
  readonly createdAt: Instant;
  /** v1 event types it subscribes to, stored form (v1-event-types.ts); null or absent: all. */
  readonly eventTypes?: string | null;
}

/** Chaos for merchants' handlers (all off by default): rates are probabilities 0 to 1. */
export interface IpnChaos {
  readonly duplicateRate: number;
  readonly badSignatureRate: number;
  /** Each delivery waits a random 0 to this many ms, so notifications arrive out of order. */
  readonly outOfOrderWindowMs: number;
  /** Each delivery waits this many ms first. */
  readonly delayMs: number;
}

export interface IpnMerchantSettings {
  readonly merchantId: string;
  /** Overrides the SigningCertURL localpay puts in envelopes (e.g. a host a verifier accepts). */
  readonly signingCertUrl: string | null;
  readonly chaos: IpnChaos;
}

export interface IpnSettingsRepository {
  listEndpoints(merchantId?: string): Promise<IpnEndpoint[]>;
  findEndpointBySubscription(subscriptionId: string): Promise<IpnEndpoint | undefined>;
  putEndpoint(endpoint: IpnEndpoint): Promise<void>;
  removeEndpoint(merchantId: string, environment: ReleaseEnvironment): Promise<boolean>;
  /**
   * Marks pending notifications created before `before` as skipped: they were committed while no
   * endpoint was configured, and Amazon only notifies configured endpoints.
   */
  skipPending(
    merchantId: string,
    environment: ReleaseEnvironment,
    before: Instant,
  ): Promise<number>;
  findSettings(merchantIds: readonly string[]): Promise<IpnMerchantSettings[]>;
  putSettings(settings: IpnMerchantSettings, at: Instant): Promise<void>;
}

/** The v1 (MWS) repositories are declared in v1/v1-ports.ts. */
export interface Transaction extends V1Repositories, BackOfficeRepositories, PartnerRepositories {
  /**
   * Runs part of the unit's work for another cause than the unit's own (a timer's change made
   * while a request reads the object, a console action): the timeline names it for the changes
   * `work` makes.
   */
  causedBy<T>(cause: ChangeCause, work: () => Promise<T>): Promise<T>;
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
  readonly buyerTokens: BuyerTokenRepository;
  readonly deliveryTrackers: DeliveryTrackerRepository;
  readonly inspection: InspectionRepository;
  readonly merchantData: MerchantDataRepository;
}

/** Delivery trackers (domain/delivery/delivery-tracker.ts). */
export interface DeliveryTrackerRepository {
  /** Throws UniqueViolation when the carrier's tracking number was used before. */
  insert(tracker: DeliveryTracker): Promise<void>;
  /** A merchant's trackers, newest first, optionally of one order (at most 500). */
  list(merchantId: string, objectId?: string): Promise<DeliveryTracker[]>;
  /** One tracker by its key (the console's object page). */
  find(key: DeliveryTrackerKey): Promise<DeliveryTracker | undefined>;
  /** The console's listing: newest first; the search matches the order id or tracking number. */
  search(filter: ObjectListFilter): Promise<DeliveryTracker[]>;
}

/** Amazon Sign-in's buyer tokens (domain/sign-in/buyer-token.ts). */
export interface BuyerTokenRepository {
  find(token: string): Promise<BuyerToken | undefined>;
  insert(token: BuyerToken): Promise<void>;
}

export interface Store {
  /**
   * Runs `work` atomically: its writes commit only if `work` resolves, and roll back otherwise;
   * either way the outcome is handed back once it is durable. Concurrent units may share one
   * database transaction (SQLite's group commit) but each behaves as if committed alone, in turn.
   * `work` must not start another transaction and wait for it: that one would wait for this one.
   * `cause` is what the timeline names for the state changes `work` makes (none: null); callers
   * pass it through their dependencies (change-cause.ts), not here.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, cause?: ChangeCause | null): Promise<T>;
  /** Named copies of the whole store (app/snapshots.ts, docs/snapshots.md). */
  readonly snapshots: SnapshotStore;
  close(): Promise<void>;
}

/** What a saved snapshot holds, as listed. */
export interface SnapshotSummary {
  readonly name: string;
  /** When it was saved (system time, epoch milliseconds). */
  readonly createdAt: Instant;
  /** Its size on disk (SQLite: the file; PostgreSQL: its tables). */
  readonly bytes: number;
  /** The last migration of the store it was saved from; restore needs the same. */
  readonly schemaVersion: string;
  /** Rows per table of the store, every table the migrations made. */
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * Saves, lists, restores and deletes named copies of every table of the store. Restore replaces
 * all of them in one transaction, serialised against every other unit of work.
 */
export interface SnapshotStore {
  /** Answers 'exists' (and writes nothing) when the name is taken and `overwrite` is false. */
  save(name: string, createdAt: Instant, overwrite: boolean): Promise<SnapshotSummary | 'exists'>;
  list(): Promise<SnapshotSummary[]>;
  /** Undefined when there is no snapshot of that name; throws SnapshotIncompatible. */
  restore(name: string): Promise<SnapshotSummary | undefined>;
  /** False when there was no snapshot of that name. */
  delete(name: string): Promise<boolean>;
  /**
   * Calls `listener` when another process sharing the database restores a snapshot (PostgreSQL;
   * the embedded store has one process). Answers how to stop listening.
   */
  watchRestores(listener: () => void): Promise<() => Promise<void>>;
}

/** A snapshot saved by a different schema version (an older or newer localpay). */
export class SnapshotIncompatible extends Error {
  override readonly name = 'SnapshotIncompatible';
}

/** Raised by a repository when an insert collides with an existing key. */
export class UniqueViolation extends Error {
  override readonly name = 'UniqueViolation';
}

export interface AppDependencies {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Which hosts may use plain http return URLs in Sandbox (default localhost only; urls.ts). */
  readonly sandboxHttpReturnUrls?: SandboxHttpHosts;
  /** In-memory state a snapshot restore pauses and refreshes (absent in one-shot CLI runs). */
  readonly restoreHooks?: RestoreHooks;
  /**
   * The request (or timer, or console action) these dependencies act for: its store's
   * transactions carry its cause (change-cause.ts). Absent in the process-wide dependencies.
   */
  readonly requestContext?: RequestContext;
}
