import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Cold start (issue 16, target 3): milliseconds from spawning `localpay start` to the answer of
 * its first request, first on an empty data folder (it generates the CA, the server certificate,
 * the IPN signing key and the default merchant's keys), then several times on the folder that
 * start left behind. The bundled command (dist/src/bin/localpay.mjs, what `npx localpay` and
 * `npm start` run) is measured beside the unbundled one (dist/src/cli/index.js) in the same run.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const COMMANDS = {
  bundled: path.join(ROOT, 'dist/src/bin/localpay.mjs'),
  unbundled: path.join(ROOT, 'dist/src/cli/index.js'),
} as const;
const WARM_STARTS = 7;
const START_TIMEOUT_MS = 30_000;

/** Spawns a start, waits for the banner's HTTP URL, asks for the health check, stops the process. */
async function timeStart(script: string, dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [script, 'start'], {
    env: {
      ...process.env,
      LOCALPAY_DATA_DIR: dataDir,
      LOCALPAY_HTTP_PORT: '0',
      LOCALPAY_HTTPS_PORT: '0',
      LOCALPAY_LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const httpUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error('no start banner')), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
      child.once('exit', (code) => reject(new Error(`localpay exited with ${String(code)}`)));
    });
    const response = await fetch(`${httpUrl}/_localpay/health`);
    if (response.status !== 200) throw new Error(`health answered ${response.status}`);
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

export async function runColdStartBenchmark(): Promise<void> {
  console.log(
    `\n== cold start (load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')})`,
  );
  for (const [name, script] of Object.entries(COMMANDS)) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-cold-'));
    try {
      const first = await timeStart(script, dataDir);
      const warm: number[] = [];
      for (let run = 0; run < WARM_STARTS; run += 1) warm.push(await timeStart(script, dataDir));
      console.log(
        `${name.padEnd(10)} first start (new data folder) ${first.toFixed(0)} ms; ` +
          `existing folder: median ${median(warm).toFixed(0)} ms, best ${Math.min(...warm).toFixed(0)} ms ` +
          `(${WARM_STARTS} starts)`,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}
