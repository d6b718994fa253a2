import { sql, type Kysely, type RawBuilder } from 'kysely';
import { createPostgresDatabase, createSqliteDatabase } from '../src/store/dialects.js';
import type { Database } from '../src/store/schema.js';
import type { ServerDatabase } from './server-protocol.js';

/**
 * Seeds a store with many charges quickly, for bench/million-charges.ts: not through the API (a
 * million Create Charges would take the best part of an hour here) but through the store's own
 * connection set-up (src/store/dialects.ts) and schema, with INSERT … SELECT statements that clone
 * the rows one real Create Charge left behind, in transactions of CHUNK charges each (each chunk
 * rewrites most leaf pages of every index it inserts into at random, so few big ones are fastest).
 *
 * Per charge, what a merchant-initiated, captured Create Charge writes (traced statement by
 * statement): the charge, its first timeline row (state_transitions), its outbox row (skipped for
 * a merchant without an IPN endpoint; delivered, with its delivery attempt, for one with), its
 * ledger entry and its idempotency record. Per Saved Wallet: the charge permission, its checkout
 * session and a timeline row each. The request log is bounded (LOCALPAY_REQUEST_LOG_ROWS) and
 * already full after the empty-store run, so it gets nothing.
 *
 * The shape is real data's: every 50 charges make one Saved Wallet (a few charges a month each),
 * half the wallets belong to the merchant under test and the rest to SEED_MERCHANTS others (with
 * an IPN endpoint each), and charges are spread evenly over the last 365 days, oldest first, as
 * they would have been written. Ids are scrambled counters in the API's formats, so inserts land
 * all over each index as random ids do, never collide, and no random source is needed.
 */

const CHUNK = 250_000;
/** SQLite's page cache while seeding: random inserts into a dozen indexes stay in memory. */
const SEED_CACHE_KIB = 2 * 1024 * 1024;
const CHARGES_PER_PERMISSION = 50;
const SEED_MERCHANTS = 4;
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Any multiplier coprime to 10 permutes 14-digit numbers; a large one scatters neighbours. */
const SCRAMBLE = 6_364_136_223;
const FOURTEEN_DIGITS = 100_000_000_000_000;

type Row = Readonly<Record<string, unknown>>;
type Expr = RawBuilder<unknown>;

export interface SeedResult {
  readonly charges: number;
  readonly permissions: number;
  readonly seconds: number;
  /** Rows per table after seeding. */
  readonly rows: Readonly<Record<string, number>>;
}

interface Dialect {
  readonly postgres: boolean;
  /** A non-negative integer as 14 zero-padded digits. */
  pad14(value: Expr): Expr;
}

const SQLITE: Dialect = {
  postgres: false,
  pad14: (value) => sql`substr('00000000000000' || cast(${value} as text), -14, 14)`,
};
const POSTGRES: Dialect = {
  postgres: true,
  pad14: (value) => sql`lpad(cast(${value} as text), 14, '0')`,
};

/** A bound value, typed so that PostgreSQL need not guess. */
const literal = (value: unknown): Expr =>
  value === null || value === undefined
    ? sql`null`
    : typeof value === 'number' || typeof value === 'bigint'
      ? sql`cast(${value} as bigint)`
      : sql`cast(${typeof value === 'string' ? value : JSON.stringify(value)} as text)`;

/** 14 distinct digits per distinct counter value (below 10^14), different for each salt. */
const digits = (dialect: Dialect, counter: Expr, salt: number): Expr =>
  dialect.pad14(
    sql`((${counter}) * ${sql.lit(SCRAMBLE)} + ${sql.lit(salt)}) % ${sql.lit(FOURTEEN_DIGITS)}`,
  );

/** `text` with each template value replaced by the row's own. */
function replaced(text: string, replacements: readonly (readonly [string, Expr])[]): Expr {
  let expression: Expr = literal(text);
  for (const [from, to] of replacements)
    expression = sql`replace(${expression}, ${literal(from)}, cast(${to} as text))`;
  return expression;
}

/**
 * INSERT INTO table SELECT: one row per row of `source` (a WITH clause whose last table is named
 * `rows`), each column from `overrides` or else the template's value.
 */
