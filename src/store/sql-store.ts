/**
 * The Store port (src/app/ports.ts) over SQLite or PostgreSQL: open the database, migrate it once
 * at start-up, then hand each unit of work a Transaction whose repositories share one database
 * transaction (state, idempotency record and outbox rows commit together, DESIGN.md §1).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { SnapshotStore, Store, Transaction } from '../app/ports.js';
import type { ChangeCause } from '../app/inspection/change-cause.js';
import {
  CHARGE_PERMISSIONS,
  CHARGES,
  CHECKOUT_SESSIONS,
  REFUNDS,
  SqlAggregateRepository,
  SqlChargeRepository,
  SqlRefundRepository,
} from './aggregate-repository.js';
import { createPostgresDatabase, createSqliteDatabase } from './dialects.js';
import { SqlBuyerTokenRepository } from './buyer-token-repository.js';
import { SqlDeliveryTrackerRepository } from './delivery-tracker-repository.js';
import { DEFAULT_LIMITS, GroupCommit } from './group-commit.js';
import {
  cachingRepositories,
  ConfigurationCache,
  invalidatingConnection,
} from './configuration-cache.js';
import { SqlIdempotencyRepository } from './idempotency-repository.js';
import { SqlPublicKeyRepository } from './key-repository.js';
import { SqlMerchantRepository, SqlMerchantStoreRepository } from './merchant-repository.js';
import { migrateToLatest } from './migrations.js';
import { SqlInspectionRepository } from './inspection-repository.js';
import { SqlMerchantDataRepository } from './merchant-data-repository.js';
import { SqlOutboxRepository } from './outbox-repository.js';
import type { Database } from './schema.js';
import { kyselyRunners, sqliteRunners, type SqlRunner, type UnitCause } from './sql-runner.js';
import { sqliteBatchConnection, totalChanges } from './sqlite-batch-connection.js';
import { WalCheckpointer } from './wal-checkpoint.js';
import { WalFlusher } from './wal-flush.js';
import { SqlTestBuyerRepository } from './test-buyer-repository.js';
import { bindPartnerRepositories } from './partner-repositories.js';
import { bindV1Repositories } from './v1-repositories.js';
import { bindBackOfficeRepositories } from './back-office-repositories.js';
import { postgresRestoreSignal } from './postgres-restore-signal.js';
import { TransactionGate } from './transaction-gate.js';
import { postgresSnapshots } from './postgres-snapshots.js';
import { sqliteSnapshots } from './sqlite-snapshots.js';
import { DEFAULT_CACHE_MAX_MIB, PageCacheFitter } from './sqlite-page-cache.js';

export type StoreOptions =
  | {
      readonly kind: 'sqlite';
      readonly file: string;
      readonly synchronous?: 'FULL' | 'NORMAL' | undefined;
      /** Bound of the page cache, which follows the file's size (sqlite-page-cache.ts). */
      readonly cacheMaxMib?: number | undefined;
      /** Told the size of every group commit (metrics). */
      readonly onCommitBatch?: ((units: number) => void) | undefined;
    }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      readonly maxConnections?: number | undefined;
      /** Named, server-side prepared statements (postgres-prepared-statements.ts); on unless false. */
      readonly preparedStatements?: boolean | undefined;
    };

/** Repositories bound to one unit of work's connection; a handful of small objects. */
function bindTransaction(runner: SqlRunner, lockRows: boolean): Transaction {
  const { db } = runner;
  return {
    async causedBy<T>(cause: ChangeCause, work: () => Promise<T>): Promise<T> {
      const before = runner.cause.current;
      runner.cause.current = cause;
      try {
        return await work();
      } finally {
        runner.cause.current = before;
      }
    },
    merchants: new SqlMerchantRepository(runner),
    publicKeys: new SqlPublicKeyRepository(db),
    merchantStores: new SqlMerchantStoreRepository(db),
    testBuyers: new SqlTestBuyerRepository(runner),
    checkoutSessions: new SqlAggregateRepository(runner, CHECKOUT_SESSIONS, lockRows),
    chargePermissions: new SqlAggregateRepository(runner, CHARGE_PERMISSIONS, lockRows),
    charges: new SqlChargeRepository(runner, CHARGES, lockRows),
    refunds: new SqlRefundRepository(runner, REFUNDS, lockRows),
    idempotency: new SqlIdempotencyRepository(runner),
    outbox: new SqlOutboxRepository(runner),
    buyerTokens: new SqlBuyerTokenRepository(db),
    deliveryTrackers: new SqlDeliveryTrackerRepository(runner),
    inspection: new SqlInspectionRepository(runner),
    merchantData: new SqlMerchantDataRepository(db),
    ...bindV1Repositories(runner, lockRows),
    ...bindBackOfficeRepositories(runner, lockRows),
    ...bindPartnerRepositories(runner),
  };
}

/**
 * SQLite: one connection, so units of work run one at a time anyway; group commit lets the ones
 * that queue meanwhile share a transaction and its flush (group-commit.ts). Row locks are not
 * needed: BEGIN IMMEDIATE serialises writers, and within the process units never interleave.
 */
class SqliteStore implements Store {
  readonly #commits: GroupCommit<Transaction>;
  /** The cause of the unit running now: units run one at a time, each sets it as it starts. */
  readonly #unitCause: UnitCause = { current: null };
  readonly snapshots: SnapshotStore;

