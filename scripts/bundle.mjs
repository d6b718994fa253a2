// Bundles the `localpay` command into one ES module (dist/src/bin/localpay.mjs), with what starts
// lazily split into chunks beside it, and the certificate maker's worker thread as an entry of its
// own (dist/src/bin/certificate-worker.mjs, found by src/http/tls/certificate-maker.ts). Node 20 has no
// compile cache, so a start that loads some 400 separate files spends most of its second resolving
// and reading them; one file starts in about a third of the time (bench/cold-start.ts, issue 16).
// The library entry points (dist/src/index.js, dist/src/testing/) stay unbundled for users' own
// bundlers and type declarations.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { commandShebang } from '../dist/src/runtime/process-settings.js';
import { bundleModules } from './esbuild-modules.mjs';

const COMMAND = 'dist/src/bin/localpay.mjs';

await bundleModules({
  entryPoints: {
    localpay: 'dist/src/cli/index.js',
    'certificate-worker': 'dist/src/http/tls/certificate-worker.js',
  },
  outdir: 'dist/src/bin',
});

// The shebang starts node with localpay's process settings (src/runtime/process-settings.ts): they
// only take effect when the process starts. The entry's own `#!/usr/bin/env node` is replaced.
const bundled = await readFile(COMMAND, 'utf8');
// dist/ is compiled before this script runs, but `eslint .` may run before any build (a fresh
// checkout in CI): the import's type is then unknown to the linter, not to node.
// eslint-disable-next-line @typescript-eslint/no-unsafe-call
await writeFile(COMMAND, `${commandShebang()}\n${bundled.replace(/^#!.*\n/, '')}`);
await chmod(COMMAND, 0o755);
