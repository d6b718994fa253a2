import path from 'node:path';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_PAGE } from '../src/app/back-office/generate-settlement-reports.js';
import { runDueTimers } from '../src/app/run-due-timers.js';
import { DEFAULT_FEES } from '../src/domain/ledger/fee-schedule.js';
import { captureEntry } from '../src/domain/ledger/ledger-postings.js';
import { money } from '../src/domain/shared/money.js';
import { DAY } from '../src/domain/shared/time.js';
import type { TestPlatform } from '../src/testing/test-platform.js';
import { idem, setUpSavedWallet } from './support/sdk-helpers.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue 16 target 4, "flat with size": no statement that Create Charge, the signed GET or a
 * background loop (IPN dispatcher, timer sweep, request-log writer and its retention) runs may
 * walk a table that grows with the charges. The statements are not listed by hand: the test
 * records what the database driver is asked to run during a real Create Charge, GET, delivered
 * IPN and timer sweep, then asks the database for each one's plan (SQLite: EXPLAIN QUERY PLAN;
 * PostgreSQL: EXPLAIN with sequential scans disabled, so a table with a usable index never plans
 * a Seq Scan, whatever its size). A new statement without an index, or a dropped index, fails it.
 * An index bounds where a read starts, not how much it returns, so the recorder also counts the
 * rows each statement returned, with more than a page of ledger history seeded: none may return
 * more than a page (LEDGER_PAGE).
 * bench/million-charges.ts measures the same thing with a million charges.
 */

/** Tables bounded by the number of merchants, or by retention (request_log), not by charges. */
const BOUNDED = new Set([
  'merchants',
  'merchant_stores',
  'public_keys',
  'test_buyers',
  'ipn_endpoints',
  'ipn_settings',
  'fee_schedules',
  'mws_credentials',
  'request_log',
]);

/** Indexes the statements must keep using: the ones whose absence would cost the most. */
const EXPECTED_INDEXES: readonly [RegExp, string][] = [
  [/select sum\("amount_minor"\)/, 'charges_permission_sum_idx'],
  [/from outbox o/, 'outbox_due_idx'],
  [/from "charges" where "merchant_id" = \S+ and "due_at"/, 'charges_merchant_due_idx'],
  // A permission's charges (cancelling, closing): the merchant must not steer it to the merchant's
  // (merchant_id, due_at) index, now that no index holds charge_permission_id alone (migration 0016).
  [/select "data" from "charges" where "charge_permission_id"/, 'charges_permission_sum_idx'],
];

interface Recorded {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** The most rows one run of this statement returned. */
  rows: number;
}

/**
 * Ledger entries seeded on closed days before the sweep runs: more than one page of them, so a
 * statement that reads the merchant's ledger history at once (the settlement reports' first sweep
 * did: hundreds of MiB at 300,000 charges, bench/README.md "Flat with size") returns more rows than
 * any bounded read may.
 */
const SEEDED_LEDGER_DAYS = 3;
const SEEDED_LEDGER_ENTRIES = LEDGER_PAGE + 500;

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/** The part of pg's query config the recorder reads. */
interface QueryConfig {
  readonly text?: unknown;
  readonly values?: unknown;
}

/**
 * Records every statement the drivers run while `recording` is on: better-sqlite3's statements
 * (the store's compiled ones and Kysely's) and pg's client queries. Observes only; each call goes
 * through unchanged.
 */
