// Bundles the benchmarks' server (bench/localpay-server.ts) the way scripts/bundle.mjs bundles the
// `localpay` command, so that the benchmarks measure localpay as `localpay start` runs it: one
// module instead of some 800 files, each of which V8 would keep with its own source and module
// record (about 19 MiB of RSS; bench/README.md, "The benchmarks' server is bundled"). Written to
// dist/src/bench-bin/, beside dist/src/bin/ (the bundle finds dist/src/widgets/ through
// ../widgets/), which the package's `files` do not include. `BENCH_SERVER=modules` runs the
// unbundled dist/bench/localpay-server.js instead (bench/server-process.ts).
import { bundleModules } from './esbuild-modules.mjs';

await bundleModules({
  entryPoints: {
    'localpay-server': 'dist/bench/localpay-server.js',
    'certificate-worker': 'dist/src/http/tls/certificate-worker.js',
  },
  outdir: 'dist/src/bench-bin',
});
