/** Merchant accounts and their stores (client ids): plain rows, no documents. */
import type { Kysely, Selectable } from 'kysely';
import type { MerchantRepository, MerchantStoreRepository } from '../app/ports.js';
import { LOOPBACK_DESTINATIONS } from '../domain/merchant/allowed-destinations.js';
import type { Merchant, MerchantStore } from '../domain/merchant/merchant.js';
import { documentColumn, regionColumn, traClassColumn } from './row-values.js';
import type { Database, MerchantStoresTable, MerchantsTable } from './schema.js';
import { asRunner, type SqlConnection, type SqlRunner } from './sql-runner.js';
import { statement } from './statements.js';
import { assertOneRowUpdated, insertOrThrowUnique } from './unique-violation.js';

const toMerchant = (row: Selectable<MerchantsTable>): Merchant => ({
  merchantId: row.merchant_id,
  name: row.name,
  region: regionColumn(row.region),
  clockOffsetMs: row.clock_offset_ms,
  createdAt: row.created_at,
  scaTraClass: traClassColumn(row.sca_tra_class),
});

/** Every unit of work starts with this read (app/unit-of-work.ts): compiled once (statements.ts). */
const FIND_MERCHANT = statement('merchants.find', (db, args: { readonly merchantId: string }) =>
  db.selectFrom('merchants').selectAll().where('merchant_id', '=', args.merchantId),
);

export class SqlMerchantRepository implements MerchantRepository {
  readonly #sql: SqlRunner;

  constructor(connection: SqlConnection) {
    this.#sql = asRunner(connection);
  }

  private get db(): Kysely<Database> {
    return this.#sql.db;
  }

  async find(merchantId: string): Promise<Merchant | undefined> {
    const row = await this.#sql.first(FIND_MERCHANT, { merchantId });
    return row === undefined ? undefined : toMerchant(row);
  }

  async list(): Promise<Merchant[]> {
    const rows = await this.db
      .selectFrom('merchants')
      .selectAll()
      .orderBy('created_at')
      .orderBy('merchant_id')
      .execute();
    return rows.map(toMerchant);
  }

  insert(merchant: Merchant): Promise<void> {
    return insertOrThrowUnique(`Merchant ${merchant.merchantId}`, () =>
      this.db
        .insertInto('merchants')
        .values({
          merchant_id: merchant.merchantId,
          name: merchant.name,
          region: merchant.region,
          clock_offset_ms: merchant.clockOffsetMs,
          created_at: merchant.createdAt,
          sca_tra_class: merchant.scaTraClass,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }

  /** The merchant id and creation time never change; name, region and clock offset may. */
  async update(merchant: Merchant): Promise<void> {
    const result = await this.db
      .updateTable('merchants')
      .set({
        name: merchant.name,
        region: merchant.region,
        clock_offset_ms: merchant.clockOffsetMs,
        sca_tra_class: merchant.scaTraClass,
      })
      .where('merchant_id', '=', merchant.merchantId)
      .executeTakeFirstOrThrow();
    assertOneRowUpdated(result.numUpdatedRows, `Merchant ${merchant.merchantId}`);
  }
}

const stringList = (value: string | null, fallback: readonly string[]): readonly string[] =>
  value === null ? fallback : documentColumn<string[]>(value);

const toStore = (row: Selectable<MerchantStoresTable>): MerchantStore => ({
  storeId: row.store_id,
  merchantId: row.merchant_id,
  name: row.name,
  allowedReturnUrls: stringList(row.allowed_return_urls, LOOPBACK_DESTINATIONS.allowedReturnUrls),
  allowedJavaScriptOrigins: stringList(
    row.allowed_js_origins,
    LOOPBACK_DESTINATIONS.allowedJavaScriptOrigins,
  ),
});

export class SqlMerchantStoreRepository implements MerchantStoreRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(storeId: string): Promise<MerchantStore | undefined> {
    const row = await this.db
      .selectFrom('merchant_stores')
      .selectAll()
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    return row === undefined ? undefined : toStore(row);
  }

  /** The table has no creation time, so the order is by id: stable, if not meaningful. */
  async listByMerchant(merchantId: string): Promise<MerchantStore[]> {
    const rows = await this.db
      .selectFrom('merchant_stores')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .orderBy('store_id')
      .execute();
    return rows.map(toStore);
  }

  insert(store: MerchantStore): Promise<void> {
    return insertOrThrowUnique(`Store ${store.storeId}`, () =>
      this.db
        .insertInto('merchant_stores')
        .values({
          store_id: store.storeId,
          merchant_id: store.merchantId,
          name: store.name,
          allowed_return_urls: JSON.stringify(store.allowedReturnUrls),
          allowed_js_origins: JSON.stringify(store.allowedJavaScriptOrigins),
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }

  /** Only the allowed destinations change; the id, merchant and name are fixed. */
  async update(store: MerchantStore): Promise<void> {
    const result = await this.db
      .updateTable('merchant_stores')
      .set({
        allowed_return_urls: JSON.stringify(store.allowedReturnUrls),
        allowed_js_origins: JSON.stringify(store.allowedJavaScriptOrigins),
      })
      .where('store_id', '=', store.storeId)
      .executeTakeFirstOrThrow();
    assertOneRowUpdated(result.numUpdatedRows, `Store ${store.storeId}`);
  }
}
