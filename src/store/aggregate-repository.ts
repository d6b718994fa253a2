/**
 * One implementation of AggregateRepository for every v2 aggregate stored as a row: key columns for
 * lookups and timers, and the whole aggregate as a JSON document (schema.ts). Specs at the bottom
 * say, per aggregate, which table it lives in and how its timer column is computed.
 */
import type { Kysely } from 'kysely';
import type {
  AggregateRepository,
  ChargeRepository,
  DueObject,
  RefundRepository,
  Scope,
} from '../app/ports.js';
import { refundDueAt, type Refund } from '../domain/refund/refund.js';
import { chargeDueAt, type Charge } from '../domain/charge/charge.js';
import {
  chargePermissionDueAt,
  type ChargePermission,
} from '../domain/charge-permission/charge-permission.js';
import {
  checkoutSessionDueAt,
  type CheckoutSession,
} from '../domain/checkout-session/checkout-session.js';
import type { ReleaseEnvironment } from '../domain/shared/environment.js';
import type { Instant } from '../domain/shared/time.js';
import { documentColumn, environmentColumn } from './row-values.js';
import type { AggregateTableName, Database } from './schema.js';
import { assertOneRowUpdated, insertOrThrowUnique } from './unique-violation.js';

/** What every stored aggregate has; these fields become the shared key columns. */
export interface StoredAggregate {
  readonly id: string;
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly state: string;
  readonly createdAt: Instant;
}

export interface AggregateSpec<T extends StoredAggregate> {
  readonly table: AggregateTableName;
  /** A noun for error messages ("Charge"). */
  readonly label: string;
  /** The next instant a timer changes the aggregate (a domain function), indexed for the scheduler. */
  readonly dueAt: (aggregate: T) => Instant | null;
}

export class SqlAggregateRepository<T extends StoredAggregate> implements AggregateRepository<T> {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly spec: AggregateSpec<T>,
    /** PostgreSQL only: SQLite serialises writers (BEGIN IMMEDIATE), and has no FOR UPDATE. */
    private readonly lockRows: boolean,
  ) {}

  find(scope: Scope, id: string): Promise<T | undefined> {
    return this.load(scope, id, false);
  }

  findForUpdate(scope: Scope, id: string): Promise<T | undefined> {
    return this.load(scope, id, this.lockRows);
  }

  /** Scope is part of the lookup, so another merchant's or environment's id reads as not found. */
  private async load(scope: Scope, id: string, forUpdate: boolean): Promise<T | undefined> {
    const query = this.db
      .selectFrom(this.spec.table)
      .select('data')
      .where('id', '=', id)
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment);
    const row = await (forUpdate ? query.forUpdate() : query).executeTakeFirst();
    return row === undefined ? undefined : documentColumn<T>(row.data);
  }

  insert(aggregate: T): Promise<void> {
    return insertOrThrowUnique(`${this.spec.label} ${aggregate.id}`, () =>
      this.db
        .insertInto(this.spec.table)
        .values({ ...this.keyColumns(aggregate), ...this.extraColumns(aggregate) })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirstOrThrow(),
    );
  }

  async update(aggregate: T): Promise<void> {
    const result = await this.db
      .updateTable(this.spec.table)
      .set({
        state: aggregate.state,
        due_at: this.spec.dueAt(aggregate),
        data: JSON.stringify(aggregate),
      })
      .where('id', '=', aggregate.id)
      .where('merchant_id', '=', aggregate.merchantId)
      .where('environment', '=', aggregate.environment)
      .executeTakeFirstOrThrow();
    assertOneRowUpdated(result.numUpdatedRows, `${this.spec.label} ${aggregate.id}`);
  }

  /** Served by the (merchant_id, due_at) index; rows without a timer have a null due_at. */
  async dueIds(merchantId: string, now: Instant, limit: number): Promise<DueObject[]> {
    const rows = await this.db
      .selectFrom(this.spec.table)
      .select(['id', 'environment'])
      .where('merchant_id', '=', merchantId)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, environment: environmentColumn(row.environment) }));
  }

  /** A primary-key lookup without a scope, for buyer pages that arrive with only an id. */
  async scopeOf(id: string): Promise<Scope | undefined> {
    const row = await this.db
      .selectFrom(this.spec.table)
      .select(['merchant_id', 'environment'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return { merchantId: row.merchant_id, environment: environmentColumn(row.environment) };
  }

  /** Columns a table adds to the shared ones (charges: charge_permission_id). */
  protected extraColumns(_aggregate: T): Record<never, never> {
    return {};
  }

  private keyColumns(aggregate: T) {
    return {
      id: aggregate.id,
      merchant_id: aggregate.merchantId,
      environment: aggregate.environment,
      state: aggregate.state,
      due_at: this.spec.dueAt(aggregate),
      created_at: aggregate.createdAt,
      data: JSON.stringify(aggregate),
    };
  }
}

export class SqlChargeRepository
  extends SqlAggregateRepository<Charge>
  implements ChargeRepository
{
  async listByChargePermission(scope: Scope, chargePermissionId: string): Promise<Charge[]> {
    const rows = await this.db
      .selectFrom('charges')
      .select('data')
      .where('charge_permission_id', '=', chargePermissionId)
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => documentColumn<Charge>(row.data));
  }

  /** Served by charges_permission_period_idx (charge_permission_id, currency, created_at). */
  async sumCharged(
    scope: Scope,
    chargePermissionId: string,
    currency: string,
    period: { readonly from: Instant; readonly to: Instant },
    states: readonly string[],
  ): Promise<number> {
    if (states.length === 0) return 0;
    const row = await this.db
      .selectFrom('charges')
      .select((eb) => eb.fn.sum<number | string | null>('amount_minor').as('total'))
      .where('charge_permission_id', '=', chargePermissionId)
      .where('currency', '=', currency)
      .where('created_at', '>=', period.from)
      .where('created_at', '<', period.to)
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .where('state', 'in', [...states])
      .executeTakeFirst();
    // PostgreSQL's sum(bigint) is numeric, which pg returns as a string.
    return Number(row?.total ?? 0);
  }

  protected override extraColumns(charge: Charge) {
    return {
      charge_permission_id: charge.chargePermissionId,
      amount_minor: charge.chargeAmount.minor,
      currency: charge.chargeAmount.currency,
    };
  }
}

export class SqlRefundRepository
  extends SqlAggregateRepository<Refund>
  implements RefundRepository
{
  async listByCharge(scope: Scope, chargeId: string): Promise<Refund[]> {
    const rows = await this.db
      .selectFrom('refunds')
      .select('data')
      .where('charge_id', '=', chargeId)
      .where('merchant_id', '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => documentColumn<Refund>(row.data));
  }

  protected override extraColumns(refund: Refund): { charge_id: string } {
    return { charge_id: refund.chargeId };
  }
}

export const CHECKOUT_SESSIONS: AggregateSpec<CheckoutSession> = {
  table: 'checkout_sessions',
  label: 'Checkout Session',
  dueAt: checkoutSessionDueAt,
};

export const CHARGE_PERMISSIONS: AggregateSpec<ChargePermission> = {
  table: 'charge_permissions',
  label: 'Charge Permission',
  dueAt: chargePermissionDueAt,
};

export const REFUNDS: AggregateSpec<Refund> = {
  table: 'refunds',
  label: 'Refund',
  dueAt: refundDueAt,
};

export const CHARGES: AggregateSpec<Charge> = {
  table: 'charges',
  label: 'Charge',
  dueAt: chargeDueAt,
};
