import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = path.resolve('scripts/postgres.sh');

/** PostgreSQL server binaries present on this machine (Debian puts them in /usr/lib/postgresql). */
function serverInstalled(): boolean {
  if (!existsSync('/usr/lib/postgresql')) return false;
  return readdirSync('/usr/lib/postgresql').some((version) =>
    existsSync(`/usr/lib/postgresql/${version}/bin/initdb`),
  );
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * `npm test` runs the store contract suite on PostgreSQL too: unless LOCALPAY_TEST_DATABASE_URL
 * names a server already, a throwaway cluster is started on loopback and removed afterwards. With
 * no PostgreSQL installed the PostgreSQL half is skipped, unless LOCALPAY_REQUIRE_POSTGRES=1 (CI)
 * makes that an error.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.LOCALPAY_TEST_DATABASE_URL) return undefined;
  if (!serverInstalled()) {
    if (process.env.LOCALPAY_REQUIRE_POSTGRES === '1')
      throw new Error('PostgreSQL server binaries are required (apt-get install -y postgresql).');
    process.stderr.write('PostgreSQL is not installed: the PostgreSQL store tests are skipped.\n');
    return undefined;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'localpay-pg-'));
  const { stdout } = await run('bash', [SCRIPT, 'start', dir, String(await freePort())]);
  process.env.LOCALPAY_TEST_DATABASE_URL = stdout.trim();
  return async () => {
    await run('bash', [SCRIPT, 'stop', dir]);
  };
}
