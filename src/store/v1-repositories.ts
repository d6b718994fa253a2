/**
 * The v1 (MWS) repositories: the v1 aggregates reuse the generic aggregate repository (one JSON
 * document plus key columns per row); access keys, access tokens and merchant reference ids are
 * plain rows.
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../app/ports.js';
import type {
  MwsCredential,
  MwsCredentialRepository,
  V1AccessToken,
  V1AccessTokenRepository,
  V1AuthorizationRepository,
  V1ReferenceKind,
  V1ReferenceRecord,
  V1ReferenceRepository,
  V1RefundRepository,
  ProviderCreditRepository,
  ProviderCreditReversalRepository,
} from '../app/v1/v1-ports.js';
import {
  providerCreditDueAt,
  reversalDueAt,
  type ProviderCredit,
  type ProviderCreditReversal,
} from '../domain/provider-credit/provider-credit.js';
import {
  billingAgreementDueAt,
  type BillingAgreement,
} from '../domain/billing-agreement/billing-agreement.js';
import {
  orderReferenceDueAt,
  type OrderReference,
} from '../domain/order-reference/order-reference.js';
import type { Instant } from '../domain/shared/time.js';
import {
  authorizationDueAt,
  captureDueAt,
  v1RefundDueAt,
  type V1Authorization,
  type V1Capture,
  type V1Refund,
} from '../domain/v1-payments/v1-payments.js';
import { SqlAggregateRepository, type AggregateSpec } from './aggregate-repository.js';
import { documentColumn } from './row-values.js';
import type { Database } from './schema.js';
import type { SqlRunner } from './sql-runner.js';
import { insertOrThrowUnique } from './unique-violation.js';

export const ORDER_REFERENCES: AggregateSpec<OrderReference> = {
  table: 'order_references',
  label: 'OrderReference',
  dueAt: orderReferenceDueAt,
};

export const BILLING_AGREEMENTS: AggregateSpec<BillingAgreement> = {
  table: 'billing_agreements',
  label: 'BillingAgreement',
  dueAt: billingAgreementDueAt,
};

export const V1_AUTHORIZATIONS: AggregateSpec<V1Authorization> = {
  table: 'v1_authorizations',
  label: 'Authorization',
  dueAt: authorizationDueAt,
};

export const V1_CAPTURES: AggregateSpec<V1Capture> = {
  table: 'v1_captures',
  label: 'Capture',
  dueAt: captureDueAt,
};

export const V1_REFUNDS: AggregateSpec<V1Refund> = {
  table: 'v1_refunds',
  label: 'Refund',
  dueAt: v1RefundDueAt,
};

export const PROVIDER_CREDITS: AggregateSpec<ProviderCredit> = {
  table: 'v1_provider_credits',
  label: 'ProviderCredit',
  dueAt: providerCreditDueAt,
};

export const PROVIDER_CREDIT_REVERSALS: AggregateSpec<ProviderCreditReversal> = {
  table: 'v1_provider_credit_reversals',
  label: 'ProviderCreditReversal',
  dueAt: reversalDueAt,
};

export class SqlProviderCreditRepository
  extends SqlAggregateRepository<ProviderCredit>
  implements ProviderCreditRepository
{
  listByCapture(scope: Scope, captureId: string): Promise<ProviderCredit[]> {
    return this.listByParent(scope, 'capture_id', captureId);
  }

  protected override extraColumns(credit: ProviderCredit) {
    return { capture_id: credit.captureId };
  }
}

export class SqlProviderCreditReversalRepository
  extends SqlAggregateRepository<ProviderCreditReversal>
  implements ProviderCreditReversalRepository
{
  listByCredit(scope: Scope, providerCreditId: string): Promise<ProviderCreditReversal[]> {
    return this.listByParent(scope, 'provider_credit_id', providerCreditId);
  }

  protected override extraColumns(reversal: ProviderCreditReversal) {
    return { provider_credit_id: reversal.providerCreditId };
  }
}

export class SqlV1AuthorizationRepository
  extends SqlAggregateRepository<V1Authorization>
  implements V1AuthorizationRepository
{
  listByOrderReference(scope: Scope, orderReferenceId: string): Promise<V1Authorization[]> {
    return this.listByParent(scope, 'order_reference_id', orderReferenceId);
  }

  /** Served by v1_authorizations_ba_period_idx (billing_agreement_id, created_at). */
  async listByBillingAgreement(
    scope: Scope,
    billingAgreementId: string,
    period: { readonly from: Instant; readonly to: Instant },
  ): Promise<V1Authorization[]> {
    const rows = await this.db
      .selectFrom('v1_authorizations')
      .select('data')
      .where('billing_agreement_id', '=', billingAgreementId)
      .where('created_at', '>=', period.from)
      .where('created_at', '<', period.to)
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .execute();
    return rows.map((row) => documentColumn<V1Authorization>(row.data));
  }

  protected override extraColumns(auth: V1Authorization) {
    return {
      order_reference_id: auth.orderReferenceId,
      billing_agreement_id: auth.billingAgreementId,
    };
  }
}

