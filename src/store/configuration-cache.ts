/**
 * The embedded store's cache of the configuration rows every Create Charge reads (issue 16): the
 * merchant (every unit of work starts with it), the test buyer (the SCA decision) and the fee
 * schedule (the ledger posting). Reading one costs a statement and, for the documents, a JSON.parse
 * of the whole buyer or schedule; they change a few times a day, through the console, the admin
 * API or the CLI.
 *
 * SQLite only, where one connection sees every write this process makes and group commit runs units
 * one at a time. An entry is dropped whenever it may no longer be what the connection would read:
 * - a write to its row through the repositories (cachingRepositories, below);
 * - any rollback, whole or to a unit's savepoint, and any failing transaction statement: a value
 *   read after an uncommitted write must not outlive that write (invalidatingConnection);
 * - another connection's commit (the CLI, a second process), seen at BEGIN through
 *   `PRAGMA data_version`, which changes exactly then;
 * - a snapshot restore or anything else that runs in group commit's exclusive slot (sql-store.ts).
 * PostgreSQL runs several workers, none of which would see the others' writes: no cache there.
 *
 * Cached objects are shared by the units that read them; the domain types are readonly, and every
 * change is written as a new object through the repositories.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { MerchantRepository, TestBuyerRepository } from '../app/ports.js';
import type { FeeScheduleRepository } from '../app/back-office/back-office-ports.js';
import { BoundedMap } from '../domain/shared/bounded-map.js';
import type { BatchConnection } from './group-commit.js';

/** Entries per kind; past it the kind starts over (more merchants or buyers than a bench uses). */
const MAX_ENTRIES = 10_000;

/**
 * Longer keys are read through and not kept. Merchant ids have at most 14 characters and buyer ids
 * are generated, but a key can come from a request (a Confirmation Flow's `sellerId`) and "not
 * found" is kept too: 10,000 keys as long as a URL would be hundreds of MiB.
 */
const MAX_KEY_LENGTH = 128;

/** What an entry holds for a row that does not exist. */
const NOT_FOUND = Symbol('not found');

/** One kind's entries; "not found" is kept too. */
class Entries<T> extends BoundedMap<T | typeof NOT_FOUND> {
  constructor() {
    super(MAX_ENTRIES, MAX_KEY_LENGTH);
  }
}

export class ConfigurationCache {
  readonly merchants = new Entries<unknown>();
  readonly testBuyers = new Entries<unknown>();
  readonly feeSchedules = new Entries<unknown>();
  /**
   * Bumped by every invalidation: a read that started before one does not fill the cache, so a
   * value read before a write cannot land after the write dropped its key.
   */
  #generation = 0;
  #dataVersion: number | null = null;
  readonly #readDataVersion: () => number;

  constructor(sqlite: BetterSqlite3.Database) {
    const statement = sqlite.prepare('pragma data_version').pluck();
    this.#readDataVersion = () => Number(statement.get());
  }

  clear(): void {
    this.#generation += 1;
    this.merchants.clear();
    this.testBuyers.clear();
    this.feeSchedules.clear();
  }

  forget<T>(entries: Entries<T>, key: string): void {
    this.#generation += 1;
    entries.delete(key);
  }

  /** Run right after BEGIN: drops everything when another connection has committed since. */
  checkOtherConnections(): void {
    const version = this.#readDataVersion();
    if (version !== this.#dataVersion) {
      this.clear();
      this.#dataVersion = version;
    }
  }

  /** Answers the cached value, else loads it; "not found" is cached too (a merchant without fees). */
  async read<T>(entries: Entries<T>, key: string, load: () => Promise<T | undefined>) {
    const cached = entries.get(key);
    if (cached !== undefined) return cached === NOT_FOUND ? undefined : cached;
    const generation = this.#generation;
    const loaded = await load();
    if (generation === this.#generation) entries.set(key, loaded ?? NOT_FOUND);
    return loaded;
  }

  /** Drops `key` before and after `write`, whether it succeeds or not. */
  async writing<T>(entries: Entries<T>, key: string, write: () => Promise<void>): Promise<void> {
    this.forget(entries, key);
    try {
      await write();
    } finally {
      this.forget(entries, key);
    }
  }
}

/** The batch statements of group commit, dropping the cache wherever what it read may be undone. */
export function invalidatingConnection(
  connection: BatchConnection,
  cache: ConfigurationCache,
): BatchConnection {
  const clearingOnFailure =
    (step: () => void): (() => void) =>
    () => {
      try {
        step();
      } catch (error) {
        cache.clear();
        throw error;
      }
    };
  const clearingFirst =
    (step: () => void): (() => void) =>
    () => {
      cache.clear();
      step();
    };
  return {
    begin: () => {
      connection.begin();
      cache.checkOtherConnections();
    },
    commit: clearingOnFailure(() => connection.commit()),
    rollback: clearingFirst(() => connection.rollback()),
    savepoint: clearingOnFailure(() => connection.savepoint()),
    releaseSavepoint: clearingOnFailure(() => connection.releaseSavepoint()),
    rollbackToSavepoint: clearingFirst(() => connection.rollbackToSavepoint()),
    get inTransaction() {
      return connection.inTransaction;
    },
  };
}

const testBuyerKey = (merchantId: string, buyerId: string): string => `${merchantId}/${buyerId}`;

/** The three repositories over `cache`; every other method goes to the repository as it is. */
export function cachingRepositories(
  cache: ConfigurationCache,
  repositories: {
    readonly merchants: MerchantRepository;
    readonly testBuyers: TestBuyerRepository;
    readonly feeSchedules: FeeScheduleRepository;
  },
) {
  const { merchants, testBuyers, feeSchedules } = repositories;
  const merchantEntries = cache.merchants as Entries<Awaited<ReturnType<typeof merchants.find>>>;
  const buyerEntries = cache.testBuyers as Entries<Awaited<ReturnType<typeof testBuyers.find>>>;
  const feeEntries = cache.feeSchedules as Entries<Awaited<ReturnType<typeof feeSchedules.find>>>;
  return {
    merchants: {
      find: (merchantId) =>
        cache.read(merchantEntries, merchantId, () => merchants.find(merchantId)),
      list: () => merchants.list(),
      insert: (merchant) =>
        cache.writing(merchantEntries, merchant.merchantId, () => merchants.insert(merchant)),
      update: (merchant) =>
        cache.writing(merchantEntries, merchant.merchantId, () => merchants.update(merchant)),
    } satisfies MerchantRepository,
    testBuyers: {
      find: (merchantId, buyerId) =>
        cache.read(buyerEntries, testBuyerKey(merchantId, buyerId), () =>
          testBuyers.find(merchantId, buyerId),
        ),
      listByMerchant: (merchantId) => testBuyers.listByMerchant(merchantId),
      insert: (merchantId, buyer, addedAt) =>
        cache.writing(buyerEntries, testBuyerKey(merchantId, buyer.details.buyerId), () =>
          testBuyers.insert(merchantId, buyer, addedAt),
        ),
      update: (merchantId, buyer) =>
        cache.writing(buyerEntries, testBuyerKey(merchantId, buyer.details.buyerId), () =>
          testBuyers.update(merchantId, buyer),
        ),
    } satisfies TestBuyerRepository,
    feeSchedules: {
      find: (merchantId) => cache.read(feeEntries, merchantId, () => feeSchedules.find(merchantId)),
      put: (merchantId, schedule, at) =>
        cache.writing(feeEntries, merchantId, () => feeSchedules.put(merchantId, schedule, at)),
    } satisfies FeeScheduleRepository,
  };
}