  constructor(
    private readonly db: Kysely<Database>,
    sqlite: BetterSqlite3.Database,
    file: string,
    onCommitBatch: ((units: number) => void) | undefined,
    /** synchronous=FULL: the WAL's flush, off the event loop (wal-flush.ts); null for NORMAL. */
    private readonly flusher: WalFlusher | null,
    private readonly checkpointer: WalCheckpointer,
    pageCache: PageCacheFitter,
  ) {
    const runner = sqliteRunners(sqlite);
    const cache = new ConfigurationCache(sqlite);
    const cachedTransaction = (tx: Transaction): Transaction => ({
      ...tx,
      ...cachingRepositories(cache, tx),
    });
    // Kysely's connection is held for the whole batch, so the queries repositories build with
    // Kysely run on it inside the batch's transaction, like the compiled ones.
    this.#commits = new GroupCommit(
      invalidatingConnection(sqliteBatchConnection(sqlite), cache),
      (batch) =>
        db
          .connection()
          .execute((connection) =>
            batch(cachedTransaction(bindTransaction(runner(connection, this.#unitCause), false))),
          ),
      DEFAULT_LIMITS,
      (units) => {
        // Past the WAL's limit, the last checkpoint before the WAL starts over runs with the
        // writes held, between batches (wal-checkpoint.ts).
        if (checkpointer.afterCommit())
          // The checkpoint keeps its own failure; what else can reject here (the WAL's flush
          // after it) fails every later batch too, and is answered there.
          this.#commits.exclusive(() => checkpointer.finalCheckpoint()).catch(() => undefined);
        pageCache.fit();
        onCommitBatch?.(units);
      },
      flusher,
    );
    // A restore replaces every row behind the cache's back.
    this.snapshots = sqliteSnapshots(sqlite, file, (work) =>
      this.#commits.exclusive(() => work().finally(() => cache.clear())),
    );
  }

  transaction<T>(
    work: (tx: Transaction) => Promise<T>,
    cause: ChangeCause | null = null,
  ): Promise<T> {
    return this.#commits.run((tx) => {
      this.#unitCause.current = cause;
      return work(tx);
    });
  }

  async close(): Promise<void> {
    await this.#commits.idle();
    await this.flusher?.idle();
    this.flusher?.close();
    await this.checkpointer.stop();
    await this.db.destroy();
  }
}

/**
 * PostgreSQL: a transaction per unit of work from the pool; concurrent units run side by side and
 * take row locks (FOR UPDATE) where they modify a loaded aggregate.
 */
class PostgresStore implements Store {
  readonly #runner = kyselyRunners();
  readonly #gate = new TransactionGate();
  readonly snapshots: SnapshotStore;

  constructor(
    private readonly db: Kysely<Database>,
    connectionString: string,
  ) {
    this.snapshots = postgresSnapshots(db, postgresRestoreSignal(db, connectionString), (work) =>
      this.#gate.exclusive(work),
    );
  }

  /** Kysely commits when `work` resolves and rolls back when it rejects, then rethrows. */
  transaction<T>(
    work: (tx: Transaction) => Promise<T>,
    cause: ChangeCause | null = null,
  ): Promise<T> {
    const unitCause: UnitCause = { current: cause };
    return this.#gate.shared(() =>
      this.db
        .transaction()
        .execute((trx) => work(bindTransaction(this.#runner(trx, unitCause), true))),
    );
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** Applies pending migrations; a database that cannot be migrated is closed again. */
async function migrated(db: Kysely<Database>, kind: StoreOptions['kind']): Promise<void> {
  try {
    await migrateToLatest(db, kind);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * Opens the database, applies pending migrations, and returns the store. Safe to call from two
 * processes at once on the same database (see migrateToLatest).
 */
export async function createStore(options: StoreOptions): Promise<Store> {
  if (options.kind === 'sqlite') {
    const { db, sqlite } = createSqliteDatabase({
      file: options.file,
      synchronous: options.synchronous,
    });
    await migrated(db, options.kind);
    let flusher: WalFlusher | null = null;
    let checkpointer: WalCheckpointer;
    try {
      if (options.synchronous !== 'NORMAL') {
        // FULL's flush of the WAL at every COMMIT is done by the flusher, off the event loop, before
        // any unit of the batch is answered (wal-flush.ts): SQLite itself then only writes.
        flusher = new WalFlusher(`${options.file}-wal`, totalChanges(sqlite));
        sqlite.pragma('synchronous = NORMAL');
      }
      checkpointer = new WalCheckpointer(options.file, sqlite);
    } catch (error) {
      flusher?.close();
      await db.destroy();
      throw error;
    }
    const pageCache = PageCacheFitter.forFile(
      sqlite,
      options.file,
      options.cacheMaxMib ?? DEFAULT_CACHE_MAX_MIB,
    );
    return new SqliteStore(
      db,
      sqlite,
      options.file,
      options.onCommitBatch,
      flusher,
      checkpointer,
      pageCache,
    );
  }
  const db = await createPostgresDatabase({
    connectionString: options.connectionString,
    maxConnections: options.maxConnections,
    preparedStatements: options.preparedStatements,
  });
  await migrated(db, options.kind);
  return new PostgresStore(db, options.connectionString);
}
