/** Sandbox test buyers per merchant; the buyer (details, addresses, wallet) is one JSON document. */
import type { Kysely } from 'kysely';
import type { TestBuyerRepository } from '../app/ports.js';
import type { TestBuyer } from '../domain/simulation/test-buyers.js';
import { documentColumn } from './row-values.js';
import type { Database } from './schema.js';
import { insertOrThrowUnique } from './unique-violation.js';

export class SqlTestBuyerRepository implements TestBuyerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Filtered by merchant too: a buyer id from another merchant's sandbox reads as not found. */
  async find(merchantId: string, buyerId: string): Promise<TestBuyer | undefined> {
    const row = await this.db
      .selectFrom('test_buyers')
      .select('data')
      .where('buyer_id', '=', buyerId)
      .where('merchant_id', '=', merchantId)
      .executeTakeFirst();
    return row === undefined ? undefined : documentColumn<TestBuyer>(row.data);
  }

  /** The table has no creation time, so the order is by id: stable, if not meaningful. */
  async listByMerchant(merchantId: string): Promise<TestBuyer[]> {
    const rows = await this.db
      .selectFrom('test_buyers')
      .select('data')
      .where('merchant_id', '=', merchantId)
      .orderBy('buyer_id')
      .execute();
    return rows.map((row) => documentColumn<TestBuyer>(row.data));
  }

  insert(merchantId: string, buyer: TestBuyer): Promise<void> {
    return insertOrThrowUnique(`Test buyer ${buyer.details.buyerId}`, () =>
      this.db
        .insertInto('test_buyers')
        .values({
          buyer_id: buyer.details.buyerId,
          merchant_id: merchantId,
          data: JSON.stringify(buyer),
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }
}
