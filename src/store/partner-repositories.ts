/** The partner repositories (app/partners/partner-ports.ts) over the tables of migration 0008. */
import type { Kysely, Selectable } from 'kysely';
import type {
  DelegationRepository,
  MerchantAccountRepository,
  PartnerRepositories,
  PartnerRoleRepository,
  PartnerStore,
  PartnerStoreRepository,
} from '../app/partners/partner-ports.js';
import { PARTNER_ROLES, type Delegation, type PartnerRole } from '../domain/partners/delegation.js';
import type { MerchantAccount } from '../domain/partners/merchant-account.js';
import type { DelegationsTable } from './partner-schema.js';
import { documentColumn } from './row-values.js';
import type { Database } from './schema.js';
import type { SqlRunner } from './sql-runner.js';
import { assertOneRowUpdated, insertOrThrowUnique } from './unique-violation.js';

class SqlPartnerRoleRepository implements PartnerRoleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(merchantId: string): Promise<PartnerRole[]> {
    const rows = await this.db
      .selectFrom('partner_roles')
      .select('role')
      .where('merchant_id', '=', merchantId)
      .orderBy('role')
      .execute();
    return PARTNER_ROLES.filter((role) => rows.some((row) => row.role === role));
  }

  async set(merchantId: string, roles: readonly PartnerRole[]): Promise<void> {
    await this.db.deleteFrom('partner_roles').where('merchant_id', '=', merchantId).execute();
    if (roles.length > 0)
      await this.db
        .insertInto('partner_roles')
        .values([...new Set(roles)].map((role) => ({ merchant_id: merchantId, role })))
        .execute();
  }
}

const toDelegation = (row: Selectable<DelegationsTable>): Delegation => ({
  mwsAuthToken: row.mws_auth_token,
  authorizationToken: row.authorization_token,
  merchantId: row.merchant_id,
  providerId: row.provider_id,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

class SqlDelegationRepository implements DelegationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findByMwsAuthToken(mwsAuthToken: string): Promise<Delegation | undefined> {
    const row = await this.db
      .selectFrom('delegations')
      .selectAll()
      .where('mws_auth_token', '=', mwsAuthToken)
      .executeTakeFirst();
    return row === undefined ? undefined : toDelegation(row);
  }

  async findByAuthorizationToken(authorizationToken: string): Promise<Delegation | undefined> {
    const row = await this.db
      .selectFrom('delegations')
      .selectAll()
      .where('authorization_token', '=', authorizationToken)
      .executeTakeFirst();
    return row === undefined ? undefined : toDelegation(row);
  }

  async listByMerchant(merchantId: string): Promise<Delegation[]> {
    const rows = await this.db
      .selectFrom('delegations')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .orderBy('created_at')
      .orderBy('mws_auth_token')
      .execute();
    return rows.map(toDelegation);
  }

  insert(delegation: Delegation): Promise<void> {
    return insertOrThrowUnique(`Delegation ${delegation.mwsAuthToken}`, () =>
      this.db
        .insertInto('delegations')
        .values({
          mws_auth_token: delegation.mwsAuthToken,
          authorization_token: delegation.authorizationToken,
          merchant_id: delegation.merchantId,
          provider_id: delegation.providerId,
          created_at: delegation.createdAt,
          revoked_at: delegation.revokedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }

  /** Only the revocation changes once a delegation exists. */
  async update(delegation: Delegation): Promise<void> {
    const result = await this.db
      .updateTable('delegations')
      .set({ revoked_at: delegation.revokedAt })
      .where('mws_auth_token', '=', delegation.mwsAuthToken)
      .executeTakeFirstOrThrow();
    assertOneRowUpdated(result.numUpdatedRows, `Delegation ${delegation.mwsAuthToken}`);
  }
}

const accountColumns = (account: MerchantAccount) => ({
  provider_id: account.providerId,
  unique_reference_id: account.uniqueReferenceId,
  state: account.state,
  claim_token: account.claimToken,
  data: JSON.stringify(account),
});

class SqlMerchantAccountRepository implements MerchantAccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private async one(
    column: 'merchant_account_id' | 'claim_token',
    value: string,
  ): Promise<MerchantAccount | undefined> {
    const row = await this.db
      .selectFrom('merchant_accounts')
      .select('data')
      .where(column, '=', value)
      .executeTakeFirst();
    return row === undefined ? undefined : documentColumn<MerchantAccount>(row.data);
  }

  find(merchantAccountId: string): Promise<MerchantAccount | undefined> {
    return this.one('merchant_account_id', merchantAccountId);
  }

  findByClaimToken(claimToken: string): Promise<MerchantAccount | undefined> {
    return this.one('claim_token', claimToken);
  }

  async findByReference(
    providerId: string,
    uniqueReferenceId: string,
  ): Promise<MerchantAccount | undefined> {
    const row = await this.db
      .selectFrom('merchant_accounts')
      .select('data')
      .where('provider_id', '=', providerId)
      .where('unique_reference_id', '=', uniqueReferenceId)
      .executeTakeFirst();
    return row === undefined ? undefined : documentColumn<MerchantAccount>(row.data);
  }

  insert(account: MerchantAccount): Promise<void> {
    return insertOrThrowUnique(`Merchant account ${account.merchantAccountId}`, () =>
      this.db
        .insertInto('merchant_accounts')
        .values({
          merchant_account_id: account.merchantAccountId,
          created_at: account.createdAt,
          ...accountColumns(account),
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }

  async update(account: MerchantAccount): Promise<void> {
    const result = await this.db
      .updateTable('merchant_accounts')
      .set(accountColumns(account))
      .where('merchant_account_id', '=', account.merchantAccountId)
      .executeTakeFirstOrThrow();
    assertOneRowUpdated(result.numUpdatedRows, `Merchant account ${account.merchantAccountId}`);
  }
}

class SqlPartnerStoreRepository implements PartnerStoreRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(storeId: string): Promise<PartnerStore | undefined> {
    const row = await this.db
      .selectFrom('partner_stores')
      .select('data')
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    return row === undefined ? undefined : documentColumn<PartnerStore>(row.data);
  }

  async listByAccount(merchantAccountId: string): Promise<PartnerStore[]> {
    const rows = await this.db
      .selectFrom('partner_stores')
      .select('data')
      .where('merchant_account_id', '=', merchantAccountId)
      .orderBy('store_id')
      .execute();
    return rows.map((row) => documentColumn<PartnerStore>(row.data));
  }

  insert(store: PartnerStore): Promise<void> {
    return insertOrThrowUnique(`Store ${store.storeId}`, () =>
      this.db
        .insertInto('partner_stores')
        .values({
          store_id: store.storeId,
          merchant_account_id: store.merchantAccountId,
          data: JSON.stringify(store),
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }

  async update(store: PartnerStore): Promise<void> {
    const result = await this.db
      .updateTable('partner_stores')
      .set({ data: JSON.stringify(store) })
      .where('store_id', '=', store.storeId)
      .executeTakeFirstOrThrow();
    assertOneRowUpdated(result.numUpdatedRows, `Store ${store.storeId}`);
  }
}

export function bindPartnerRepositories(runner: SqlRunner): PartnerRepositories {
  const { db } = runner;
  return {
    partnerRoles: new SqlPartnerRoleRepository(db),
    delegations: new SqlDelegationRepository(db),
    merchantAccounts: new SqlMerchantAccountRepository(db),
    partnerStores: new SqlPartnerStoreRepository(db),
  };
}
