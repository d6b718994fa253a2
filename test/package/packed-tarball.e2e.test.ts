import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { docBlocks } from '../support/doc-blocks.js';

/**
 * Issue 15 (the npm package): `npm pack` the repository, install the tarball into an empty
 * scratch project next to the official Node SDK and Vitest, and run a merchant's own suite
 * there (fixture/merchant-suite.test.js) that imports only `localpay` and `localpay/testing`.
 * What this proves: the `exports` map, the `files` list, the prebuilt dist/ with its browser
 * scripts, and the declared dependencies are enough for a user; nothing from src/ or test/ leaks in.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const installed = async (name: string): Promise<string> =>
  (
    JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

let scratch = '';
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

it('installs from the packed tarball and passes a merchant suite that uses the official SDK', async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'localpay-pack-'));
  // A user's shell, not this Vitest worker's: no VITEST_* variables, no colours in the output.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
  );
  Object.assign(env, {
    NO_COLOR: '1',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
  });
  await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root, env });
  const tarball = (await readdir(scratch)).find((name) => name.endsWith('.tgz'));
  expect(tarball).toMatch(/^localpay-\d+\.\d+\.\d+\.tgz$/);

  const { stdout: listing } = await run('tar', ['-tzf', path.join(scratch, tarball ?? '')]);
  const files = listing.split('\n').filter(Boolean);
  expect(files).toContain('package/dist/src/index.d.ts');
  expect(files).toContain('package/dist/src/testing/index.js');
  expect(files).toContain('package/dist/src/widgets/Widgets.js');
  expect(files).toContain('package/dist/src/bin/localpay.mjs');
  // The certificate maker's worker, beside the unbundled maker and the bundled command: without
  // it certificates would be made in-process (src/http/tls/certificate-maker.ts).
  expect(files).toContain('package/dist/src/http/tls/certificate-worker.js');
  expect(files).toContain('package/dist/src/bin/certificate-worker.mjs');
  // No sources, tests, benches or compiled unit tests ship.
  expect(files.filter((file) => /^package\/(src|test|bench|examples)\//.test(file))).toEqual([]);
  expect(files.filter((file) => /\.test\.(js|d\.ts)$/.test(file))).toEqual([]);

  const project = path.join(scratch, 'project');
  await cp(path.join(root, 'test/package/fixture'), project, { recursive: true });
  // The example of docs/npm-package.md runs too, exactly as the page shows it.
  const example = docBlocks(path.join(root, 'docs/npm-package.md')).find(
    (block) => block.language === 'js' && block.marker !== 'illustrative',
  );
  expect(example).toBeDefined();
  await writeFile(path.join(project, 'docs-example.test.js'), example?.code ?? '');
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({
      name: 'merchant-shop-tests',
      private: true,
      type: 'module',
      devDependencies: {
        localpay: `file:../${tarball ?? ''}`,
        '@amazonpay/amazon-pay-api-sdk-nodejs': await installed(
          '@amazonpay/amazon-pay-api-sdk-nodejs',
        ),
        vitest: await installed('vitest'),
      },
      // The same pin localpay's own package.json explains (DESIGN.md §7).
      overrides: { rollup: '4.67.4' },
    }),
  );
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--ignore-scripts'], {
    cwd: project,
    env,
  });
  // The one native module: its compiled binding is put in place as prebuild-install would
  // download it (building it from source again would add minutes and prove nothing new).
  await cp(
    path.join(root, 'node_modules/better-sqlite3/build'),
    path.join(project, 'node_modules/better-sqlite3/build'),
    { recursive: true },
  );
  // The command's modules are ASCII: V8 keeps a module's source for as long as it runs, at two
  // bytes a character if any is outside ASCII (scripts/ascii-source.mjs; 3.7 MiB of resident memory).
  const binDirectory = path.join(project, 'node_modules/localpay/dist/src/bin');
  for (const name of await readdir(binDirectory))
    expect(
      (await readFile(path.join(binDirectory, name))).some((byte) => byte > 0x7f),
      `${name} has a byte outside ASCII`,
    ).toBe(false);
  const { stdout: usage } = await run('npx', ['localpay', '--help'], { cwd: project, env });
  expect(usage).toContain('Usage: localpay <command>');
  const { stdout } = await run('npx', ['vitest', 'run', '--reporter=verbose'], {
    cwd: project,
    env: { ...env, CI: 'true' },
  });
  expect(stdout).toMatch(/Tests\s+3 passed \(3\)/);
}, 300_000);
