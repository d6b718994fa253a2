// What every bundle of localpay's server code shares (scripts/bundle.mjs for the `localpay`
// command, scripts/bundle-bench.mjs for the benchmarks' server): one ES module per entry with what
// starts lazily split into chunks beside it, the native driver and pg left external, and every
// written module ASCII (scripts/ascii-source.mjs).
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stderr } from 'node:process';
import { build } from 'esbuild';
import { asciiSource } from './ascii-source.mjs';

/**
 * Bundles `entryPoints` (name → compiled .js file) into `outdir` as `<name>.mjs`. The folder must
 * sit two levels under dist/, as dist/src/bin/ does: code that finds assets through ../widgets/
 * (src/widgets/widgets-asset.ts) then finds dist/src/widgets/ from any chunk. The certificate
 * maker's worker must be an entry of each bundle (certificate-worker): it is looked up beside the
 * module that starts it (src/http/tls/certificate-maker.ts).
 *
 * @param {{ entryPoints: Record<string, string>, outdir: string }} options
 */
export async function bundleModules({ entryPoints, outdir }) {
  await build({
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    // Chunks stay beside the entry: code that finds assets through ../widgets/ works from any of them.
    chunkNames: '[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The driver loads its .node binary by path; pg is only loaded when a PostgreSQL store opens.
    external: ['better-sqlite3', 'pg'],
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as localpayCreateRequire } from 'node:module'; const require = localpayCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  // Every module is ASCII, so V8 keeps its source at one byte a character.
  for (const name of await readdir(outdir)) {
    if (!name.endsWith('.mjs')) continue;
    const file = path.join(outdir, name);
    const { source, left } = asciiSource(await readFile(file, 'utf8'));
    await writeFile(file, source);
    if (left.length > 0)
      stderr.write(
        `${file}: ${left.length} characters outside ASCII left as written (the first at offset ` +
          `${left[0]}): V8 keeps this module's source at two bytes a character.\n`,
      );
  }
}