async function insertClones(
  db: Kysely<Database>,
  source: Expr,
  table: string,
  template: Row,
  overrides: Readonly<Record<string, Expr>>,
  where: Expr = sql`1 = 1`,
): Promise<void> {
  const columns = Object.keys(template);
  const values = columns.map((column) => overrides[column] ?? literal(template[column]));
  await sql`${source}
    insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    select ${sql.join(values)} from rows where ${where}`.execute(db);
}

/** Rows x from `from` (inclusive) to `to` (exclusive), then `derived` columns over them. */
const counter = (from: number, to: number, derived: Expr): Expr =>
  sql`with recursive seq(x) as (
      select cast(${from} as bigint) union all select x + 1 from seq where x + 1 < ${to}
    ), rows as (select ${derived} from seq)`;

interface Templates {
  readonly merchant: Row;
  readonly charge: Row;
  readonly permission: Row;
  readonly session: Row;
  readonly chargeTransition: Row;
  readonly permissionTransition: Row;
  readonly outbox: Row;
  readonly ledger: Row;
  readonly idempotency: Row;
}

async function one(db: Kysely<Database>, query: Expr, what: string): Promise<Row> {
  const { rows } = await sql<Row>`${query}`.execute(db);
  const [row] = rows;
  if (row === undefined) throw new Error(`Seeding needs a template ${what}; none was found.`);
  return row;
}

/** The rows one real Saved Wallet and one real Create Charge of `merchantId` left behind. */
async function readTemplates(db: Kysely<Database>, merchantId: string): Promise<Templates> {
  const charge = await one(
    db,
    sql`select * from charges where merchant_id = ${merchantId} and state = 'Captured'
      order by created_at limit 1`,
    'captured charge',
  );
  const chargeId = String(charge.id);
  const permission = await one(
    db,
    sql`select * from charge_permissions where id = ${charge.charge_permission_id}`,
    'charge permission',
  );
  const { checkoutSessionId } = JSON.parse(String(permission.data)) as {
    checkoutSessionId: string;
  };
  return {
    merchant: await one(
      db,
      sql`select * from merchants where merchant_id = ${merchantId}`,
      'merchant',
    ),
    charge,
    permission,
    session: await one(
      db,
      sql`select * from checkout_sessions where id = ${checkoutSessionId}`,
      'checkout session',
    ),
    chargeTransition: await one(
      db,
      sql`select * from state_transitions where object_id = ${chargeId} order by seq limit 1`,
      'charge timeline row',
    ),
    permissionTransition: await one(
      db,
      sql`select * from state_transitions where object_id = ${permission.id} order by seq limit 1`,
      'permission timeline row',
    ),
    outbox: await one(db, sql`select * from outbox where object_id = ${chargeId}`, 'outbox row'),
    ledger: await one(
      db,
      sql`select * from ledger_entries where id = ${`${chargeId}#capture`}`,
      'ledger entry',
    ),
    idempotency: await one(
      db,
      sql`select * from idempotency_records where merchant_id = ${merchantId}
        and response_body like ${`%${chargeId}%`}`,
      'idempotency record',
    ),
  };
}

interface Plan {
  readonly dialect: Dialect;
  readonly templates: Templates;
  readonly merchantId: string;
  readonly permissions: number;
  /** Created-at of charge 0; charge x is `start + x * step`. */
  readonly start: number;
  readonly step: number;
}

/** The merchant of permission p: every other one is the merchant under test. */
const merchantOf = (plan: Plan, p: Expr): Expr =>
  sql`case when ${p} % 2 = 0 then ${literal(plan.merchantId)}
    else ${literal('ASEEDMERCHANT')} || cast((${p} / 2) % ${sql.lit(SEED_MERCHANTS)} as text) end`;

/** Permission ids in the template's format (e.g. B02-1234567-1234567). */
function permissionId(plan: Plan, p: Expr): Expr {
  const prefix = String(plan.templates.permission.id).slice(0, 4);
  const d = digits(plan.dialect, p, 7);
  return sql`${literal(prefix)} || substr(${d}, 1, 7) || '-' || substr(${d}, 8, 7)`;
}