function recordStatements(): { start(): void; stop(): Recorded[] } {
  const recorded: Recorded[] = [];
  let recording = false;
  const note = (sql: unknown, parameters: unknown): Recorded | undefined => {
    if (!recording || typeof sql !== 'string' || TRANSACTION_CONTROL.test(sql)) return undefined;
    const entry = { sql, parameters: Array.isArray(parameters) ? parameters : [], rows: 0 };
    recorded.push(entry);
    return entry;
  };
  const counted = (entry: Recorded | undefined, result: unknown): void => {
    if (entry !== undefined && Array.isArray(result)) entry.rows = result.length;
  };
  const probe = new Database(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  probe.close();
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = statementPrototype[method]!;
    statementPrototype[method] = function (this: { source: string }, ...args: unknown[]) {
      const entry = note(this.source, args.length === 1 && Array.isArray(args[0]) ? args[0] : args);
      const result = original.apply(this, args);
      counted(entry, result);
      return result;
    };
  }
  const clientPrototype = pg.Client.prototype as unknown as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const query = clientPrototype.query!;
  clientPrototype.query = function (this: unknown, ...args: unknown[]) {
    // Both of pg's forms: (text, values) and a query config, as named statements are sent.
    const [first, second] = args;
    const config = typeof first === 'object' && first !== null ? (first as QueryConfig) : null;
    const entry = config === null ? note(first, second) : note(config.text, config.values);
    const result = query.apply(this, args);
    // Observed on a branch of its own; a failure is the caller's to see, not this one's.
    if (result instanceof Promise)
      result.then(
        (answer: { rows?: unknown }) => counted(entry, answer.rows),
        () => undefined,
      );
    return result;
  };
  return {
    start: () => {
      recording = true;
    },
    stop: () => {
      recording = false;
      // One plan per distinct text: the same statement runs many times.
      const distinct = new Map<string, Recorded>();
      for (const entry of recorded) {
        const seen = distinct.get(entry.sql);
        if (seen === undefined) distinct.set(entry.sql, { ...entry });
        else seen.rows = Math.max(seen.rows, entry.rows);
      }
      return [...distinct.values()];
    },
  };
}

interface Planner {
  /** The plan, one line per node. */
  plan(statement: Recorded): Promise<string[]>;
  /** Growing tables the plan reads in full, e.g. ['outbox']. */
  fullScans(plan: readonly string[]): Promise<string[]>;
  dropIndex(name: string): Promise<void>;
  close(): Promise<void>;
}

