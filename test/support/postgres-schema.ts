import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server `npm test` started (or was given), if any. */
export const testDatabaseUrl = (): string | undefined =>
  process.env.LOCALPAY_TEST_DATABASE_URL || undefined;

/**
 * A fresh, uniquely named schema on the test server, selected through the connection string's
 * search_path, so every suite works on its own empty database and can drop it afterwards.
 */
export async function temporarySchema(databaseUrl: string): Promise<{
  url: string;
  /** Rows of one query on the schema, over a connection of its own. */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}> {
  const schema = `localpay_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}
