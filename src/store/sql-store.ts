/**
 * The Store port (src/app/ports.ts) over SQLite or PostgreSQL: open the database, migrate it once
 * at start-up, then hand each unit of work a Transaction whose repositories share one database
 * transaction (state, idempotency record and outbox rows commit together, DESIGN.md §1).
 */
import type { Kysely } from 'kysely';
import type { Store, Transaction } from '../app/ports.js';
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
import { SqlIdempotencyRepository } from './idempotency-repository.js';
import { SqlPublicKeyRepository } from './key-repository.js';
import { SqlMerchantRepository, SqlMerchantStoreRepository } from './merchant-repository.js';
import { migrateToLatest } from './migrations.js';
import { SqlOutboxRepository } from './outbox-repository.js';
import type { Database } from './schema.js';
import { SqlTestBuyerRepository } from './test-buyer-repository.js';

export type StoreOptions =
  | {
      readonly kind: 'sqlite';
      readonly file: string;
      readonly synchronous?: 'FULL' | 'NORMAL' | undefined;
    }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      readonly maxConnections?: number | undefined;
    };

/** Repositories bound to one open transaction; a handful of small objects per unit of work. */
function bindTransaction(db: Kysely<Database>, lockRows: boolean): Transaction {
  return {
    merchants: new SqlMerchantRepository(db),
    publicKeys: new SqlPublicKeyRepository(db),
    merchantStores: new SqlMerchantStoreRepository(db),
    testBuyers: new SqlTestBuyerRepository(db),
    checkoutSessions: new SqlAggregateRepository(db, CHECKOUT_SESSIONS, lockRows),
    chargePermissions: new SqlAggregateRepository(db, CHARGE_PERMISSIONS, lockRows),
    charges: new SqlChargeRepository(db, CHARGES, lockRows),
    refunds: new SqlRefundRepository(db, REFUNDS, lockRows),
    idempotency: new SqlIdempotencyRepository(db),
    outbox: new SqlOutboxRepository(db),
  };
}

class SqlStore implements Store {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly lockRows: boolean,
  ) {}

  /** Kysely commits when `work` resolves and rolls back when it rejects, then rethrows. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(bindTransaction(trx, this.lockRows)));
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/**
 * Opens the database, applies pending migrations, and returns the store. Safe to call from two
 * processes at once on the same database (see migrateToLatest).
 */
export async function createStore(options: StoreOptions): Promise<Store> {
  const db =
    options.kind === 'sqlite'
      ? createSqliteDatabase({ file: options.file, synchronous: options.synchronous })
      : createPostgresDatabase({
          connectionString: options.connectionString,
          maxConnections: options.maxConnections,
        });
  try {
    await migrateToLatest(db, options.kind);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Row locks only where they exist; SQLite serialises whole write transactions instead.
  return new SqlStore(db, options.kind === 'postgres');
}
