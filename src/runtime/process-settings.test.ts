import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MALLOC_ENV,
  NODE_START_FLAGS,
  commandShebang,
  withMallocEnv,
  withStartFlags,
} from './process-settings.js';

/** Churns enough surviving objects to grow the young generation to its limit, then reports. */
const REPORT = `
const v8 = require('node:v8');
const kept = [];
for (let i = 0; i < 3e6; i++) { kept.push({ i }); if (kept.length > 50000) kept.length = 0; }
const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
console.log(JSON.stringify({
  execArgv: process.execArgv,
  arenaMax: process.env.MALLOC_ARENA_MAX,
  youngBytes: young.space_size,
  threads: process.platform === 'linux' ? require('node:fs').readdirSync('/proc/self/task').length : null,
}));
`;

interface Report {
  execArgv: string[];
  arenaMax: string;
  youngBytes: number;
  threads: number | null;
}

const run = async (file: string, args: string[], env = process.env): Promise<Report> =>
  JSON.parse((await promisify(execFile)(file, args, { env })).stdout) as Report;

const hasTaskset = async (): Promise<boolean> =>
  promisify(execFile)('taskset', ['-c', '0', 'true']).then(
    () => true,
    () => false,
  );

describe('process settings', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const shebangScript = async (): Promise<string> => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'localpay-shebang-'));
    const script = path.join(dir, 'report.cjs');
    await writeFile(script, `${commandShebang()}\n${REPORT}`);
    await chmod(script, 0o755);
    return script;
  };

  it.skipIf(process.platform === 'win32')(
    "starts a script run through the command's shebang with a smaller young generation",
    async () => {
      const script = await shebangScript();
      const env = { ...process.env };
      delete env.MALLOC_ARENA_MAX;
      const report = await run(script, [], env);
      expect(report.execArgv).toEqual(NODE_START_FLAGS);
      expect(report.arenaMax).toBe(MALLOC_ENV.MALLOC_ARENA_MAX);
      // Two semi-spaces of 8 MiB at most, where Node 20's default grows to two of 16 MiB.
      expect(report.youngBytes).toBeGreaterThan(0);
      expect(report.youngBytes).toBeLessThanOrEqual(2 * 8 * 1024 * 1024);
    },
  );

  // A server confined to one CPU ran Node's four V8 helper threads on it, preempting the thread
  // that serves requests (bench/README.md, session of 2026-12-07 (7)).
  it.skipIf(process.platform !== 'linux')(
    'gives V8 one helper thread fewer than the CPUs the process may use, at least one',
    async () => {
      if (!(await hasTaskset())) return;
      const script = await shebangScript();
      const onOneCpu = await run('taskset', ['-c', '0', script]);
      const nodesFour = await run('taskset', [
        '-c',
        '0',
        process.execPath,
        '--v8-pool-size=4',
        script,
      ]);
      const unconfined = await run(script, []);
      if (onOneCpu.threads === null || nodesFour.threads === null || unconfined.threads === null)
        throw new Error('no thread count on Linux');
      // The same process but for its helpers: Node's default four against one.
      expect(nodesFour.threads - onOneCpu.threads).toBe(3);
      const helpers = Math.max(os.availableParallelism() - 1, 1);
      expect(unconfined.threads - onOneCpu.threads).toBe(helpers - 1);
    },
  );

  it('adds the flags and the malloc setting, but for those the caller chose', () => {
    expect(withStartFlags(['--inspect'])).toEqual(['--inspect', ...NODE_START_FLAGS]);
    expect(withStartFlags(['--max-semi-space-size=16', '--v8-pool-size=4'])).toEqual([
      '--max-semi-space-size=16',
      '--v8-pool-size=4',
    ]);
    expect(withMallocEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', ...MALLOC_ENV });
    expect(withMallocEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8');
  });

  // `npm start` (the README's quick start) and `npm run localpay` run the bin with `node`, which
  // skips its first line: the flags must be in the scripts themselves.
  it('gives the npm scripts that start localpay the same V8 flags', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as { scripts: Record<string, string> };
    for (const script of ['start', 'localpay'])
      expect(manifest.scripts[script], script).toContain(
        `node ${NODE_START_FLAGS.join(' ')} dist/src/bin/localpay.mjs`,
      );
  });
});
