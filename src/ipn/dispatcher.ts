/**
 * The IPN dispatcher (DESIGN.md §1): takes due notifications from the outbox and POSTs them to the
 * merchants' endpoints, at least once, retrying on the configured schedule.
 *
 * It works in cycles of one short transaction each: record the attempts finished since the last
 * cycle, and lease due rows for the free delivery slots (PostgreSQL: FOR UPDATE SKIP LOCKED, so
 * several processes take disjoint rows). The POSTs run outside any transaction, with bounded
 * concurrency; while one cycle commits, finished attempts pile up for the next, so the number of
 * transactions (and of durable flushes) falls as the load rises. A lease outlives the slowest
 * attempt, so a live dispatcher never loses a row to another and a notification goes out twice
 * only by chaos; a killed one's rows become claimable when their lease runs out. Commits in this
 * process wake the dispatcher at once (outbox-signal.ts); polling finds what other processes
 * committed, and retries that became due.
 */
import { hostname } from 'node:os';
import type {
  ClaimedNotification,
  Clock,
  DeliveryAttempt,
  NotificationUpdate,
  Store,
} from '../app/ports.js';
import type { IpnConfig } from '../config/ipn-config.js';
import type { RandomSource } from '../domain/shared/ids.js';
import { planChaos, type ChaosPlan } from './chaos.js';
import { httpTransport, type PostResult, type Transport } from './http-delivery.js';
import { buildEnvelope } from './notification-envelope.js';
import { attemptOffsets, nextStep } from './retry-schedule.js';
import { snsHeaders, withBadSignature } from './sns-envelope.js';
import type { IpnSigningMaterial } from './signing-material.js';

export interface DispatcherOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly config: IpnConfig;
  readonly signing: IpnSigningMaterial;
  /** localpay's public base URL, read when an envelope is built (listeners bind late). */
  readonly publicBaseUrl: () => string;
  readonly transport?: Transport;
  /** Uniform [0, 1) for chaos decisions. */
  readonly chance?: () => number;
  readonly log?: (error: unknown, what: string) => void;
  /** Told every POST's outcome and latency (the metrics' IPN attempt counters). */
  readonly onAttempt?: (outcome: string, latencyMs: number) => void;
}

/** Slack on top of the attempts one claim may make (three POSTs with chaos) and their recording. */
const LEASE_GRACE_MS = 10_000;
/** How long a finished attempt may wait for others to be recorded with it. */
const RECORD_PAUSE_MS = 5;

interface Claimed {
  readonly notification: ClaimedNotification;
  readonly plan: ChaosPlan;
}

interface Finished {
  readonly attempts: DeliveryAttempt[];
  readonly update: NotificationUpdate;
}

export class IpnDispatcher {
  /** Identifies this dispatcher's leases in the outbox and its attempts in the log. */
  readonly owner: string;
  private readonly offsets: readonly number[];
  private readonly transport: Transport;
  private readonly chance: () => number;
  private readonly log: (error: unknown, what: string) => void;
  /** `merchantId/environment` pairs with an endpoint; null until first read. */
  private endpoints: ReadonlySet<string> | null = null;
  private inFlight = 0;
  private finished: Finished[] = [];
  private cycling = false;
  private again = false;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private idleWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private recordTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Set while a snapshot restore runs: no cycle starts (restore-hooks.ts). */
  private paused = false;
  /** Bumped by a restore: attempts begun before it are not recorded into the restored world. */
  private epoch = 0;
  private cycleDone: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();

  constructor(private readonly options: DispatcherOptions) {
    this.owner = `${hostname()}/${process.pid}/${options.random.hex(8)}`;
    this.offsets = attemptOffsets(options.config.retrySchedule);
    this.transport = options.transport ?? httpTransport;
    this.chance = options.chance ?? Math.random;
    this.log = options.log ?? (() => undefined);
  }

  /** Starts polling; commits in this process wake it sooner. */
  start(): void {
    if (this.timer !== null || this.closed) return;
    this.timer = setInterval(() => this.refreshThenCycle(), this.options.config.pollMs);
    this.timer.unref();
    this.refreshThenCycle();
  }

