import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../../src/config/config.js';
import { createTestPlatform, type TestPlatform } from '../../src/testing/test-platform.js';
import { temporarySchema, testDatabaseUrl } from './postgres-schema.js';

/**
 * The stores a concurrency test must hold on: the embedded SQLite store always, and PostgreSQL
 * when `npm test` has one. Each opens a fresh platform and can count rows in its own database.
 */
export interface OpenedBackend {
  readonly platform: TestPlatform;
  /** PostgreSQL only: the URL of the platform's own schema, for tests that query it directly. */
  readonly connectionString?: string;
  /** Runs a `select count(*) … where merchant_id = ?`-style query with one parameter. */
  count(sql: string, parameter: string): Promise<number>;
  dispose(): Promise<void>;
}

export interface Backend {
  readonly name: string;
  /** `overrides`: configuration the platform starts with (e.g. a small request-log retention). */
  open(overrides?: Partial<Config>): Promise<OpenedBackend>;
}

const sqlite: Backend = {
  name: 'embedded SQLite',
  async open(overrides = {}) {
    const platform = await createTestPlatform(overrides);
    return {
      platform,
      count(sql, parameter) {
        const db = new Database(path.join(platform.dataDir, 'localpay.db'), { readonly: true });
        try {
          const row = db.prepare(sql.replace('$1', '?')).get(parameter) as Record<string, number>;
          return Promise.resolve(Number(Object.values(row)[0]));
        } finally {
          db.close();
        }
      },
      dispose: () => platform.close(),
    };
  },
};

const postgres = (databaseUrl: string): Backend => ({
  name: 'PostgreSQL',
  async open(overrides = {}) {
    const schema = await temporarySchema(databaseUrl);
    const platform = await createTestPlatform({ ...overrides, databaseUrl: schema.url });
    return {
      platform,
      connectionString: schema.url,
      async count(sql, parameter) {
        const client = new pg.Client({ connectionString: schema.url });
        await client.connect();
        try {
          const result = await client.query<Record<string, string>>(sql, [parameter]);
          return Number(Object.values(result.rows[0] ?? {})[0]);
        } finally {
          await client.end();
        }
      },
      async dispose() {
        await platform.close();
        await schema.drop();
      },
    };
  },
});

const databaseUrl = testDatabaseUrl();
export const BACKENDS: readonly Backend[] = [
  sqlite,
  ...(databaseUrl ? [postgres(databaseUrl)] : []),
];