async function seedMerchants(db: Kysely<Database>, plan: Plan, now: number): Promise<void> {
  const { merchant } = plan.templates;
  const source = counter(0, SEED_MERCHANTS, sql`x`);
  await insertClones(db, source, 'merchants', merchant, {
    merchant_id: sql`'ASEEDMERCHANT' || cast(x as text)`,
    name: sql`'Seeded merchant ' || cast(x as text)`,
  });
  // Their notifications were delivered: each has an endpoint, which the dispatcher's claim joins.
  const endpoint: Row = {
    merchant_id: '',
    environment: 'Sandbox',
    url: 'http://127.0.0.1:9/ipn',
    subscription_id: '',
    created_at: now - YEAR_MS,
  };
  await insertClones(db, source, 'ipn_endpoints', endpoint, {
    merchant_id: sql`'ASEEDMERCHANT' || cast(x as text)`,
    subscription_id: sql`'seed-subscription-' || cast(x as text)`,
  });
}

async function seedPermissions(db: Kysely<Database>, plan: Plan): Promise<void> {
  const { templates } = plan;
  const source = counter(
    0,
    plan.permissions,
    sql`x as p, ${merchantOf(plan, sql`x`)} as m, ${permissionId(plan, sql`x`)} as pid,
      'seed-cs-' || ${digits(plan.dialect, sql`x`, 11)} as sid,
      ${sql.lit(plan.start)} - 86400000 + x as t`,
  );
  const ids = (row: Row): [string, Expr][] => [
    [String(templates.permission.id), sql`pid`],
    [String(templates.session.id), sql`sid`],
    [String(templates.merchant.merchant_id), sql`m`],
    [String(row.created_at), sql`t`],
  ];
  const aggregate = (row: Row, id: Expr) => ({
    id,
    merchant_id: sql`m`,
    created_at: sql`t`,
    data: replaced(String(row.data), ids(row)),
  });
  await insertClones(
    db,
    source,
    'charge_permissions',
    templates.permission,
    aggregate(templates.permission, sql`pid`),
  );
  await insertClones(
    db,
    source,
    'checkout_sessions',
    templates.session,
    aggregate(templates.session, sql`sid`),
  );
  for (const [object, salt] of [
    [sql`pid`, 13],
    [sql`sid`, 17],
  ] as const)
    await insertClones(db, source, 'state_transitions', templates.permissionTransition, {
      id: sql`'seed-st-' || ${digits(plan.dialect, sql`p`, salt)}`,
      merchant_id: sql`m`,
      object_type: literal(salt === 13 ? 'charge_permissions' : 'checkout_sessions'),
      object_id: object,
      state: literal(salt === 13 ? templates.permission.state : templates.session.state),
      at: sql`t`,
      seq: sql`t * 1000`,
    });
}

/** Charges `from` to `to` (exclusive) and every row that comes with them. */
async function seedCharges(
  db: Kysely<Database>,
  plan: Plan,
  from: number,
  to: number,
): Promise<void> {
  const { templates, dialect } = plan;
  const p = sql`(x % ${sql.lit(plan.permissions)})`;
  const chargeDigits = digits(dialect, sql`x`, 1);
  const chargePrefix = String(templates.charge.id).slice(0, 4);
  const source = counter(
    from,
    to,
    sql`x, ${merchantOf(plan, p)} as m, ${permissionId(plan, p)} as pid,
      ${literal(chargePrefix)} || substr(${chargeDigits}, 1, 7) || '-' || substr(${chargeDigits}, 8, 7)
        || '-C' || substr(${chargeDigits}, 9, 6) as cid,
      ${p} % 2 = 0 as own,
      ${sql.lit(plan.start)} + x * ${sql.lit(plan.step)} as t`,
  );
  const ids = (row: Row, createdAt: unknown): [string, Expr][] => [
    [String(templates.charge.id), sql`cid`],
    [String(templates.permission.id), sql`pid`],
    [String(templates.merchant.merchant_id), sql`m`],
    [String(createdAt), sql`t`],
  ];
  const { charge, chargeTransition, outbox, ledger, idempotency } = templates;
  await insertClones(db, source, 'charges', charge, {
    id: sql`cid`,
    merchant_id: sql`m`,
    charge_permission_id: sql`pid`,
    created_at: sql`t`,
    data: replaced(String(charge.data), ids(charge, charge.created_at)),
  });
  await insertClones(db, source, 'state_transitions', chargeTransition, {
    id: sql`'seed-st-' || ${digits(dialect, sql`x`, 3)}`,
    merchant_id: sql`m`,
    object_id: sql`cid`,
    at: sql`t`,
    seq: sql`t * 1000 + x % 1000`,
  });
  const outboxId = sql`'seed-ob-' || ${digits(dialect, sql`x`, 5)}`;
  await insertClones(db, source, 'outbox', outbox, {
    id: outboxId,
    merchant_id: sql`m`,
    object_id: sql`cid`,
    charge_permission_id: sql`pid`,
    created_at: sql`t`,
    next_attempt_at: sql`t`,
    schedule_from: sql`t`,
    status: sql`case when own then ${literal(outbox.status)} else 'delivered' end`,
    attempts: sql`case when own then ${literal(outbox.attempts)} else 1 end`,
    delivered_at: sql`case when own then null else t + 150 end`,
    last_attempt_at: sql`case when own then null else t + 100 end`,
    last_status_code: sql`case when own then null else 200 end`,
  });
  const attempt: Row = {
    id: '',
    notification_id: '',
    merchant_id: '',
    environment: outbox.environment,
    attempt: 1,
    chaos: null,
    url: 'http://127.0.0.1:9/ipn',
    scheduled_at: 0,
    attempted_at: 0,
    latency_ms: 12,
    outcome: 'delivered',
    status_code: 200,
    response_excerpt: '',
    error: null,
    dispatcher: 'seed',
  };
  await insertClones(
    db,
    source,
    'ipn_attempts',
    attempt,
    {
      id: sql`'seed-at-' || ${digits(dialect, sql`x`, 19)}`,
      notification_id: outboxId,
      merchant_id: sql`m`,
      scheduled_at: sql`t`,
      attempted_at: sql`t + 100`,
    },
    sql`not own`,
  );
  await insertClones(db, source, 'ledger_entries', ledger, {
    id: sql`cid || '#capture'`,
    merchant_id: sql`m`,
    posted_at: sql`t`,
    data: replaced(String(ledger.data), ids(ledger, ledger.posted_at)),
  });
  await insertClones(db, source, 'idempotency_records', idempotency, {
    merchant_id: sql`m`,
    idempotency_key: sql`'seed' || ${digits(dialect, sql`x`, 23)}`,
    created_at: sql`t`,
    response_body: replaced(
      String(idempotency.response_body),
      ids(idempotency, idempotency.created_at),
    ),
  });
}

