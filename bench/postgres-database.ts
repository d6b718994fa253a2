import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { treeCpuMicros } from './process-cpu.js';

/**
 * The PostgreSQL a benchmark runs against (workers.ts, million-charges.ts): BENCH_DATABASE_URL names
 * a server (its CPU is then not counted), else a throwaway cluster from scripts/postgres.sh (fsync
 * off, as for the tests).
 */

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every CPU for the children: after another benchmark pinned this process to CPU 1
 * (server-process.ts), what it spawns would inherit that single CPU.
 */
export const allCpus = (): string[] =>
  spawnSync('taskset', ['--version']).status === 0
    ? ['taskset', '-c', `0-${os.cpus().length - 1}`]
    : [];

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

export interface Database {
  readonly url: string;
  /** CPU of the PostgreSQL server so far, in microseconds; null for a server we did not start. */
  cpuMicros(): number | null;
  stop(): Promise<void>;
}

export async function openDatabase(): Promise<Database> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, cpuMicros: () => null, stop: () => Promise.resolve() };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'localpay-bench-pg-'));
  const script = path.join(ROOT, 'scripts/postgres.sh');
  const [command = 'bash', ...args] = [
    ...allCpus(),
    'bash',
    script,
    'start',
    dir,
    String(await freePort()),
  ];
  const { stdout } = await run(command, args);
  const postmaster = Number(
    (await readFile(path.join(dir, 'data/postmaster.pid'), 'utf8')).split('\n')[0],
  );
  return {
    url: stdout.trim(),
    cpuMicros: () => treeCpuMicros(postmaster, true),
    async stop() {
      await run('bash', [script, 'stop', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