function sqlitePlanner(platform: TestPlatform): Planner {
  let db = new Database(path.join(platform.dataDir, 'localpay.db'));
  return {
    plan: ({ sql, parameters }) =>
      Promise.resolve(
        (db.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]).map(
          (row) => row.detail,
        ),
      ),
    // "SCAN t" and "SCAN t USING [COVERING] INDEX i" both read every row (or entry) of t; the
    // claim names its tables by alias. "SCAN CONSTANT ROW" (a select without a table, such as
    // the WAL flusher's `select total_changes()`) reads nothing.
    fullScans: (plan) =>
      Promise.resolve(
        plan
          .map((line) => /^SCAN (?!\d+-ROW VALUES|CONSTANT ROW)(\w+)/.exec(line)?.[1])
          .map((table) => (table === undefined ? undefined : (ALIASES[table] ?? table)))
          .filter((table): table is string => table !== undefined && !BOUNDED.has(table)),
      ),
    // On a copy of the database: the server runs in this process, and a synchronous DROP INDEX
    // on its file that came while one of its batches held the write lock blocked the event loop
    // that batch needed to commit, until the 5 s busy timeout. VACUUM INTO only reads.
    dropIndex: (name) => {
      const copy = path.join(platform.dataDir, 'query-plans-copy.db');
      db.exec(`vacuum into '${copy}'`);
      db.close();
      db = new Database(copy);
      db.exec(`drop index ${name}`);
      return Promise.resolve();
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

/** The dispatcher's claim (src/store/ipn-dispatch-queries.ts) names its tables by alias. */
const ALIASES: Readonly<Record<string, string>> = {
  o: 'outbox',
  e: 'ipn_endpoints',
  m: 'merchants',
  s: 'ipn_settings',
};

/**
 * The tables a PostgreSQL plan reads in full: a Seq Scan, or an index scan whose Index Cond does
 * not bound the index's first column. With sequential scans off the planner walks a whole index
 * rather than the table, filtering on a later column (it did: charges_permission_sum_idx for
 * merchant_id, its fourth).
 */
function postgresFullScans(plan: readonly string[], leadingColumns: ReadonlyMap<string, string>) {
  const tables: string[] = [];
  plan.forEach((line, index) => {
    const node =
      /(?:^|-> +)(Seq Scan|Index Scan|Index Only Scan)(?: Backward)? (?:using (\w+) )?on (\w+)/.exec(
        line,
      );
    if (node === null) return;
    const [, kind, indexName = '', table = ''] = node;
    const details: string[] = [];
    for (const next of plan.slice(index + 1)) {
      if (next.includes('->')) break;
      details.push(next);
    }
    const leading = leadingColumns.get(indexName);
    const bounded = details.some(
      (detail) =>
        detail.includes('Index Cond') &&
        leading !== undefined &&
        new RegExp(`\\(${leading} [=<>]`).test(detail),
    );
    if (kind === 'Seq Scan' || !bounded) tables.push(table);
  });
  // A table once, though the custom and the generic plan both name it.
  return [...new Set(tables)].filter((table) => !BOUNDED.has(table));
}

async function postgresPlanner(backend: OpenedBackend): Promise<Planner> {
  const client = new pg.Client({ connectionString: backend.connectionString ?? '' });
  await client.connect();
  await client.query('set enable_seqscan = off');
  const leadingColumns = async () => {
    const { rows } = await client.query<{ indexname: string; indexdef: string }>(
      'select indexname, indexdef from pg_indexes where schemaname = current_schema()',
    );
    return new Map(
      rows.map((row) => [row.indexname, /\((\w+)/.exec(row.indexdef)?.[1] ?? ''] as const),
    );
  };
  const explain = async (text: string, values: readonly unknown[] = []) =>
    (await client.query<{ 'QUERY PLAN': string }>(text, [...values])).rows.map(
      (row) => row['QUERY PLAN'],
    );
  // A parameter as a literal of no type yet, which takes the prepared parameter's type.
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'null';
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'bigint' ||
      typeof value === 'boolean'
    )
      return client.escapeLiteral(String(value));
    throw new Error(`No literal for a parameter of type ${typeof value}.`);
  };
  return {
    async plan({ sql, parameters }) {
      const custom = await explain(`explain ${sql}`, parameters);
      if (parameters.length === 0) return custom;
      // localpay's compiled statements run as named prepared statements
      // (postgres-prepared-statements.ts), which PostgreSQL may run on a generic plan, made
      // without the values, from their sixth execution: that plan must use the indexes too.
      await client.query(`prepare generic_plan as ${sql}`);
      try {
        await client.query('set plan_cache_mode = force_generic_plan');
        const generic = await explain(
          `explain execute generic_plan(${parameters.map(literal).join(', ')})`,
        );
        return [...custom, ...generic];
      } finally {
        await client.query('reset plan_cache_mode');
        await client.query('deallocate generic_plan');
      }
    },
    fullScans: async (plan) => postgresFullScans(plan, await leadingColumns()),
    dropIndex: async (name) => void (await client.query(`drop index ${name}`)),
    close: () => client.end(),
  };
}

describe.each(BACKENDS)('query plans on $name', (backend) => {
  let opened: OpenedBackend;
  let platform: TestPlatform;
  let planner: Planner;
  let statements: Recorded[];

  beforeAll(async () => {
    const recorder = recordStatements();
    opened = await backend.open();
    platform = opened.platform;
    const merchant = await platform.createMerchant({ region: 'EU' });
    const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    const permissionId = await setUpSavedWallet(client, platform, merchant);
    // An endpoint makes the outbox rows pending, so the dispatcher claims and delivers one.
    const receiver = await platform.receiveIpns(merchant.merchantId);
    const { deps } = platform.localpay;
    const today = Math.floor(deps.clock.now() / DAY) * DAY;
    // Recording from before the seeded history commits: the platform's own timer sweep may read
    // it first (on PostgreSQL beside this test's units), and its pages must be counted too.
    recorder.start();
    await deps.store.transaction(async (tx) => {
      for (let index = 0; index < SEEDED_LEDGER_ENTRIES; index += 1)
        await tx.ledger.add(
          captureEntry(
            {
              id: `seeded-${index}`,
              merchantId: merchant.merchantId,
              environment: 'Sandbox',
              postedAt: today - DAY * (1 + (index % SEEDED_LEDGER_DAYS)) + index,
              transactionId: `S01-seeded-${index}`,
              orderReferenceId: permissionId,
              sellerReferenceId: null,
              sellerOrderId: null,
              storeName: null,
            },
            money(100, 'EUR'),
            DEFAULT_FEES.EU,
          ),
        );
    });

    const charge = await client.createCharge(
      {
        chargePermissionId: permissionId,
        chargeAmount: { amount: '1.00', currencyCode: 'EUR' },
        chargeInitiator: 'MITR',
        channel: 'Web',
        captureNow: true,
        canHandlePendingAuthorization: false,
      },
      idem(),
    );
    expect(charge.status).toBe(201);
    expect((await client.getChargePermission(permissionId)).status).toBe(200);
    await deps.store.transaction((tx) =>
      tx.charges.listByChargePermission(
        { merchantId: merchant.merchantId, environment: 'Sandbox' },
        permissionId,
      ),
    );
    await receiver.waitFor(1);
    await runDueTimers(platform.localpay.deps);
    // The request log is written by a 200 ms timer, then trimmed to its retention.
    await new Promise((resolve) => setTimeout(resolve, 600));
    statements = recorder.stop();
    planner =
      backend.name === 'PostgreSQL' ? await postgresPlanner(opened) : sqlitePlanner(platform);
  }, 60_000);

  afterAll(async () => {
    await planner?.close();
    await opened?.dispose();
  });

  it('recorded the hot path and the background loops', () => {
    const texts = statements.map((statement) => statement.sql).join('\n');
    for (const table of [
      'charges',
      'idempotency_records',
      'outbox',
      'request_log',
      'ledger_entries',
    ])
      expect(texts).toContain(`insert into "${table}"`);
    for (const pattern of EXPECTED_INDEXES.map(([statement]) => statement))
      expect(texts).toMatch(pattern);
  });

  it("created the seeded days' settlement reports in the sweep", () => {
    const texts = statements.map((statement) => statement.sql).join('\n');
    expect(texts).toContain('insert into "reports"');
    expect(texts).toContain('insert into "report_documents"');
  });

  // An index bounds where a read starts, not how much it returns: the sweep's first settlement
  // reports read the whole ledger history through ledger_entries_period_idx in one statement.
  it('reads at most a page of rows per statement', () => {
    const large = statements
      .filter((statement) => statement.rows > LEDGER_PAGE)
      .map((statement) => `${statement.rows} rows: ${statement.sql}`);
    expect(large).toEqual([]);
    // The seeded history was read, in pages of LEDGER_PAGE.
    expect(Math.max(...statements.map((statement) => statement.rows))).toBe(LEDGER_PAGE);
  });

  // SQLite re-prepares a statement at every run when a bound parameter is the right-hand side of
  // LIKE or GLOB (for the LIKE optimisation): the outbox insert's endpoint check did, 35 µs per
  // Create Charge (issue 16). Patterns on these paths are written into the statement's text.
  it('binds no LIKE or GLOB pattern on the recorded paths', () => {
    const bound = statements
      .map((statement) => statement.sql)
      .filter((text) => /\b(like|glob)\s+(\?|\$\d)/i.test(text));
    expect(bound).toEqual([]);
  });

  it('reads no growing table in full', async () => {
    const scans: string[] = [];
    for (const statement of statements) {
      const tables = await planner.fullScans(await planner.plan(statement));
      if (tables.length > 0) scans.push(`${tables.join(', ')}: ${statement.sql}`);
    }
    expect(scans).toEqual([]);
  });

  it('keeps the indexes that matter most', async () => {
    for (const [pattern, index] of EXPECTED_INDEXES) {
      const statement = statements.find((entry) => pattern.test(entry.sql));
      expect(statement, String(pattern)).toBeDefined();
      expect((await planner.plan(statement!)).join('\n'), String(pattern)).toContain(index);
    }
  });

  // Last: it changes the schema. Shows that the check above can fail.
  it('notices a dropped index', async () => {
    const [pattern, index] = EXPECTED_INDEXES[2]!;
    const sweep = statements.find((entry) => pattern.test(entry.sql))!;
    await planner.dropIndex(index);
    const plan = await planner.plan(sweep);
    expect(await planner.fullScans(plan), plan.join('\n')).toEqual(['charges']);
  });
});
