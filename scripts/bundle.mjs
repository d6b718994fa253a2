// Bundles the `localpay` command into one ES module (dist/src/bin/localpay.mjs), with what starts
// lazily split into chunks beside it, and the certificate maker's worker thread as an entry of its
// own (dist/src/bin/certificate-worker.mjs, found by src/http/tls/certificate-maker.ts). Node 20 has no
// compile cache, so a start that loads some 400 separate files spends most of its second resolving
// and reading them; one file starts in about a third of the time (bench/cold-start.ts, issue 16).
// The native driver stays external (it loads its .node binary by path), and so does pg, which is
// only loaded when a PostgreSQL store is opened. The library entry points (dist/src/index.js,
// dist/src/testing/) stay unbundled for users' own bundlers and type declarations.
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stderr } from 'node:process';
import { build } from 'esbuild';
import { commandShebang } from '../dist/src/runtime/process-settings.js';
import { asciiSource } from './ascii-source.mjs';

const COMMAND = 'dist/src/bin/localpay.mjs';

const OUT_DIR = 'dist/src/bin';

await build({
  entryPoints: {
    localpay: 'dist/src/cli/index.js',
    'certificate-worker': 'dist/src/http/tls/certificate-worker.js',
  },
  outdir: OUT_DIR,
  outExtension: { '.js': '.mjs' },
  // Chunks stay beside the entry: code that finds assets through ../widgets/ works from any of them.
  chunkNames: '[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg'],
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as localpayCreateRequire } from 'node:module'; const require = localpayCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// Every module the command loads is ASCII, so V8 keeps its source at one byte a character
// (scripts/ascii-source.mjs).
for (const name of await readdir(OUT_DIR)) {
  if (!name.endsWith('.mjs')) continue;
  const file = path.join(OUT_DIR, name);
  const { source, left } = asciiSource(await readFile(file, 'utf8'));
  await writeFile(file, source);
  if (left.length > 0)
    stderr.write(
      `${file}: ${left.length} characters outside ASCII left as written (the first at offset ` +
        `${left[0]}): V8 keeps this module's source at two bytes a character.\n`,
    );
}

// The shebang starts node with localpay's process settings (src/runtime/process-settings.ts): they
// only take effect when the process starts. The entry's own `#!/usr/bin/env node` is replaced.
const bundled = await readFile(COMMAND, 'utf8');
// dist/ is compiled before this script runs, but `eslint .` may run before any build (a fresh
// checkout in CI): the import's type is then unknown to the linter, not to node.
// eslint-disable-next-line @typescript-eslint/no-unsafe-call
await writeFile(COMMAND, `${commandShebang()}\n${bundled.replace(/^#!.*\n/, '')}`);
await chmod(COMMAND, 0o755);