  /**
   * Something was committed. With a merchant and environment, a notification of theirs: nothing
   * to do unless they have an endpoint (the cache is refreshed on every poll). Without, endpoints,
   * settings or clocks changed, or notifications were requeued: re-read endpoints, then claim.
   */
  wake(merchantId?: string, environment?: string): void {
    if (this.closed) return;
    if (merchantId === undefined) return this.refreshThenCycle();
    if (this.endpoints !== null && !this.endpoints.has(`${merchantId}/${environment ?? ''}`))
      return;
    this.cycle();
  }

  /** Resolves once nothing is claimed, in flight or waiting to be recorded (tests, benchmarks). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Before a snapshot restore: starts no cycle, and waits for the one running (its transaction
   * must not straddle the restore). POSTs in flight carry on; `resumeAfterRestore` drops them.
   */
  async pause(): Promise<void> {
    this.paused = true;
    await this.cycleDone;
    await this.refreshing;
  }

  /**
   * After a restore: outcomes of attempts begun before it belong to notifications of the old
   * world (the restore handed every lease back), so they are dropped, not recorded; then the
   * restored outbox is read afresh.
   */
  resumeAfterRestore(): void {
    this.epoch += 1;
    this.finished = [];
    this.paused = false;
    this.refreshThenCycle();
  }

  /** Stops claiming, lets POSTs in flight finish (bounded by the timeout), records them. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.stopping.abort();
    await this.whenIdle();
    await this.refreshing;
  }

  private isIdle(): boolean {
    return (
      this.inFlight === 0 &&
      !this.cycling &&
      this.finished.length === 0 &&
      this.recordTimer === null
    );
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** One refresh at a time; one asked for meanwhile runs after it (it may see a newer commit). */
  private refreshThenCycle(): void {
    if (this.closed) return;
    if (this.refreshing !== null) {
      this.refreshAgain = true;
      return;
    }
    this.refreshAgain = false;
    this.refreshing = this.refreshEndpoints()
      .catch((error: unknown) => this.log(error, 'reading IPN endpoints failed'))
      .finally(() => {
        this.refreshing = null;
        if (this.refreshAgain) this.refreshThenCycle();
        else this.cycle();
      });
  }

  private async refreshEndpoints(): Promise<void> {
    const endpoints = await this.options.store.transaction((tx) => tx.outbox.listEndpoints());
    this.endpoints = new Set(endpoints.map((e) => `${e.merchantId}/${e.environment}`));
  }

  /**
   * A finished attempt is recorded by the next cycle, which should carry many: it runs at once
   * when half the slots have finished or nothing else is in flight, else after a short pause.
   * Without the pause, SQLite's synchronous commits would make every cycle carry one attempt.
   */
  private recordSoon(): void {
    const { concurrency } = this.options.config;
    if (this.inFlight === 0 || this.finished.length >= concurrency / 2 || this.closed)
      return this.cycle();
    if (this.recordTimer !== null) return;
    this.recordTimer = setTimeout(() => {
      this.recordTimer = null;
      this.cycle();
    }, RECORD_PAUSE_MS);
  }

  /** Runs cycles until there is nothing to record and no due row for a free slot; one at a time. */
  private cycle(): void {
    if (this.recordTimer !== null) {
      clearTimeout(this.recordTimer);
      this.recordTimer = null;
    }
    if (this.cycling) {
      this.again = true;
      return;
    }
    if (this.paused) return;
    this.cycling = true;
    this.cycleDone = this.cycles()
      .catch((error: unknown) => this.log(error, 'an IPN dispatch cycle failed'))
      .finally(() => {
        this.cycling = false;
        this.settle();
      });
  }

  private async cycles(): Promise<void> {
    for (;;) {
      this.again = false;
      const batch = this.finished;
      this.finished = [];
      const free = this.closed || this.paused ? 0 : this.options.config.concurrency - this.inFlight;
      if (batch.length === 0 && free <= 0) return;
      const now = this.options.clock.now();
      const leaseMs = 3 * this.options.config.timeoutMs + LEASE_GRACE_MS;
      let claimed: Claimed[];
      try {
        claimed = await this.options.store.transaction(async (tx) => {
          if (batch.length > 0)
            await tx.outbox.recordAttempts(
              batch.flatMap((item) => item.attempts),
              batch.map((item) => item.update),
            );
          if (free <= 0) return [];
          const rows = await tx.outbox.claimDue({
            now,
            owner: this.owner,
            leaseUntil: now + leaseMs,
            limit: free,
          });
          const planned = rows.map((notification) => ({
            notification,
            plan: planChaos(notification.chaos, this.chance),
          }));
          // A chaos wait holds its row longer: its lease covers the wait too.
          const held = planned.filter(({ plan }) => plan.waitMs > 0);
          if (held.length > 0)
            await tx.outbox.renewLeases(
              this.owner,
              held.map(({ notification }) => notification.id),
              now + leaseMs + Math.max(...held.map(({ plan }) => plan.waitMs)),
            );
          return planned;
        });
      } catch (error) {
        // Outcomes not recorded are tried again by the next cycle (a commit, a poll, an attempt);
        // when closing they are dropped: the rows stay leased and go out again after the lease.
        if (!this.closed) this.finished = [...batch, ...this.finished];
        throw error;
      }
      this.dispatch(claimed);
      // More may be due (the claim filled every slot), or more was recorded or woken meanwhile.
      if (!this.again && this.finished.length === 0 && claimed.length < free) return;
    }
  }

