/**
 * Processes sharing one PostgreSQL database (`localpay start --workers N`, or two servers) keep
 * caches of it: a restore in one must reach the others. The restoring transaction sends a
 * NOTIFY, delivered when it commits; every store listens on a connection of its own and tells its
 * process, which empties its caches and rereads its IPN outbox (restore-hooks.ts).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

const CHANNEL = 'localpay_snapshot_restored';
/** After a lost listening connection, the pause before the next try. */
const RECONNECT_MS = 1_000;

export interface RestoreSignal {
  /** Inside the restoring transaction: tell the other processes once it commits. */
  announce(trx: Transaction<Database>): Promise<void>;
  /** Listens until the returned function is called; `listener` hears other processes' restores. */
  watch(listener: () => void): Promise<() => Promise<void>>;
}

export function postgresRestoreSignal(
  db: Kysely<Database>,
  connectionString: string,
): RestoreSignal {
  /** Restores of this process: its own hooks ran already. */
  const mine = new Set<string>();
  return {
    async announce(trx) {
      const token = randomBytes(8).toString('hex');
      mine.add(token);
      await sql`select pg_notify(${CHANNEL}, current_schema() || ' ' || ${token})`.execute(trx);
    },

    async watch(listener) {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      const schema = rows[0]?.schema ?? '';
      const { Client } = await import('pg');
      let client: InstanceType<typeof Client> | null = null;
      let closed = false;
      let retry: NodeJS.Timeout | null = null;
      const schedule = (): void => {
        if (closed) return;
        retry = setTimeout(() => void connect().catch(schedule), RECONNECT_MS);
        retry.unref();
      };
      const connect = async (): Promise<void> => {
        const next = new Client({ connectionString });
        next.on('notification', (message) => {
          if (message.channel !== CHANNEL) return;
          const [from, token = ''] = (message.payload ?? '').split(' ');
          if (from !== schema) return;
          if (mine.delete(token)) return;
          listener();
        });
        // A lost connection is replaced; restores meanwhile are missed, as a restart would miss them.
        next.on('error', () => {
          if (closed || client !== next) return;
          client = null;
          void next.end().catch(() => undefined);
          schedule();
        });
        try {
          await next.connect();
          await next.query(`listen ${CHANNEL}`);
        } catch (error) {
          await next.end().catch(() => undefined);
          throw error;
        }
        if (closed) await next.end();
        else client = next;
      };
      await connect();
      return async () => {
        closed = true;
        if (retry !== null) clearTimeout(retry);
        await client?.end().catch(() => undefined);
        client = null;
      };
    },
  };
}