const COUNTED_TABLES = [
  'charges',
  'charge_permissions',
  'checkout_sessions',
  'state_transitions',
  'outbox',
  'ipn_attempts',
  'ledger_entries',
  'idempotency_records',
  'request_log',
] as const;

async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/**
 * Adds `charges` charges (and their rows) for `merchantId` and others, cloned from a captured charge
 * the merchant made through the API. Run it while no server has the store open: a chunk holds
 * SQLite's write lock for longer than a server waits for it (busy_timeout). On SQLite the WAL is
 * checkpointed at the end, so the next server does not start with gigabytes of it to read through.
 */
export async function seedStore(
  database: ServerDatabase,
  merchantId: string,
  charges: number,
  now: number,
  progress: (done: number) => void = () => undefined,
): Promise<SeedResult> {
  const started = performance.now();
  const opened =
    database.kind === 'sqlite'
      ? createSqliteDatabase({ file: database.file, synchronous: 'NORMAL' })
      : { db: await createPostgresDatabase({ connectionString: database.url }), sqlite: null };
  const { db } = opened;
  opened.sqlite?.pragma(`cache_size = -${SEED_CACHE_KIB}`);
  try {
    const plan: Plan = {
      dialect: database.kind === 'sqlite' ? SQLITE : POSTGRES,
      templates: await readTemplates(db, merchantId),
      merchantId,
      permissions: Math.max(1, Math.round(charges / CHARGES_PER_PERMISSION)),
      start: now - YEAR_MS,
      step: Math.floor(YEAR_MS / Math.max(1, charges)),
    };
    await db.transaction().execute(async (trx) => {
      await seedMerchants(trx, plan, now);
      await seedPermissions(trx, plan);
    });
    for (let from = 0; from < charges; from += CHUNK) {
      const to = Math.min(charges, from + CHUNK);
      await db.transaction().execute((trx) => seedCharges(trx, plan, from, to));
      progress(to);
    }
    // What autovacuum would have done over the months these rows took to arrive. SQLite gets no
    // ANALYZE: localpay never runs one, so its planner works without statistics in real use too.
    if (plan.dialect.postgres) await sql`analyze`.execute(db);
    opened.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    return {
      charges,
      permissions: plan.permissions,
      seconds: (performance.now() - started) / 1000,
      rows: await rowCounts(db),
    };
  } finally {
    await db.destroy();
  }
}
