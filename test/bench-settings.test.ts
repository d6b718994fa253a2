import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newerSource, serverForm } from '../bench/server-process.js';
import { wholeNumberSetting } from '../bench/settings.js';

describe("the benchmarks' count settings", () => {
  it('takes a whole number, and the default when the variable is not set', () => {
    expect(wholeNumberSetting('BENCH_X', 50, 1, { BENCH_X: '200' })).toBe(200);
    expect(wholeNumberSetting('BENCH_X', 50, 1, { BENCH_X: ' 7 ' })).toBe(7);
    expect(wholeNumberSetting('BENCH_X', 0, 0, { BENCH_X: '0' })).toBe(0);
    expect(wholeNumberSetting('BENCH_X', 50, 1, {})).toBe(50);
  });

  it('refuses what is not one, naming the setting, instead of measuring something else', () => {
    for (const given of ['', 'abc', '1e3', '2.5', '-1', '0x10', '99999999999999999999'])
      expect(() => wholeNumberSetting('BENCH_X', 50, 1, { BENCH_X: given }), given).toThrow(
        `BENCH_X must be a whole number of at least 1, not '${given}'.`,
      );
    expect(() => wholeNumberSetting('BENCH_X', 50, 1, { BENCH_X: '0' })).toThrow('at least 1');
  });
});

describe("the benchmarks' server form", () => {
  it('runs the server bundled, as `localpay start` runs it, unless told to run the modules', () => {
    expect(serverForm({})).toBe('bundled');
    expect(serverForm({ BENCH_SERVER: 'bundled' })).toBe('bundled');
    expect(serverForm({ BENCH_SERVER: 'modules' })).toBe('modules');
  });

  it('refuses any other form, naming the setting, instead of measuring another server', () => {
    for (const given of ['', 'bundle', 'Modules', 'unbundled'])
      expect(() => serverForm({ BENCH_SERVER: given }), given).toThrow(
        `BENCH_SERVER must be 'bundled' or 'modules', not '${given}'.`,
      );
  });
});

describe("the benchmarks' bundled server", () => {
  it('is refused once a source it was made from was compiled again', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'bench-bundle-'));
    try {
      const [bundle, source] = [path.join(folder, 'server.mjs'), path.join(folder, 'main.js')];
      await Promise.all([writeFile(bundle, ''), writeFile(source, '')]);
      await utimes(source, new Date(1_000_000), new Date(1_000_000));
      await utimes(bundle, new Date(2_000_000), new Date(2_000_000));
      expect(newerSource(bundle, [source, path.join(folder, 'absent.js')])).toBeUndefined();
      await utimes(source, new Date(3_000_000), new Date(3_000_000));
      expect(newerSource(bundle, [source])).toBe(source);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
