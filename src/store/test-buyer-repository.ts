/** Sandbox test buyers per merchant; the buyer (details, addresses, wallet) is one JSON document. */
import type { Kysely } from 'kysely';
import type { TestBuyerRepository } from '../app/ports.js';
import type { TestBuyer } from '../domain/simulation/test-buyers.js';
import { documentColumn } from './row-values.js';
import type { Database } from './schema.js';
import { asRunner, type SqlConnection, type SqlRunner } from './sql-runner.js';
import { statement } from './statements.js';
import { assertOneRowUpdated, insertOrThrowUnique } from './unique-violation.js';

/** Read on every charge (the SCA decision): compiled once (statements.ts). */
const FIND_BUYER = statement(
  'test_buyers.find',
  (db, args: { readonly merchantId: string; readonly buyerId: string }) =>
    db
      .selectFrom('test_buyers')
      .select('data')
      .where('buyer_id', '=', args.buyerId)
      .where('merchant_id', '=', args.merchantId),
);

export class SqlTestBuyerRepository implements TestBuyerRepository {
  readonly #sql: SqlRunner;

  constructor(connection: SqlConnection) {
    this.#sql = asRunner(connection);
  }

  private get db(): Kysely<Database> {
    return this.#sql.db;
  }

  /** Filtered by merchant too: a buyer id from another merchant's sandbox reads as not found. */
  async find(merchantId: string, buyerId: string): Promise<TestBuyer | undefined> {
    const row = await this.#sql.first(FIND_BUYER, { merchantId, buyerId });
    return row === undefined ? undefined : documentColumn<TestBuyer>(row.data);
  }

  /** In the order they were added (ties, and rows from before migration 0007, by id). */
  async listByMerchant(merchantId: string): Promise<TestBuyer[]> {
    const rows = await this.db
      .selectFrom('test_buyers')
      .select('data')
      .where('merchant_id', '=', merchantId)
      .orderBy('created_at')
      .orderBy('buyer_id')
      .execute();
    return rows.map((row) => documentColumn<TestBuyer>(row.data));
  }

  /** Replaces the buyer's document (addresses, wallet, the issuer's SCA counters). */
  async update(merchantId: string, buyer: TestBuyer): Promise<void> {
    const result = await this.db
      .updateTable('test_buyers')
      .set({ data: JSON.stringify(buyer) })
      .where('buyer_id', '=', buyer.details.buyerId)
      .where('merchant_id', '=', merchantId)
      .executeTakeFirstOrThrow();
    assertOneRowUpdated(result.numUpdatedRows, `Test buyer ${buyer.details.buyerId}`);
  }

  insert(merchantId: string, buyer: TestBuyer, addedAt: number): Promise<void> {
    return insertOrThrowUnique(`Test buyer ${buyer.details.buyerId}`, () =>
      this.db
        .insertInto('test_buyers')
        .values({
          buyer_id: buyer.details.buyerId,
          merchant_id: merchantId,
          data: JSON.stringify(buyer),
          created_at: addedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }
}
