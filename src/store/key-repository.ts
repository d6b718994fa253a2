/** Registered RSA public keys, looked up by key id on every signed request. */
import type { Kysely, Selectable } from 'kysely';
import type { PublicKeyRepository } from '../app/ports.js';
import type { PublicKey } from '../domain/merchant/merchant.js';
import { environmentColumn } from './row-values.js';
import type { Database, PublicKeysTable } from './schema.js';
import { insertOrThrowUnique } from './unique-violation.js';

const toPublicKey = (row: Selectable<PublicKeysTable>): PublicKey => ({
  publicKeyId: row.public_key_id,
  merchantId: row.merchant_id,
  environment: row.environment === null ? null : environmentColumn(row.environment),
  publicKeyPem: row.public_key_pem,
  createdAt: row.created_at,
});

export class SqlPublicKeyRepository implements PublicKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(publicKeyId: string): Promise<PublicKey | undefined> {
    const row = await this.db
      .selectFrom('public_keys')
      .selectAll()
      .where('public_key_id', '=', publicKeyId)
      .executeTakeFirst();
    return row === undefined ? undefined : toPublicKey(row);
  }

  async listByMerchant(merchantId: string): Promise<PublicKey[]> {
    const rows = await this.db
      .selectFrom('public_keys')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .orderBy('created_at')
      .orderBy('public_key_id')
      .execute();
    return rows.map(toPublicKey);
  }

  insert(key: PublicKey): Promise<void> {
    return insertOrThrowUnique(`Public key ${key.publicKeyId}`, () =>
      this.db
        .insertInto('public_keys')
        .values({
          public_key_id: key.publicKeyId,
          merchant_id: key.merchantId,
          environment: key.environment,
          public_key_pem: key.publicKeyPem,
          created_at: key.createdAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }
}
