import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import type { WebStoreClient } from './sdk-helpers.js';

/**
 * `localpay start` as a child process (as a user runs it), for tests that kill it or run several
 * on one database. Answers once the start banner is printed.
 */
export interface LocalpayBanner {
  readonly httpsHost: string;
  readonly httpUrl: string;
  readonly merchantId: string;
  readonly storeId: string;
  readonly publicKeyId: string;
  readonly privateKeyPath: string;
}

export interface LocalpayProcess {
  readonly child: ChildProcess;
  readonly banner: LocalpayBanner;
  /** SIGKILL: no shutdown hook runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a clean shutdown. Resolves with the exit code. */
  stop(): Promise<number | null>;
}

function readBanner(child: ChildProcess, timeoutMs: number): Promise<LocalpayBanner> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`no banner in ${timeoutMs} ms: ${out}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('NODE_EXTRA_CA_CERTS')) return;
      clearTimeout(timer);
      const field = (label: string): string =>
        new RegExp(`${label}\\s+(\\S+)`).exec(out)?.[1] ?? '';
      resolve({
        httpsHost: field('HTTPS API \\(overrideServiceUrl\\)'),
        httpUrl: field('HTTP \\(browsers, admin, tools\\)'),
        merchantId: field('merchantId'),
        storeId: field('storeId'),
        publicKeyId: field('publicKeyId'),
        privateKeyPath: field('privateKey'),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)}: ${out}`));
    });
  });
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

export async function startLocalpayProcess(
  env: Readonly<Record<string, string>>,
  timeoutMs = 30_000,
  /** Options after `start`, e.g. `['--workers', '2']`. */
  args: readonly string[] = [],
): Promise<LocalpayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'start', ...args], {
    env: {
      ...process.env,
      LOCALPAY_HTTP_PORT: '0',
      LOCALPAY_HTTPS_PORT: '0',
      LOCALPAY_LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const banner = await readBanner(child, timeoutMs);
    return {
      child,
      banner,
      async kill() {
        const gone = exited(child);
        child.kill('SIGKILL');
        await gone;
      },
      async stop() {
        const gone = exited(child);
        child.kill('SIGTERM');
        return gone;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** The official v2 SDK client of a process's default merchant, aimed at its HTTPS listener. */
export function defaultMerchantClient(banner: LocalpayBanner, region = 'na'): WebStoreClient {
  return new sdk.WebStoreClient({
    publicKeyId: banner.publicKeyId,
    privateKey: readFileSync(banner.privateKeyPath),
    region,
    sandbox: true,
    overrideServiceUrl: banner.httpsHost,
  });
}
