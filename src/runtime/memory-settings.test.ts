import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MALLOC_ENV,
  V8_MEMORY_FLAGS,
  commandShebang,
  withMallocEnv,
  withMemoryFlags,
} from './memory-settings.js';

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
}));
`;

describe('memory settings', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it.skipIf(process.platform === 'win32')(
    "start a script run through the command's shebang with a smaller young generation",
    async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'localpay-shebang-'));
      const script = path.join(dir, 'report.cjs');
      await writeFile(script, `${commandShebang()}\n${REPORT}`);
      await chmod(script, 0o755);
      const env = { ...process.env };
      delete env.MALLOC_ARENA_MAX;
      const { stdout } = await promisify(execFile)(script, [], { env });
      const report = JSON.parse(stdout) as {
        execArgv: string[];
        arenaMax: string;
        youngBytes: number;
      };
      expect(report.execArgv).toEqual(V8_MEMORY_FLAGS);
      expect(report.arenaMax).toBe(MALLOC_ENV.MALLOC_ARENA_MAX);
      // Two semi-spaces of 8 MiB at most, where Node 20's default grows to two of 16 MiB.
      expect(report.youngBytes).toBeGreaterThan(0);
      expect(report.youngBytes).toBeLessThanOrEqual(2 * 8 * 1024 * 1024);
    },
  );

  it('adds the flags and the malloc setting, but for those the caller chose', () => {
    expect(withMemoryFlags(['--inspect'])).toEqual(['--inspect', ...V8_MEMORY_FLAGS]);
    expect(withMemoryFlags(['--max-semi-space-size=16'])).toEqual(['--max-semi-space-size=16']);
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
        `node ${V8_MEMORY_FLAGS.join(' ')} dist/src/bin/localpay.mjs`,
      );
  });
});
