/**
 * One implementation of AggregateRepository for every v2 aggregate stored as a row: key columns for
 * lookups and timers, and the whole aggregate as a JSON document (schema.ts). Specs at the bottom
 * say, per aggregate, which table it lives in and how its timer column is computed.
 */
import { sql, type Kysely } from 'kysely';
import type { ObjectListFilter } from '../app/inspection/inspection-ports.js';
import type {
  AggregateRepository,
  ChargeRepository,
  DueObject,
  RefundRepository,
  Scope,
} from '../app/ports.js';
import { refundDueAt, type Refund } from '../domain/refund/refund.js';
import { chargeDueAt, type Charge } from '../domain/charge/charge.js';
import { withAdded } from '../domain/shared/with-added.js';
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
import {
  aggregateStatements,
  insertStatement,
  type AggregateStatements,
} from './aggregate-statements.js';
import { documentColumn, environmentColumn } from './row-values.js';
import type { AggregateTableName, Database } from './schema.js';
import { asRunner, type SqlConnection, type SqlRunner } from './sql-runner.js';
import { statement, type Statement } from './statements.js';
import { recordChange, recordCreation } from './transition-writer.js';
import { assertOneRowUpdated, runInsertOrThrowUnique } from './unique-violation.js';

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
  protected readonly sql: SqlRunner;
  readonly #statements: AggregateStatements;

  constructor(
    connection: SqlConnection,
    protected readonly spec: AggregateSpec<T>,
    /** PostgreSQL only: SQLite serialises writers (BEGIN IMMEDIATE), and has no FOR UPDATE. */
    private readonly lockRows: boolean,
  ) {
    this.sql = asRunner(connection);
    this.#statements = aggregateStatements(spec.table);
  }

  /** For the queries subclasses build per call (listings, off the hot path). */
  protected get db(): Kysely<Database> {
    return this.sql.db;
  }

  /** Scope is part of the lookup, so another merchant's or environment's id reads as not found. */
  async find(scope: Scope, id: string): Promise<T | undefined> {
    const row = await this.sql.first(this.#statements.find, { id, ...scope });
    return row === undefined ? undefined : documentColumn<T>(row.data);
  }

  async findForUpdate(scope: Scope, id: string): Promise<T | undefined> {
    const lookup = this.lockRows ? this.#statements.findForUpdate : this.#statements.find;
    const row = await this.sql.first(lookup, { id, ...scope });
    return row === undefined ? undefined : documentColumn<T>(row.data);
  }

  async insert(aggregate: T): Promise<void> {
    const extras: Readonly<Record<string, unknown>> = this.extraColumns(aggregate);
    const insert = insertStatement(this.spec.table, Object.keys(extras));
    await runInsertOrThrowUnique(`${this.spec.label} ${aggregate.id}`, () =>
      this.sql.run(insert, withAdded(this.keyColumns(aggregate), extras)),
    );
    await recordCreation(this.sql, this.spec.table, aggregate);
  }

  async update(aggregate: T): Promise<void> {
    await recordChange(this.sql, this.spec.table, aggregate);
    const changed = await this.sql.run(this.#statements.update, {
      id: aggregate.id,
      merchantId: aggregate.merchantId,
      environment: aggregate.environment,
      state: aggregate.state,
      due_at: this.spec.dueAt(aggregate),
      data: JSON.stringify(aggregate),
    });
    assertOneRowUpdated(BigInt(changed), `${this.spec.label} ${aggregate.id}`);
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

  /**
   * This scope's aggregates whose parent column (charges.charge_permission_id, refunds.charge_id,
   * …) names `parentId`, oldest first: the one query every parent-child listing needs, served by
   * an index that leads with the parent column. The merchant is compared as an expression
   * (`merchant_id || ''`), which no index serves: SQLite's planner, with no statistics, would
   * otherwise weigh the (merchant_id, due_at) index as high as the parent's and could walk every
   * charge of the merchant (migration 0016, test/store-query-plans.test.ts).
   */
  protected async listByParent(scope: Scope, parentColumn: string, parentId: string): Promise<T[]> {
    const rows = await this.db
      .selectFrom(this.spec.table)
      .select('data')
      .where(this.db.dynamic.ref(parentColumn), '=', parentId)
      .where(sql<string>`merchant_id || ''`, '=', scope.merchantId)
      .where('environment', '=', scope.environment)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => documentColumn<T>(row.data));
  }

  /** Served by the primary key and the (merchant_id, due_at) index's merchant prefix. */
  async list(filter: ObjectListFilter): Promise<T[]> {
    let query = this.db
      .selectFrom(this.spec.table)
      .select('data')
      .where('merchant_id', '=', filter.merchantId);
    if (filter.environment !== undefined)
      query = query.where('environment', '=', filter.environment);
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    if (filter.search !== undefined && filter.search !== '') {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('id', '=', filter.search ?? ''), sql<boolean>`data like ${pattern} escape '\\'`]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .execute();
    return rows.map((row) => documentColumn<T>(row.data));
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
  listByChargePermission(scope: Scope, chargePermissionId: string): Promise<Charge[]> {
    return this.listByParent(scope, 'charge_permission_id', chargePermissionId);
  }

  /** Served by charges_permission_sum_idx alone, which covers it (charge-sum-migration.ts). */
  async sumCharged(
    scope: Scope,
    chargePermissionId: string,
    currency: string,
    period: { readonly from: Instant; readonly to: Instant },
    states: readonly string[],
  ): Promise<number> {
    if (states.length === 0) return 0;
    const row = await this.sql.first(sumChargedStatement(states.length), {
      chargePermissionId,
      currency,
      from: period.from,
      to: period.to,
      merchantId: scope.merchantId,
      environment: scope.environment,
      ...Object.fromEntries(states.map((state, index) => [`state${index}`, state])),
    });
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

type SumChargedArgs = {
  readonly chargePermissionId: string;
  readonly currency: string;
  readonly from: number;
  readonly to: number;
  readonly merchantId: string;
  readonly environment: string;
  readonly [state: `state${number}`]: string;
};

/** One compiled statement per length of the state list (the app passes one fixed list). */
const sumChargedStatements = new Map<
  number,
  Statement<SumChargedArgs, { total: number | string | null }>
>();

function sumChargedStatement(
  stateCount: number,
): Statement<SumChargedArgs, { total: number | string | null }> {
  let sum = sumChargedStatements.get(stateCount);
  if (sum === undefined) {
    sum = statement(`charges.sumCharged(${stateCount})`, (db, args: SumChargedArgs) =>
      db
        .selectFrom('charges')
        .select((eb) => eb.fn.sum<number | string | null>('amount_minor').as('total'))
        .where('charge_permission_id', '=', args.chargePermissionId)
        .where('currency', '=', args.currency)
        .where('created_at', '>=', args.from)
        .where('created_at', '<', args.to)
        .where('merchant_id', '=', args.merchantId)
        .where('environment', '=', args.environment)
        .where(
          'state',
          'in',
          // Placeholders while compiling: every index below stateCount is present.
          Array.from({ length: stateCount }, (_, index) => args[`state${index}`] ?? ''),
        ),
    );
    sumChargedStatements.set(stateCount, sum);
  }
  return sum;
}

export class SqlRefundRepository
  extends SqlAggregateRepository<Refund>
  implements RefundRepository
{
  listByCharge(scope: Scope, chargeId: string): Promise<Refund[]> {
    return this.listByParent(scope, 'charge_id', chargeId);
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
