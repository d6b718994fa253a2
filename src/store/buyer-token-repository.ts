import type { Kysely } from 'kysely';
import type { BuyerTokenRepository } from '../app/ports.js';
import type { BuyerToken, SignInScope } from '../domain/sign-in/buyer-token.js';
import { documentColumn, environmentColumn } from './row-values.js';
import type { Database } from './schema.js';
import { insertOrThrowUnique } from './unique-violation.js';

/** Amazon Sign-in's buyer tokens: one plain row each, looked up by the token. */
export class SqlBuyerTokenRepository implements BuyerTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(token: string): Promise<BuyerToken | undefined> {
    const row = await this.db
      .selectFrom('buyer_tokens')
      .selectAll()
      .where('token', '=', token)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          token: row.token,
          merchantId: row.merchant_id,
          environment: environmentColumn(row.environment),
          storeId: row.store_id,
          buyerId: row.buyer_id,
          scopes: documentColumn<SignInScope[]>(row.scopes),
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        };
  }

  insert(token: BuyerToken): Promise<void> {
    return insertOrThrowUnique('Buyer token', () =>
      this.db
        .insertInto('buyer_tokens')
        .values({
          token: token.token,
          merchant_id: token.merchantId,
          environment: token.environment,
          store_id: token.storeId,
          buyer_id: token.buyerId,
          scopes: JSON.stringify(token.scopes),
          created_at: token.createdAt,
          expires_at: token.expiresAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }
}
