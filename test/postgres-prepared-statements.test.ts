import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../src/store/dialects.js';
import { migrateToLatest } from '../src/store/migrations.js';
import { kyselyRunners } from '../src/store/sql-runner.js';
import { statement } from '../src/store/statements.js';
import {
  nameRegisteredStatements,
  prepareOnServer,
} from '../src/store/postgres-prepared-statements.js';
import { guardTextParameters } from '../src/store/postgres-text-guard.js';
import { temporarySchema, testDatabaseUrl } from './support/postgres-schema.js';

/**
 * The compiled statements run as server-side prepared statements on a real PostgreSQL: parsed
 * once per connection, while queries built per call stay unnamed (issue 16).
 */
const databaseUrl = testDatabaseUrl();

describe.runIf(databaseUrl)('named statements on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof temporarySchema>>;
  let pool: pg.Pool;

  beforeAll(async () => {
    schema = await temporarySchema(databaseUrl!);
    await schema.query('create table t (id text primary key, v text not null)');
    // As createPostgresDatabase sets up its pool.
    pool = new pg.Pool({ connectionString: schema.url, max: 1 });
    pool.on('connect', guardTextParameters);
    pool.on('connect', nameRegisteredStatements);
  });
  afterAll(async () => {
    await pool.end();
    await schema.drop();
  });

  /** Runs `work` on one pooled connection: prepared statements belong to it. */
  const onOneConnection = async (work: (client: pg.PoolClient) => Promise<void>) => {
    const client = await pool.connect();
    try {
      await work(client);
    } finally {
      client.release();
    }
  };

  const prepared = async (client: pg.PoolClient) =>
    (
      await client.query<{ name: string; statement: string }>(
        'select name, statement from pg_prepared_statements order by name',
      )
    ).rows;

  const INSERT = 'insert into t (id, v) values ($1, $2)';
  const SELECT = 'select v from t where id = $1';

  it('prepares a registered text once per connection and runs it by name after', async () => {
    prepareOnServer(INSERT);
    prepareOnServer(SELECT);
    await onOneConnection(async (client) => {
      await client.query(INSERT, ['a', 'first']);
      await client.query(INSERT, ['b', 'second']);
      expect((await client.query(SELECT, ['b'])).rows).toEqual([{ v: 'second' }]);
      const statements = await prepared(client);
      expect(statements.map((row) => row.statement).sort()).toEqual([INSERT, SELECT].sort());
      expect(statements.every((row) => /^localpay_\d+$/.test(row.name))).toBe(true);
      // A text keeps its name: registering it again changes nothing.
      prepareOnServer(INSERT);
      await client.query(INSERT, ['c', 'third']);
      expect(await prepared(client)).toEqual(statements);
    });
  });

  it('leaves unregistered texts and queries without parameters unnamed', async () => {
    await onOneConnection(async (client) => {
      const before = await prepared(client);
      await client.query('select v from t where id = $1 or id = $2', ['a', 'b']);
      await client.query(`select v from t where id = 'a'`);
      expect(await prepared(client)).toEqual(before);
    });
  });

  it('keeps a named statement usable after it failed inside a rolled-back transaction', async () => {
    await onOneConnection(async (client) => {
      await client.query('begin');
      await expect(client.query(INSERT, ['a', 'duplicate'])).rejects.toThrow(/duplicate key/);
      await client.query('rollback');
      await client.query(INSERT, ['d', 'after the failure']);
      expect((await client.query(SELECT, ['d'])).rows).toEqual([{ v: 'after the failure' }]);
    });
  });

  it('still refuses U+0000 in a named statement before it reaches the server', async () => {
    await onOneConnection(async (client) => {
      // Thrown as the query is made (Kysely's await turns it into the unit's rejection).
      expect(() => client.query(INSERT, ['e', 'nul\u0000byte'])).toThrow(
        expect.objectContaining({ code: 'InvalidParameterValue' }),
      );
      expect((await client.query(SELECT, ['e'])).rows).toEqual([]);
    });
  });
});

describe.runIf(databaseUrl)("the store's PostgreSQL connections", () => {
  const merchantName = statement('test.merchantName', (db, args: { id: string }) =>
    db.selectFrom('merchants').select('name').where('merchant_id', '=', args.id),
  );

  /** What one pooled connection has prepared after running a compiled statement on it. */
  async function preparedAfterOneStatement(preparedStatements: boolean): Promise<string[]> {
    const schema = await temporarySchema(databaseUrl!);
    const db = await createPostgresDatabase({ connectionString: schema.url, preparedStatements });
    try {
      await migrateToLatest(db, 'postgres');
      return await db.connection().execute(async (connection) => {
        await kyselyRunners()(connection).first(merchantName, { id: 'A1' });
        const { rows } = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements`.execute(connection);
        return rows.map((row) => row.statement);
      });
    } finally {
      await db.destroy();
      await schema.drop();
    }
  }

  it('prepare the compiled statements on the server', async () => {
    expect(await preparedAfterOneStatement(true)).toContain(
      'select "name" from "merchants" where "merchant_id" = $1',
    );
  });

  it('prepare nothing with LOCALPAY_POSTGRES_PREPARED=0', async () => {
    expect(await preparedAfterOneStatement(false)).toEqual([]);
  });
});