  private dispatch(claimed: readonly Claimed[]): void {
    const epoch = this.epoch;
    for (const { notification, plan } of claimed) {
      this.inFlight += 1;
      void this.deliver(notification, plan).then(
        (finished) => {
          this.inFlight -= 1;
          if (finished && epoch === this.epoch) this.finished.push(finished);
          this.recordSoon();
        },
        (error: unknown) => {
          this.inFlight -= 1;
          // Left leased: after the lease another cycle (or process) tries it again.
          this.log(error, `delivering IPN ${notification.id} failed`);
          this.cycle();
        },
      );
    }
  }

  /** The POSTs of one claimed notification; null when closing cut a chaos wait short. */
  private async deliver(
    notification: ClaimedNotification,
    plan: ChaosPlan,
  ): Promise<Finished | null> {
    if (plan.waitMs > 0 && !(await this.hold(plan.waitMs))) {
      await this.options.store.transaction((tx) =>
        tx.outbox.releaseLeases(this.owner, [notification.id]),
      );
      return null;
    }
    const { envelope, subscriptionArn } = await buildEnvelope(notification, {
      publicBaseUrl: this.options.publicBaseUrl(),
      signingCertUrl: notification.signingCertUrl,
      key: this.options.signing.privateKey,
    });
    const headers = snsHeaders(envelope, subscriptionArn);
    const attempts: DeliveryAttempt[] = [];
    const send = async (body: string, chaos: DeliveryAttempt['chaos']): Promise<PostResult> => {
      const attemptedAt = this.options.clock.now() + notification.clockOffsetMs;
      const result = await this.transport(
        notification.endpointUrl,
        headers,
        body,
        this.options.config.timeoutMs,
      );
      attempts.push(this.attemptRecord(notification, chaos, attemptedAt, result));
      this.options.onAttempt?.(result.outcome, result.latencyMs);
      return result;
    };
    if (plan.badSignature) await send(JSON.stringify(withBadSignature(envelope)), 'badSignature');
    const body = JSON.stringify(envelope);
    const result = await send(body, null);
    const at = attempts.at(-1)?.attemptedAt ?? this.options.clock.now();
    if (result.outcome === 'delivered' && plan.duplicate) await send(body, 'duplicate');
    return {
      attempts,
      update: {
        id: notification.id,
        owner: this.owner,
        ...nextStep(this.offsets, notification, result, at),
        lastAttemptAt: at,
        lastStatusCode: result.statusCode,
        lastError: result.error ?? (result.outcome === 'delivered' ? null : result.outcome),
      },
    };
  }

  private attemptRecord(
    notification: ClaimedNotification,
    chaos: DeliveryAttempt['chaos'],
    attemptedAt: number,
    result: PostResult,
  ): DeliveryAttempt {
    return {
      id: this.options.random.timeOrderedUuid(),
      notificationId: notification.id,
      merchantId: notification.merchantId,
      environment: notification.environment,
      attempt: notification.attempts + 1,
      chaos,
      url: notification.endpointUrl,
      scheduledAt: notification.nextAttemptAt,
      attemptedAt,
      latencyMs: Math.round(result.latencyMs),
      outcome: result.outcome,
      statusCode: result.statusCode,
      responseExcerpt: result.responseExcerpt,
      error: result.error,
      dispatcher: this.owner,
    };
  }

  /** Waits for chaos; answers false when the dispatcher is closing instead. */
  private hold(ms: number): Promise<boolean> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', stop);
        resolve(true);
      }, ms);
      const stop = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', stop, { once: true });
    });
  }
}