export class SqlV1CaptureRepository extends SqlAggregateRepository<V1Capture> {
  protected override extraColumns(capture: V1Capture) {
    return { authorization_id: capture.authorizationId };
  }
}

export class SqlV1RefundRepository
  extends SqlAggregateRepository<V1Refund>
  implements V1RefundRepository
{
  listByCapture(scope: Scope, captureId: string): Promise<V1Refund[]> {
    return this.listByParent(scope, 'capture_id', captureId);
  }

  protected override extraColumns(refund: V1Refund) {
    return { capture_id: refund.captureId };
  }
}

export class SqlV1ReferenceRepository implements V1ReferenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(
    scope: Scope,
    kind: V1ReferenceKind,
    referenceId: string,
  ): Promise<V1ReferenceRecord | undefined> {
    const row = await this.db
      .selectFrom('v1_references')
      .select(['object_id', 'created_at'])
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .where('kind', '=', kind)
      .where('reference_id', '=', referenceId)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { kind, referenceId, objectId: row.object_id, createdAt: row.created_at };
  }

  insert(scope: Scope, record: V1ReferenceRecord): Promise<void> {
    return insertOrThrowUnique(`${record.kind}ReferenceId ${record.referenceId}`, () =>
      this.db
        .insertInto('v1_references')
        .values({
          merchant_id: scope.merchantId,
          environment: scope.environment,
          kind: record.kind,
          reference_id: record.referenceId,
          object_id: record.objectId,
          created_at: record.createdAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }
}

export class SqlMwsCredentialRepository implements MwsCredentialRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(accessKeyId: string): Promise<MwsCredential | undefined> {
    const row = await this.db
      .selectFrom('mws_credentials')
      .selectAll()
      .where('access_key_id', '=', accessKeyId)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          accessKeyId: row.access_key_id,
          merchantId: row.merchant_id,
          secretKey: row.secret_key,
          createdAt: row.created_at,
        };
  }

  async listByMerchant(merchantId: string): Promise<MwsCredential[]> {
    const rows = await this.db
      .selectFrom('mws_credentials')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .orderBy('created_at')
      .orderBy('access_key_id')
      .execute();
    return rows.map((row) => ({
      accessKeyId: row.access_key_id,
      merchantId: row.merchant_id,
      secretKey: row.secret_key,
      createdAt: row.created_at,
    }));
  }

  insert(credential: MwsCredential): Promise<void> {
    return insertOrThrowUnique(`MWS access key ${credential.accessKeyId}`, () =>
      this.db
        .insertInto('mws_credentials')
        .values({
          access_key_id: credential.accessKeyId,
          merchant_id: credential.merchantId,
          secret_key: credential.secretKey,
          created_at: credential.createdAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }
}

export class SqlV1AccessTokenRepository implements V1AccessTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(token: string): Promise<V1AccessToken | undefined> {
    const row = await this.db
      .selectFrom('v1_access_tokens')
      .selectAll()
      .where('token', '=', token)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          token: row.token,
          merchantId: row.merchant_id,
          buyerId: row.buyer_id,
          clientId: row.client_id,
          scope: row.scope,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        };
  }

  insert(token: V1AccessToken): Promise<void> {
    return insertOrThrowUnique('Access token', () =>
      this.db
        .insertInto('v1_access_tokens')
        .values({
          token: token.token,
          merchant_id: token.merchantId,
          buyer_id: token.buyerId,
          client_id: token.clientId,
          scope: token.scope,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }
}

/** The v1 half of a unit of work's repositories, bound to its connection (sql-store.ts). */
export function bindV1Repositories(runner: SqlRunner, lockRows: boolean) {
  const { db } = runner;
  return {
    mwsCredentials: new SqlMwsCredentialRepository(db),
    v1AccessTokens: new SqlV1AccessTokenRepository(db),
    orderReferences: new SqlAggregateRepository(runner, ORDER_REFERENCES, lockRows),
    billingAgreements: new SqlAggregateRepository(runner, BILLING_AGREEMENTS, lockRows),
    v1Authorizations: new SqlV1AuthorizationRepository(runner, V1_AUTHORIZATIONS, lockRows),
    v1Captures: new SqlV1CaptureRepository(runner, V1_CAPTURES, lockRows),
    v1Refunds: new SqlV1RefundRepository(runner, V1_REFUNDS, lockRows),
    v1References: new SqlV1ReferenceRepository(db),
    providerCredits: new SqlProviderCreditRepository(runner, PROVIDER_CREDITS, lockRows),
    providerCreditReversals: new SqlProviderCreditReversalRepository(
      runner,
      PROVIDER_CREDIT_REVERSALS,
      lockRows,
    ),
  };
}
